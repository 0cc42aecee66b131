// Who woke whom: an arrow from the step that scheduled a step to it, across lanes, on either
// axis. Past a few hundred in view they would be a smear: then only the followed and the
// hovered lane's arrows are drawn.

import { drawWakeArrow } from "./canvas-marks.ts";
import { ROW } from "./timeline-frame.ts";
import { nearView, type TimelineScene } from "./timeline-scene.ts";

/** Past this many wake-up arrows in view, only those of the followed or hovered lane are drawn. */
const ARROWS_DRAWN = 400;

export function drawWakeArrows(scene: TimelineScene): void {
  const { context, palette, frame, model } = scene;
  const index = scene.cache.stepIndex();
  const laneRow = (position: number) => scene.rowOfLane.get(index.laneOf[position]!);
  let arrows = scene.cache
    .wakeArrows(scene.shownSteps)
    .filter((arrow) => nearView(scene, laneRow(arrow.from)) || nearView(scene, laneRow(arrow.to)));
  if (arrows.length > ARROWS_DRAWN) {
    const keys = new Set<number>();
    if (scene.selectedTaskId !== null) keys.add(scene.selectedTaskId);
    const hovered = scene.hoveredRow === null ? undefined : scene.lanes[scene.hoveredRow];
    if (hovered !== undefined) keys.add(hovered.key);
    arrows = arrows.filter((arrow) => keys.has(index.laneOf[arrow.from]!) || keys.has(index.laneOf[arrow.to]!)).slice(0, ARROWS_DRAWN);
  }
  // On the step axis an arrow leaves the end of the waking slot for the start of the woken one.
  const xAt = (position: number, after: boolean) =>
    scene.axis === "steps" ? frame.xOfSlot(position + (after ? 1 : 0)) : frame.xOfTime(model.steps[position]!.time);
  context.strokeStyle = palette.link;
  context.fillStyle = palette.link;
  context.lineWidth = 1.25;
  context.globalAlpha = 0.8;
  for (const arrow of arrows) {
    const fromRow = laneRow(arrow.from);
    const toRow = laneRow(arrow.to);
    if (fromRow === undefined || toRow === undefined) continue;
    drawWakeArrow(context, xAt(arrow.from, true), frame.laneY(fromRow) + ROW / 2, xAt(arrow.to, false), frame.laneY(toRow) + ROW / 2);
  }
  context.globalAlpha = 1;
}
