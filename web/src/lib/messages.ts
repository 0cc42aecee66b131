// Server refusals and endings as sentences a person understands: which limit, and when to try
// again. The server's own messages are already worded for people (docs/protocol.md); these
// add what the page knows (what the person was doing) and drop protocol jargon.

import type { EndEvent, ErrorMessage, HttpErrorBody, RunCounters } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import { limitSentence } from "./limit-words.ts";
import type { Ending } from "./run-model.svelte.ts";

function retryAfter(seconds: number | undefined): string {
  if (seconds === undefined) return m.refusal_retry_moment();
  const rounded = Math.max(1, Math.ceil(seconds));
  return rounded === 1 ? m.refusal_retry_one_second() : m.refusal_retry_seconds({ seconds: rounded });
}

/** A WebSocket error reply, or an HTTP refusal's body (with its status), in words. */
export function describeRefusal(
  refusal: Pick<ErrorMessage, "message" | "limit" | "retryAfterSeconds"> & { code?: ErrorMessage["code"] },
): string {
  switch (refusal.limit) {
    case "runs-per-client":
      return m.refusal_runs_per_client({ retry: retryAfter(refusal.retryAfterSeconds) });
    case "saves-per-client":
      return m.refusal_saves_per_client({ retry: retryAfter(refusal.retryAfterSeconds) });
    case "connections-per-client":
    case "concurrent-connections":
      return m.refusal_connections({ retry: retryAfter(refusal.retryAfterSeconds) });
    case "runs-per-connection":
      return m.refusal_runs_per_connection();
    case "sessions-per-connection":
      return m.refusal_sessions_per_connection();
    case "message-size":
    case "body-size":
    case "snippet-size":
      return m.refusal_too_large({ detail: refusal.message });
    default:
      // Anything the page has no words for is shown in the server's own (English) words.
      if (refusal.code === "internal") return m.refusal_internal({ detail: refusal.message });
      return refusal.message;
  }
}

export function httpRefusal(status: number, body: Partial<HttpErrorBody> | null, retryHeader: string | null): string {
  const retry = body?.retryAfterSeconds ?? (retryHeader === null ? undefined : Number(retryHeader));
  if (body?.error !== undefined) return describeRefusal({ message: body.error, limit: body.limit, retryAfterSeconds: retry });
  if (status === 429) return describeRefusal({ message: "too many requests", limit: "runs-per-client", retryAfterSeconds: retry });
  return m.refusal_http_status({ status });
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
  const clock = formatSeconds(counters.virtualSeconds);
  if (counters.tasks === 1) return m.counters_line_one_task({ clock, cpu: counters.cpuMs });
  return m.counters_line({ clock, cpu: counters.cpuMs, tasks: counters.tasks });
}

function endLine(end: EndEvent): string {
  switch (end.reason) {
    case "completed":
      return m.end_completed();
    case "error":
      return m.end_error();
    case "deadlock":
      return m.end_deadlock();
    case "limit":
      return m.end_limit({ detail: limitSentence(end) });
    case "stopped":
      return m.end_stopped();
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
      return { text: ending.words(), detail: null, tone: "stopped" };
    case "lost":
      return {
        text: m.end_lost(),
        detail: null,
        tone: "error",
      };
    case "refused":
      return { text: ending.words(), detail: null, tone: "error" };
  }
}
