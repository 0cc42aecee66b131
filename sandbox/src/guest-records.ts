// Turns the guest's records and the engine's end report into protocol events: errors get
// their stack mapped to TypeScript, and the end event says why the run ended.

import { limitRaisedAsError } from "./engine/guest-context.js";
import type { EngineEnd } from "./engine/messages.js";
import { errorTraceback } from "./error-traceback.js";
import type { GuestError, GuestRecord } from "./guest/guest-protocol.js";
import { type Limits, limitEnd } from "./limits.js";
import type { EndEvent, ErrorEvent, RunEvent } from "./protocol-events.js";
import { boundedFrames, type StackMapper } from "./stack-frames.js";

export function errorEvent(error: GuestError, time: number, stacks: StackMapper): ErrorEvent {
  const { frames, message, traceback } = errorTraceback(error, stacks, true);
  const event: ErrorEvent = {
    type: "error",
    time,
    name: error.name,
    message,
    frames: boundedFrames(frames),
    traceback,
  };
  if (error.deadlock !== undefined) event.deadlock = error.deadlock;
  return event;
}

/** The protocol event for a record, or null for the REPL's input markers. */
export function recordEvent(record: GuestRecord, stacks: StackMapper): RunEvent | null {
  switch (record.type) {
    case "guest-error":
      return errorEvent(record.error, record.time, stacks);
    case "guest-result":
      return { type: "result", time: record.time, value: record.value };
    case "guest-traceback": {
      // Logged where a task or the loop caught it: no frames below the step that raised.
      const { traceback } = errorTraceback(record.error, stacks, false);
      return { type: "output", time: record.time, stream: record.stream, text: `${record.before}${traceback}${record.after}` };
    }
    case "input-started":
    case "input-done":
      return null;
    default:
      return record;
  }
}

/** Why the host ended a run that broke the boundary's contract, and what it means for the snippet. */
export function refusalMessage(problem: string): string {
  return `the sandbox ended this run: ${problem}. Snippets cannot send the host their own records or call the runtime's host functions`;
}

/** The end of a run: a stop the engine made wins, then the snippet's uncaught error, if any. */
export function endEvent(end: EngineEnd, uncaught: ErrorEvent | null, limits: Limits): EndEvent {
  const counters = {
    cpuMs: Math.round(end.counters.cpuMs),
    virtualSeconds: end.counters.virtualSeconds,
    tasks: end.counters.tasks,
    steps: end.counters.steps,
    peakMemoryBytes: end.counters.peakMemoryBytes,
  };
  if (end.stop?.kind === "limit") {
    return { type: "end", ...limitEnd(end.stop.limit, limits, end.stop.cpu), counters };
  }
  if (end.stop?.kind === "stopped") return { type: "end", reason: "stopped", message: end.stop.message, counters };
  if (end.stop?.kind === "refused") return { type: "end", reason: "error", message: refusalMessage(end.stop.message), counters };
  if (end.failure !== null) return { type: "end", reason: "error", message: `${end.failure.name}: ${end.failure.message}`, counters };
  if (uncaught !== null) {
    const limit = limitRaisedAsError(uncaught);
    if (limit === "memory") counters.peakMemoryBytes = Math.max(counters.peakMemoryBytes, limits.memoryBytes);
    if (limit !== null) return { type: "end", ...limitEnd(limit, limits), counters };
    const reason = uncaught.name === "DeadlockError" ? "deadlock" : "error";
    return { type: "end", reason, message: uncaught.name === "" ? uncaught.message : `${uncaught.name}: ${uncaught.message}`, counters };
  }
  return { type: "end", reason: "completed", counters };
}
