// The lanes on the clock axis: each state a segment at its time, waits coloured by kind, the
// time grid behind, delivered cancellations crossed, and a hovered wait's link to the tasks it
// awaits.

import { awaitedTaskIds, type Segment, segmentsOf, ticks } from "../timeline-geometry.ts";
import { drawCancelMark, drawEnding, drawGridLines, drawWait } from "./canvas-marks.ts";
import { ROW } from "./timeline-frame.ts";
import type { TimelineScene } from "./timeline-scene.ts";

/** The pointer over a wait on the clock axis: its row, its x and the segment under it. */
export interface HoveredSegment {
  row: number;
  x: number;
  segment: Segment;
}

export function drawClockLanes(scene: TimelineScene, hovered: HoveredSegment | null): void {
  const { context, palette, frame, model } = scene;
  const now = model.now();
  drawGridLines(
    scene,
    ticks(frame.span, Math.max(2, Math.floor(frame.plotWidth / 90))).map((time) => frame.xOfTime(time)),
  );
  for (let row = scene.first; row < scene.last; row++) {
    const lane = scene.lanes[row]!;
    if (lane.task === null) continue;
    const y = frame.laneY(row);
    // Many segments share a pixel in a long run (all of ping-pong's are at 0 s): one each.
    let lastColumn = Number.NEGATIVE_INFINITY;
    for (const segment of segmentsOf(lane.task, scene.shownUntil, now)) {
      const column = Math.floor(frame.xOfTime(segment.start));
      if (!segment.terminal && column === lastColumn && Math.floor(frame.xOfTime(segment.end)) === column) continue;
      lastColumn = column;
      drawSegment(scene, segment, y);
    }
  }
  // Delivered cancellations, at the time of the step that delivered them.
  context.strokeStyle = palette.cancelled;
  context.lineWidth = 2;
  const index = scene.cache.stepIndex();
  for (const position of scene.cache.cancelMarks().deliveries) {
    const row = scene.rowOfLane.get(index.laneOf[position]!);
    const time = model.steps[position]!.time;
    if (row !== undefined && row >= scene.first && row < scene.last && time <= scene.shownUntil)
      drawCancelMark(context, frame.xOfTime(time), frame.laneY(row) + 4, 3);
  }
  if (hovered !== null) drawAwaitedLinks(scene, hovered);
}

function drawSegment(scene: TimelineScene, segment: Segment, y: number): void {
  const { context, palette, frame } = scene;
  const x = frame.xOfTime(segment.start);
  if (segment.terminal) {
    drawEnding(context, palette, segment.state, x, y, frame.width);
    return;
  }
  const barWidth = Math.max(2, frame.xOfTime(segment.end) - x);
  if (segment.state === "waiting") drawWait(context, palette, segment.waitingOn, x, barWidth, y);
  else {
    context.fillStyle = palette[segment.state];
    context.fillRect(x, y + 4, barWidth, ROW - 8);
  }
}

/** A hovered wait on other tasks points at their lanes. */
function drawAwaitedLinks(scene: TimelineScene, { row, x: pointerX, segment }: HoveredSegment): void {
  const { context, palette, frame } = scene;
  const from = frame.laneY(row) + ROW / 2;
  // The link leaves the wait where the pointer is, clear of the segment's label.
  const x = Math.min(Math.max(pointerX, frame.xOfTime(segment.start) + 4), frame.xOfTime(segment.end) + 4);
  context.strokeStyle = palette.link;
  context.fillStyle = palette.link;
  context.lineWidth = 1.5;
  for (const taskId of awaitedTaskIds(segment.waitingOn)) {
    const target = scene.rowOfLane.get(taskId);
    if (target === undefined) continue;
    const to = frame.laneY(target) + ROW / 2;
    context.beginPath();
    context.moveTo(x, from);
    context.lineTo(x, to);
    context.lineTo(x + 6, to);
    context.stroke();
    context.beginPath();
    context.arc(x + 8, to, 2.5, 0, Math.PI * 2);
    context.fill();
  }
}
