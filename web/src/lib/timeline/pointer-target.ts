// What the pointer is over on the timeline: a segment of a task's life on the clock axis, or a
// piece of a lane on the step axis.

import type { RunModel } from "../run-model.svelte.ts";
import { type Segment, segmentAt, segmentsOf } from "../timeline-geometry.ts";
import { type LanePiece, pieceAt } from "./step-lane.ts";
import type { TimelineCache } from "./timeline-cache.ts";
import type { TimelineFrame } from "./timeline-frame.ts";
import type { DrawnLane } from "./timeline-lanes.ts";

/** The segment under `x` on a lane on the clock axis, with a few pixels' slack so instants can be pointed at. */
export function segmentUnder(
  model: RunModel,
  frame: TimelineFrame,
  lane: DrawnLane | undefined,
  x: number,
  shownUntil: number,
): Segment | null {
  if (lane?.task == null) return null;
  const slack = (4 / frame.plotWidth) * frame.span;
  return segmentAt(segmentsOf(lane.task, shownUntil, model.now()), frame.timeOf(x), slack);
}

/** The piece under `x` on a lane on the step axis, among the steps shown. */
export function pieceUnder(
  cache: TimelineCache,
  frame: TimelineFrame,
  lane: DrawnLane | undefined,
  x: number,
  shownSteps: number,
): LanePiece | null {
  if (lane === undefined) return null;
  const position = frame.slotOf(x);
  if (position < 0 || position >= shownSteps) return null;
  return pieceAt(cache.stepLane(lane), position);
}
