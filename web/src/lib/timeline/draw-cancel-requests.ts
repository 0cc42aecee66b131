// Cancel requests: a mark on the canceller's lane at the step that asked, and a dashed arrow
// from it to the cancelled task's lane, at the step that delivered the cancellation (or at the
// request itself while none has). The delivery is the crossed-out slot the lanes draw.

import type { CancelRequestMark } from "./cancel-marks.ts";
import { drawWakeArrow } from "./canvas-marks.ts";
import type { Palette } from "./palette.ts";
import { ROW } from "./timeline-frame.ts";
import { nearView, type TimelineScene } from "./timeline-scene.ts";

/** The row of the lane that asked, when it has one: the task behind the request, else the step's own lane. */
function requesterRow(scene: TimelineScene, request: CancelRequestMark): number | undefined {
  if (request.byTaskId !== undefined) return scene.rowOfLane.get(request.byTaskId);
  if (request.step === 0) return undefined;
  const index = scene.cache.stepIndex();
  return scene.rowOfLane.get(index.laneOf[Math.floor(request.position)]!);
}

/** The requests drawn: made by the replay's time, with the cancelled task's lane among the lanes. */
export function shownCancelRequests(scene: Pick<TimelineScene, "cache" | "rowOfLane" | "shownSteps">): CancelRequestMark[] {
  return scene.cache
    .cancelMarks()
    .requests.filter((request) => request.position < scene.shownSteps + 0.5 && scene.rowOfLane.has(request.taskId));
}

export function drawCancelRequests(scene: TimelineScene): void {
  const { context, palette, frame } = scene;
  const xAt = (position: number, time: number) => (scene.axis === "steps" ? frame.xOfSlot(position) : frame.xOfTime(time));
  for (const request of shownCancelRequests(scene)) {
    const targetRow = scene.rowOfLane.get(request.taskId)!;
    const fromRow = requesterRow(scene, request) ?? targetRow;
    if (!nearView(scene, fromRow) && !nearView(scene, targetRow)) continue;
    const fromX = xAt(request.position, request.time);
    const fromY = frame.laneY(fromRow) + ROW / 2;
    const delivery = request.delivery !== null && request.delivery.position < scene.shownSteps ? request.delivery : null;
    if (fromRow !== targetRow || delivery !== null) {
      context.strokeStyle = palette.cancelled;
      context.fillStyle = palette.cancelled;
      context.lineWidth = 1.5;
      const toX = delivery === null ? fromX + 4 : xAt(delivery.position, delivery.time);
      context.setLineDash([4, 3]);
      drawWakeArrow(context, fromX, fromY, toX, frame.laneY(targetRow) + ROW / 2);
      context.setLineDash([]);
    }
    drawRequestMark(context, palette, fromX, fromY);
  }
}

/** The request's mark: a diamond in the cancelled colour, ringed in the background's so it shows over bars. */
function drawRequestMark(context: CanvasRenderingContext2D, palette: Palette, x: number, y: number): void {
  const size = 5;
  context.beginPath();
  context.moveTo(x, y - size);
  context.lineTo(x + size, y);
  context.lineTo(x, y + size);
  context.lineTo(x - size, y);
  context.closePath();
  context.strokeStyle = palette.background;
  context.lineWidth = 1.5;
  context.stroke();
  context.fillStyle = palette.cancelled;
  context.fill();
}
