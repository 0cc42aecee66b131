// Who woke the task of a step: the step that scheduled it (StepEvent.scheduledBy), followed back
// through callbacks (a gather's onChildDone, a timer's wake-up) to the task or the timer behind them.

import type { StepEvent } from "@looplab/server/protocol";

export type WakeCause =
  | { kind: "task"; taskId: number; step: number }
  | { kind: "timer"; step: number }
  | { kind: "cancellation" }
  | { kind: "start" };

/** Callbacks chain rarely more than twice; the bound keeps a pathological chain cheap. */
const MAX_CALLBACK_HOPS = 16;

export function wakeCause(steps: readonly StepEvent[], step: number): WakeCause | null {
  const ran = steps[step - 1];
  if (ran === undefined) return null;
  if (ran.cancelled === true && ran.scheduledBy === 0) return { kind: "cancellation" };
  let by = ran.scheduledBy;
  for (let hop = 0; hop < MAX_CALLBACK_HOPS; hop++) {
    const scheduler = steps[by - 1];
    if (scheduler === undefined) return { kind: "start" };
    if (scheduler.timer === true) return { kind: "timer", step: scheduler.step };
    if (scheduler.taskId !== undefined) return { kind: "task", taskId: scheduler.taskId, step: scheduler.step };
    by = scheduler.scheduledBy;
  }
  return { kind: "start" };
}
