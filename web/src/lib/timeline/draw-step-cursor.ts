// The overlay over the lanes: where the stepper or the replay is. On the step axis the stepped
// slot is outlined on its lane and the slots after it are dimmed. It has a canvas of its own, so
// a step redraws only this and not the lanes.

import { drawCursorLine } from "./canvas-marks.ts";
import { AXIS, ROW } from "./timeline-frame.ts";
import type { TimelineScene } from "./timeline-scene.ts";

export type CursorScene = Pick<
  TimelineScene,
  "context" | "palette" | "frame" | "axis" | "model" | "cache" | "rowOfLane" | "shownSteps" | "shownUntil"
>;

/** `step`: the step the stepper shows, or null when it shows the whole run. */
export function drawStepCursor(scene: CursorScene, step: number | null): void {
  const { context, palette, frame } = scene;
  if (scene.axis === "clock") {
    if (step !== null) drawCursorLine(context, palette.cursor, frame.xOfTime(scene.model.steps[step - 1]!.time), frame.height);
    else if (Number.isFinite(scene.shownUntil))
      drawCursorLine(context, palette.cursor, frame.xOfTime(Math.min(scene.shownUntil, frame.span)), frame.height);
    return;
  }
  if (step === null) {
    if (Number.isFinite(scene.shownUntil)) drawCursorLine(context, palette.cursor, frame.xOfSlot(scene.shownSteps), frame.height);
    return;
  }
  const x = frame.xOfSlot(step);
  context.save();
  context.beginPath();
  context.rect(0, AXIS, frame.width, frame.height - AXIS);
  context.clip();
  context.fillStyle = palette.background;
  context.globalAlpha = 0.55;
  context.fillRect(x, AXIS, frame.width - x, frame.height - AXIS);
  context.globalAlpha = 1;
  const row = scene.rowOfLane.get(scene.cache.stepIndex().laneOf[step - 1]!);
  if (row !== undefined) {
    const left = frame.xOfSlot(step - 1);
    context.strokeStyle = palette.text;
    context.lineWidth = 1.5;
    context.strokeRect(left - 1, frame.laneY(row) + 1.5, Math.max(3, x - left) + 2, ROW - 3);
  }
  context.restore();
  drawCursorLine(context, palette.cursor, x, frame.height);
}
