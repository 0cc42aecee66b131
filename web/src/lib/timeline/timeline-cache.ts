// What the timeline derives from a run, kept between draws: the step index, each lane's pieces
// on the step axis, every wake-up arrow and the cancellations. The index, the arrows and the
// cancellations grow in place as events arrive; a lane's pieces are made again when steps arrive
// (its open wait reaches the new last step), and only for the lanes drawn.

import type { RunModel } from "../run-model.svelte.ts";
import { CancelMarks } from "./cancel-marks.ts";
import { StepIndex } from "./step-index.ts";
import { type StepLane, stepLane, type WakeArrow, wakeArrows } from "./step-lane.ts";
import type { DrawnLane } from "./timeline-lanes.ts";

export class TimelineCache {
  private index = new StepIndex();
  private readonly lanes = new Map<number, StepLane>();
  private readonly arrows: WakeArrow[] = [];
  private readonly cancels = new CancelMarks();
  private lanesForVersion = -1;
  private arrowsUpTo = 0;

  constructor(readonly model: RunModel) {}

  /** The steps indexed, up to the latest. */
  stepIndex(): StepIndex {
    const steps = this.model.steps;
    if (this.index.count !== steps.length) {
      this.index.update(steps);
      for (const arrow of wakeArrows(steps, this.index, this.arrowsUpTo, steps.length, Number.POSITIVE_INFINITY)) this.arrows.push(arrow);
      this.arrowsUpTo = steps.length;
    }
    return this.index;
  }

  /** A lane's pieces on the step axis. */
  stepLane(lane: DrawnLane): StepLane {
    const index = this.stepIndex();
    const steps = this.model.steps;
    // Any new event may change a lane: a step extends its open wait, a state change ends it.
    if (this.lanesForVersion !== this.model.version) {
      this.lanesForVersion = this.model.version;
      this.lanes.clear();
    }
    let cached = this.lanes.get(lane.key);
    if (cached === undefined) {
      cached = stepLane(lane.task?.changes ?? [], index.positionsByLane.get(lane.key) ?? [], steps, index, steps.length);
      this.lanes.set(lane.key, cached);
    }
    return cached;
  }

  /** The wake-up arrows into the first `shown` steps, in the order of the steps they point at. */
  wakeArrows(shown: number): readonly WakeArrow[] {
    this.stepIndex();
    let low = 0;
    let high = this.arrows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.arrows[middle]!.to < shown) low = middle + 1;
      else high = middle;
    }
    return low === this.arrows.length ? this.arrows : this.arrows.slice(0, low);
  }

  cancelMarks(): CancelMarks {
    return this.cancels.update(this.model.events);
  }
}
