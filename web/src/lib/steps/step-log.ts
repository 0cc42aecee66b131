// A run's events as the step-through view needs them: each task, resource and output event
// filed under the step it happened in. The loop sends a step's event before the events of that
// step, so the step an event belongs to is the latest step event seen.

import type { CancelEvent, ResourceEvent, RunEvent, StepEvent, TaskSpawnedEvent, TaskStateEvent } from "@looplab/server/protocol";

/** An event that changes the state the view shows at a step. */
export type SteppedEvent = TaskSpawnedEvent | TaskStateEvent | ResourceEvent | CancelEvent;

export class StepLog {
  /** Every task step and callback, in the order the loop ran them (step n is `steps[n - 1]`). */
  readonly steps: StepEvent[] = [];
  /** Task, resource and cancel events in the order they came. */
  readonly stepped: SteppedEvent[] = [];
  /** Where step n's events begin in `stepped`: `stepStarts[n - 1]`. */
  readonly stepStarts: number[] = [];
  /** The step each output arrived in (0 before the first step), one per output, in order. */
  readonly outputSteps: number[] = [];

  add(event: RunEvent): void {
    switch (event.type) {
      case "step":
        this.steps.push(event);
        this.stepStarts.push(this.stepped.length);
        return;
      case "task-spawned":
      case "task-state":
      case "resource":
      case "cancel":
        this.stepped.push(event);
        return;
      case "output":
        this.outputSteps.push(this.steps.length);
        return;
      default:
        return;
    }
  }

  /** The index in `stepped` just after the events of step `step` (step 0: the events before the first step). */
  endOfStep(step: number): number {
    if (step >= this.steps.length) return this.stepped.length;
    return this.stepStarts[step]!;
  }

  /** How many outputs arrived by the end of step `step`. */
  outputsUpTo(step: number): number {
    return upperBound(this.outputSteps, step);
  }
}

/** The number of entries of a sorted list that are at most `value`. */
export function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
