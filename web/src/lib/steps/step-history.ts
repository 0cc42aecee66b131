// The state at any step of a run, fast: a checkpoint every CHECKPOINT_INTERVAL steps, and from
// the nearest one the events up to the step asked for. Stepping forward from the step last
// asked for applies only the events in between; so a step or a scrub costs at most one copy
// and CHECKPOINT_INTERVAL steps' events, never a replay from the start.

import type { StepLog } from "./step-log.ts";
import { applyEvent, copyState, emptyState, type StepState } from "./step-state.ts";

export const CHECKPOINT_INTERVAL = 128;

export class StepHistory {
  /** `checkpoints[k]`: the state after the first `appliedTo` events, those up to step k × CHECKPOINT_INTERVAL (k = 0: none). */
  private readonly checkpoints: { appliedTo: number; state: StepState }[] = [{ appliedTo: 0, state: emptyState() }];
  /** The state after the log's first `builtTo` events, from which the next checkpoint is copied. */
  private readonly building = emptyState();
  private builtTo = 0;
  /** The last state handed out, owned by this history until the next call. */
  private current: { step: number; appliedTo: number; state: StepState } | null = null;

  constructor(private readonly log: StepLog) {}

  /** The number of steps the run has so far. */
  get length(): number {
    return this.log.steps.length;
  }

  /**
   * The state after step `step` (0: before the first step), clamped to the steps so far. The
   * object stays valid until the next call; copy it (copyState) to keep it.
   */
  stateAt(step: number): StepState {
    const target = Math.max(0, Math.min(Math.floor(step), this.length));
    const end = this.log.endOfStep(target);
    const current = this.current;
    if (current !== null && current.step <= target && current.appliedTo <= end && target - current.step < CHECKPOINT_INTERVAL) {
      this.apply(current.state, current.appliedTo, end);
      current.step = target;
      current.appliedTo = end;
      return current.state;
    }
    const checkpoint = this.checkpointBefore(target);
    const state = copyState(checkpoint.state);
    this.apply(state, checkpoint.appliedTo, end);
    this.current = { step: target, appliedTo: end, state };
    return state;
  }

  /** The latest checkpoint at or before `step`, built first if need be. */
  private checkpointBefore(step: number): { appliedTo: number; state: StepState } {
    // A checkpoint is taken only after its step's events are all in: once the next step began.
    const wanted = Math.min(Math.floor(step / CHECKPOINT_INTERVAL), Math.floor((this.length - 1) / CHECKPOINT_INTERVAL));
    while (this.checkpoints.length <= wanted) {
      const end = this.log.endOfStep(this.checkpoints.length * CHECKPOINT_INTERVAL);
      this.apply(this.building, this.builtTo, end);
      this.builtTo = end;
      this.checkpoints.push({ appliedTo: end, state: copyState(this.building) });
    }
    return this.checkpoints[Math.max(0, wanted)]!;
  }

  private apply(state: StepState, from: number, to: number): void {
    const events = this.log.stepped;
    for (let index = from; index < to; index++) applyEvent(state, events[index]!);
  }
}
