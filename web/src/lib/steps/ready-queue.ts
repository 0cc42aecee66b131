// What the loop runs next after a step, read from the steps it did run: a later step is in the
// ready queue at step n when it was scheduled by step n or before (`scheduledBy`) and is not a
// timer still in the future. What is ready runs within the current or the next loop iteration,
// so the scan stops there, and at READY_SCAN_LIMIT steps.

import type { StepEvent } from "@looplab/server/protocol";

export const READY_SCAN_LIMIT = 5000;

/** The steps ready to run after step `step` (0: before the first), in the order they will run. */
export function readyAfter(steps: readonly StepEvent[], step: number): StepEvent[] {
  const now = steps[step - 1];
  const iteration = now?.iteration ?? 0;
  const time = now?.time ?? 0;
  const ready: StepEvent[] = [];
  const last = Math.min(steps.length, step + READY_SCAN_LIMIT);
  for (let index = step; index < last; index++) {
    const next = steps[index]!;
    if (next.iteration > iteration + 1) break;
    if (next.scheduledBy > step) continue;
    if (next.timer === true && next.time > time) continue;
    ready.push(next);
  }
  return ready;
}
