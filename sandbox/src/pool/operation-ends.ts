// The ends the main thread gives operations the worker could not end itself: a worker that
// died or was terminated, or records the host could not process. Each says why in words.

import type { CpuVerdict } from "../engine/cpu-verdict.js";
import type { EngineCounters, EngineEnd } from "../engine/messages.js";
import type { LimitName } from "../protocol-events.js";

/** How to end the operations of a worker that is gone, by operation id. */
export type EndOfLostOperation = (operationId: number) => EngineEnd;

export const NO_COUNTERS: EngineCounters = { cpuMs: 0, peakMemoryBytes: 0, tasks: 0, steps: 0, virtualSeconds: 0 };

export const RESTART_NOTICE =
  "This REPL session was restarted on a new sandbox because another session sharing its worker had to be stopped; " +
  "its variables and tasks were lost.";

export function lostToCrash(message: string): EndOfLostOperation {
  return () => ({ stop: null, failure: { name: "SandboxError", message, stack: "" }, counters: NO_COUNTERS });
}

/**
 * A worker terminated because operation `culprit` would not stop: it ends with `limit`; the
 * others on the worker (sessions that share it) did nothing wrong, and may start afresh.
 */
export function lostToWatchdog(culprit: number, limit: LimitName, cpuMs: number, why: string, cpu?: CpuVerdict): EndOfLostOperation {
  return (id) =>
    id === culprit
      ? {
          stop: cpu === undefined ? { kind: "limit", limit } : { kind: "limit", limit, cpu },
          failure: null,
          counters: { ...NO_COUNTERS, cpuMs },
        }
      : {
          stop: { kind: "stopped", message: `its sandbox worker was replaced ${why}` },
          failure: null,
          counters: NO_COUNTERS,
          restartNotice: RESTART_NOTICE,
        };
}

/**
 * The worker's engine aborted (quickjs-emscripten #269 while freeing a session's runtime, or
 * worse) after the operation that caused it had its end: the others on the worker (sessions that
 * share its engine) did nothing wrong, and may start afresh.
 */
export function lostToAbort(message: string): EndOfLostOperation {
  return () => ({
    stop: { kind: "stopped", message: `its sandbox worker was replaced after its engine aborted (${message})` },
    failure: null,
    counters: NO_COUNTERS,
    restartNotice: RESTART_NOTICE,
  });
}

/** A listener of the operation's records threw: the operation ends with that, whatever the worker said. */
export function hostFailure(error: unknown, counters: EngineCounters = NO_COUNTERS): EngineEnd {
  return {
    stop: null,
    failure: { name: "SandboxError", message: `the host could not process this run's records: ${describe(error)}`, stack: "" },
    counters,
  };
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "an error that cannot be shown";
  }
}
