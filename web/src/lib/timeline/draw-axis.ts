// The timeline's axis across the top: the task count over the labels, then either the clock's
// ticks, or step numbers with the clock's time below where it moves on and loop iterations as
// ticks on the axis's edge.

import { m } from "../../paraglide/messages.js";
import { formatSeconds } from "../messages.ts";
import { ticks } from "../timeline-geometry.ts";
import { AXIS } from "./timeline-frame.ts";
import type { TimelineScene } from "./timeline-scene.ts";

export function drawAxis(scene: TimelineScene): void {
  drawAxisBase(scene);
  if (scene.axis === "steps") drawStepAxis(scene);
  else drawClockAxis(scene);
}

function drawAxisBase({ context, palette, frame, lanes }: TimelineScene): void {
  context.fillStyle = palette.background;
  context.fillRect(0, 0, frame.width, AXIS);
  context.strokeStyle = palette.grid;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(0, AXIS - 0.5);
  context.lineTo(frame.width, AXIS - 0.5);
  context.stroke();
  context.fillStyle = palette.muted;
  context.textAlign = "left";
  const tasks = lanes.filter((lane) => lane.task !== null).length;
  context.fillText(tasks === 1 ? m.timeline_task_count_one() : m.timeline_task_count({ count: tasks }), 6, AXIS / 2);
}

function drawClockAxis({ context, frame }: TimelineScene): void {
  context.textAlign = "center";
  for (const time of ticks(frame.span, Math.max(2, Math.floor(frame.plotWidth / 90)))) {
    const x = frame.xOfTime(time);
    context.fillText(formatSeconds(time), Math.min(Math.max(x, frame.plotLeft + 12), frame.width - 24), AXIS / 2);
  }
  context.textAlign = "left";
}

function drawStepAxis({ context, palette, frame, model, cache }: TimelineScene): void {
  const index = cache.stepIndex();
  // Top row: step numbers (a step's label sits at the middle of its slot).
  context.textAlign = "center";
  context.fillStyle = palette.text;
  const stepTicks = ticks(frame.slots, Math.max(2, Math.floor(frame.plotWidth / 70))).filter((tick) => Number.isInteger(tick) && tick >= 1);
  for (const tick of stepTicks) {
    const x = frame.xOfSlot(tick - 0.5);
    context.fillText(
      tick === stepTicks[0] ? m.tooltip_step({ step: tick }) : String(tick),
      Math.min(Math.max(x, frame.plotLeft + 20), frame.width - 24),
      9,
    );
  }
  // Bottom row: the clock, labelled where it moves on; iterations as ticks on the axis's edge.
  context.fillStyle = palette.muted;
  context.font = "11px system-ui, sans-serif";
  context.textAlign = "left";
  let free = frame.plotLeft;
  for (const position of [0, ...index.clockMoves]) {
    const x = frame.xOfSlot(position);
    if (x < free) continue;
    const label = formatSeconds(model.steps[position]?.time ?? 0);
    context.fillText(label, x + 2, 25);
    free = x + context.measureText(label).width + 10;
    context.fillRect(Math.round(x), 19, 1, AXIS - 19);
  }
  context.font = "12px system-ui, sans-serif";
  context.strokeStyle = palette.muted;
  context.lineWidth = 1;
  let lastTick = Number.NEGATIVE_INFINITY;
  for (const position of index.iterationStarts) {
    const x = Math.round(frame.xOfSlot(position)) + 0.5;
    if (x - lastTick < 3) continue;
    lastTick = x;
    context.beginPath();
    context.moveTo(x, AXIS - 4);
    context.lineTo(x, AXIS);
    context.stroke();
  }
}
