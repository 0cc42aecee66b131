// A whole program run collected for POST /api/run: every event in order, the end last. When
// `signal` aborts (every client waiting for it went away) the run is stopped in the sandbox.

import type { EndEvent, RunEvent } from "@looplab/sandbox";
import type { CachedRun } from "./run-cache.js";
import type { ResolvedRunOptions } from "./run-options.js";
import type { ScheduledRun } from "./scheduled-run.js";

/** Limits whose hit depends on the machine's load, not only on the snippet. */
const LOAD_DEPENDENT_LIMITS = new Set(["cpu", "memory", "wall-time"]);

export interface CollectedRun extends CachedRun {
  end: EndEvent | null;
  eventCount: number;
  /** Whether it was stopped because its clients went away. */
  abandoned: boolean;
}

export async function collectProgramRun(scheduled: ScheduledRun, options: ResolvedRunOptions, signal: AbortSignal): Promise<CollectedRun> {
  const stop = () => scheduled.stop();
  if (signal.aborted) stop();
  signal.addEventListener("abort", stop, { once: true });
  const events: RunEvent[] = [];
  let end: EndEvent | null = null;
  try {
    for await (const event of scheduled.events) {
      events.push(event);
      if (event.type === "end") end = event;
    }
  } finally {
    signal.removeEventListener("abort", stop);
  }
  const abandoned = signal.aborted;
  const deterministic =
    !abandoned &&
    options.clock === "virtual" &&
    end !== null &&
    end.reason !== "stopped" &&
    !(end.reason === "limit" && LOAD_DEPENDENT_LIMITS.has(end.limit ?? ""));
  return { body: JSON.stringify({ events }), deterministic, end, eventCount: events.length, abandoned };
}
