// The label column: each lane's state as a dot (a square for the loop's callbacks), its task
// name and its coroutine call, over a background that hides what the plot drew left of it.

import { stateAt } from "../timeline-geometry.ts";
import { clipText } from "./canvas-marks.ts";
import { INDENT, ROW } from "./timeline-frame.ts";
import { laneName } from "./timeline-lanes.ts";
import type { TimelineScene } from "./timeline-scene.ts";

/** The followed and the hovered lane: a highlight across the whole row, under what is drawn on it. */
export function drawRowHighlights({ context, palette, frame, lanes, first, last, selectedTaskId, hoveredRow }: TimelineScene): void {
  context.fillStyle = palette.hover;
  for (let row = first; row < last; row++) {
    const task = lanes[row]!.task;
    if (hoveredRow === row || (task !== null && task.id === selectedTaskId)) context.fillRect(0, frame.laneY(row), frame.width, ROW);
  }
}

export function drawLaneLabels(scene: TimelineScene): void {
  const { context, palette, frame } = scene;
  for (let row = scene.first; row < scene.last; row++) {
    const lane = scene.lanes[row]!;
    const y = frame.laneY(row);
    const highlighted = scene.hoveredRow === row || (lane.task !== null && lane.task.id === scene.selectedTaskId);
    context.fillStyle = highlighted ? palette.hover : palette.background;
    context.fillRect(0, y, frame.plotLeft - 2, ROW);
    const left = 6 + Math.min(lane.depth, 8) * INDENT;
    const state = lane.task === null ? "running" : stateAt(lane.task, scene.shownUntil);
    context.fillStyle = palette[state ?? "pending"];
    context.beginPath();
    if (lane.task === null) context.rect(left, y + ROW / 2 - 4, 8, 8);
    else context.arc(left + 4, y + ROW / 2, 4, 0, Math.PI * 2);
    context.fill();
    const { name, call } = laneName(lane);
    const room = frame.labelWidth - left - 12;
    context.fillStyle = state === null ? palette.muted : palette.text;
    const shownName = clipText(context, name, room);
    if (shownName === null) continue;
    context.fillText(shownName, left + 12, y + ROW / 2);
    const used = context.measureText(`${shownName} `).width;
    const shownCall = call === "" ? null : clipText(context, call, room - used);
    if (shownCall !== null) {
      context.fillStyle = palette.muted;
      context.fillText(shownCall, left + 12 + used, y + ROW / 2);
    }
  }
}
