// A whole program run collected for POST /api/run: every event in order, the end last.

import { type EndEvent, type RunEvent, run } from "@looplab/sandbox";
import type { CachedRun } from "./run-cache.js";
import type { ResolvedRunOptions } from "./run-options.js";

/** Limits whose hit depends on the machine's load, not only on the snippet. */
const LOAD_DEPENDENT_LIMITS = new Set(["cpu", "memory"]);

export interface CollectedRun extends CachedRun {
  end: EndEvent | null;
  eventCount: number;
}

export async function collectProgramRun(code: string, options: ResolvedRunOptions): Promise<CollectedRun> {
  const events: RunEvent[] = [];
  let end: EndEvent | null = null;
  for await (const event of run(code, options)) {
    events.push(event);
    if (event.type === "end") end = event;
  }
  const deterministic =
    options.clock === "virtual" &&
    end !== null &&
    end.reason !== "stopped" &&
    !(end.reason === "limit" && LOAD_DEPENDENT_LIMITS.has(end.limit ?? ""));
  return { body: JSON.stringify({ events }), deterministic, end, eventCount: events.length };
}
