// Where the stepper or the replay is, as the timeline marks it over its lanes: a line down the
// plot, and on the step axis the stepped slot outlined on its lane with the slots after it
// dimmed. Plain boxes in the timeline's pixels: the page draws them as elements over the lanes'
// canvas, so a step moves three boxes and the lanes are not drawn again.

import type { StepEvent } from "@looplab/server/protocol";
import { AXIS, ROW, type TimelineFrame } from "./timeline-frame.ts";
import type { TimelineAxis } from "./timeline-lanes.ts";

export interface CursorMarks {
  /** The cursor line's x, or null for none. */
  line: number | null;
  /** Where the dimmed slots begin, or null for none. */
  dimFrom: number | null;
  /** The stepped slot's box on its lane, or null when it is out of view or there is none. */
  outline: { left: number; top: number; width: number; height: number } | null;
}

export interface CursorInputs {
  frame: TimelineFrame;
  axis: TimelineAxis;
  steps: readonly StepEvent[];
  /** The stepped step, or null when the stepper shows the whole run. */
  step: number | null;
  /** The row of the stepped step's lane, if drawn. */
  steppedRow: number | undefined;
  /** The replay's time (Infinity: everything shown) and the steps that ran by it. */
  shownUntil: number;
  shownSteps: number;
}

export function cursorMarks({ frame, axis, steps, step, steppedRow, shownUntil, shownSteps }: CursorInputs): CursorMarks {
  const none: CursorMarks = { line: null, dimFrom: null, outline: null };
  if (axis === "clock") {
    if (step !== null) return { ...none, line: frame.xOfTime(steps[step - 1]!.time) };
    return Number.isFinite(shownUntil) ? { ...none, line: frame.xOfTime(Math.min(shownUntil, frame.span)) } : none;
  }
  if (step === null) return Number.isFinite(shownUntil) ? { ...none, line: frame.xOfSlot(shownSteps) } : none;
  const x = frame.xOfSlot(step);
  let outline: CursorMarks["outline"] = null;
  if (steppedRow !== undefined) {
    const left = frame.xOfSlot(step - 1) - 1;
    const top = frame.laneY(steppedRow) + 1.5;
    if (top >= AXIS && top + ROW - 3 <= frame.height) outline = { left, top, width: Math.max(3, x - left) + 1, height: ROW - 3 };
  }
  return { line: x, dimFrom: x, outline };
}
