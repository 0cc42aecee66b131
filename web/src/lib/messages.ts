// Server refusals and endings as sentences a person understands: which limit, and when to try
// again. The server's own messages are already worded for people (docs/protocol.md); these
// add what the page knows (what the person was doing) and drop protocol jargon.

import type { EndEvent, ErrorMessage, HttpErrorBody, RunCounters } from "@looplab/server/protocol";
import type { Ending } from "./run-model.svelte.ts";

function retryAfter(seconds: number | undefined): string {
  if (seconds === undefined) return "Try again in a moment.";
  const rounded = Math.max(1, Math.ceil(seconds));
  return `Try again in ${rounded} second${rounded === 1 ? "" : "s"}.`;
}

/** A WebSocket error reply, or an HTTP refusal's body (with its status), in words. */
export function describeRefusal(
  refusal: Pick<ErrorMessage, "message" | "limit" | "retryAfterSeconds"> & { code?: ErrorMessage["code"] },
): string {
  switch (refusal.limit) {
    case "runs-per-client":
      return `You started runs faster than this server allows. ${retryAfter(refusal.retryAfterSeconds)}`;
    case "saves-per-client":
      return `You saved snippets faster than this server allows. ${retryAfter(refusal.retryAfterSeconds)}`;
    case "connections-per-client":
    case "concurrent-connections":
      return `Too many connections from your address. ${retryAfter(refusal.retryAfterSeconds)}`;
    case "runs-per-connection":
      return "Too many runs at once on this page: stop one first.";
    case "sessions-per-connection":
      return "Too many REPL sessions at once on this page: close one first.";
    case "message-size":
    case "body-size":
    case "snippet-size":
      return `This snippet is too large to send to the server (${refusal.message}).`;
    default:
      if (refusal.code === "internal") return `The server failed: ${refusal.message}. Try again.`;
      return refusal.message;
  }
}

export function httpRefusal(status: number, body: Partial<HttpErrorBody> | null, retryHeader: string | null): string {
  const retry = body?.retryAfterSeconds ?? (retryHeader === null ? undefined : Number(retryHeader));
  if (body?.error !== undefined) return describeRefusal({ message: body.error, limit: body.limit, retryAfterSeconds: retry });
  if (status === 429) return describeRefusal({ message: "too many requests", limit: "runs-per-client", retryAfterSeconds: retry });
  return `The server answered ${status}. Try again.`;
}

/** "1.5 s", "250 ms", "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return "0 s";
  if (seconds < 1) return `${Number((seconds * 1000).toPrecision(3))} ms`;
  if (seconds < 60) return `${Number(seconds.toPrecision(4))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

function countersLine(counters: RunCounters): string {
  const tasks = `${counters.tasks} task${counters.tasks === 1 ? "" : "s"}`;
  return `${formatSeconds(counters.virtualSeconds)} on the clock · ${counters.cpuMs} ms CPU · ${tasks}`;
}

function endLine(end: EndEvent): string {
  switch (end.reason) {
    case "completed":
      return "Finished";
    case "error":
      return "Ended with an error";
    case "deadlock":
      return "Deadlock: no task can ever run again";
    case "limit":
      return `Stopped by a limit: ${end.message ?? end.limit}`;
    case "stopped":
      return "Stopped";
  }
}

export interface EndingSummary {
  /** The one-line outcome. */
  text: string;
  /** How the run went: counters, when it has them. */
  detail: string | null;
  /** "ok", "error" or "stopped", for colour. */
  tone: "ok" | "error" | "stopped";
}

export function describeEnding(ending: Ending): EndingSummary {
  switch (ending.kind) {
    case "end": {
      const { end } = ending;
      const tone = end.reason === "completed" ? "ok" : end.reason === "stopped" ? "stopped" : "error";
      return { text: endLine(end), detail: countersLine(end.counters), tone };
    }
    case "stopped":
      return { text: ending.message, detail: null, tone: "stopped" };
    case "lost":
      return {
        text: "The connection to the server was lost, so this run was stopped. Run it again once reconnected.",
        detail: null,
        tone: "error",
      };
    case "refused":
      return { text: ending.message, detail: null, tone: "error" };
  }
}
