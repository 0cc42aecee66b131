// The loop's steps indexed for the step axis: which lane each step belongs to, each lane's steps,
// where loop iterations begin and where the clock moves on. Grown in place as steps arrive, so
// a live run of 100,000 events is indexed once, not once per frame.

import type { StepEvent } from "@looplab/server/protocol";

/** The lane of the loop's own callbacks, which belong to no task. */
export const CALLBACK_LANE = -1;

export class StepIndex {
  /** Steps indexed so far (positions 0 .. count - 1 of the run's steps). */
  count = 0;
  /** Each step's lane: its task id, or CALLBACK_LANE. */
  readonly laneOf: number[] = [];
  /** Per lane, the positions of its steps, ascending. */
  readonly positionsByLane = new Map<number, number[]>();
  /** The position of each loop iteration's first step, ascending. */
  readonly iterationStarts: number[] = [];
  /** The positions where the virtual clock shows a later time than the step before. */
  readonly clockMoves: number[] = [];
  /** Task steps at the same time as the task step before them: many say the clock hides the order. */
  sameInstantTaskSteps = 0;
  taskSteps = 0;

  private readonly firstOfIteration = new Map<number, number>();
  private lastTaskStepTime = Number.NaN;

  /** Indexes the steps that arrived since the last call. */
  update(steps: readonly StepEvent[]): this {
    for (let position = this.count; position < steps.length; position++) {
      const step = steps[position]!;
      const lane = step.taskId ?? CALLBACK_LANE;
      this.laneOf.push(lane);
      const positions = this.positionsByLane.get(lane);
      if (positions === undefined) this.positionsByLane.set(lane, [position]);
      else positions.push(position);
      const previous = steps[position - 1];
      if (previous === undefined || previous.iteration !== step.iteration) {
        this.iterationStarts.push(position);
        if (!this.firstOfIteration.has(step.iteration)) this.firstOfIteration.set(step.iteration, position);
      }
      if (previous !== undefined && step.time > previous.time) this.clockMoves.push(position);
      if (step.taskId !== undefined) {
        this.taskSteps++;
        if (step.time === this.lastTaskStepTime) this.sameInstantTaskSteps++;
        this.lastTaskStepTime = step.time;
      }
    }
    this.count = steps.length;
    return this;
  }

  /** The position of step number `step` (steps are numbered from 1 in the order they ran), or -1. */
  positionOf(steps: readonly StepEvent[], step: number): number {
    if (steps[step - 1]?.step === step) return step - 1;
    let low = 0;
    let high = steps.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = steps[middle]!.step;
      if (found === step) return middle;
      if (found < step) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The position of the first step of a loop iteration, or -1. */
  iterationStart(iteration: number): number {
    return this.firstOfIteration.get(iteration) ?? -1;
  }
}

/**
 * The step axis suits a run when the clock would hide its order: most of its task steps share
 * their instant with the task step before them (ping-pong, generators, greenlets). Tasks that
 * start together and then sleep for different times (half of their steps) stay on the clock.
 */
export function prefersStepAxis(index: StepIndex): boolean {
  return index.taskSteps >= 2 && index.sameInstantTaskSteps * 2 > index.taskSteps;
}

/** The number of steps that ran at or before `time` (times never decrease along the steps). */
export function stepsUntil(steps: readonly StepEvent[], time: number): number {
  if (!Number.isFinite(time)) return steps.length;
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (steps[middle]!.time <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}
