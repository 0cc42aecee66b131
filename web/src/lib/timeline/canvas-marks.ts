// Small drawing helpers shared by both axes of the timeline's canvas.

import type { TaskState, WaitTarget } from "@looplab/server/protocol";
import { taskStateName } from "../i18n/task-state-names.ts";
import { waitWords } from "../i18n/wait-words.ts";
import type { Palette } from "./palette.ts";
import { AXIS, ROW } from "./timeline-frame.ts";
import type { TimelineScene } from "./timeline-scene.ts";
import { waitFamily } from "./wait-kinds.ts";

/** `text` cut with an ellipsis to fit `room` pixels, or null when nothing fits. */
export function clipText(context: CanvasRenderingContext2D, text: string, room: number): string | null {
  if (room < 12) return null;
  if (context.measureText(text).width <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (context.measureText(`${text.slice(0, middle)}…`).width <= room) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? null : `${text.slice(0, low)}…`;
}

/** A wake-up arrow: a curve from the end of the waking step to the start of the woken one, with a head. */
export function drawWakeArrow(context: CanvasRenderingContext2D, fromX: number, fromY: number, toX: number, toY: number): void {
  const bend = Math.max(8, Math.min(40, Math.abs(toX - fromX) / 2));
  context.beginPath();
  context.moveTo(fromX, fromY);
  context.bezierCurveTo(fromX + bend, fromY, toX - bend, toY, toX, toY);
  context.stroke();
  // The head points along the curve's last tangent, which is horizontal.
  context.beginPath();
  context.moveTo(toX, toY);
  context.lineTo(toX - 6, toY - 3.5);
  context.lineTo(toX - 6, toY + 3.5);
  context.closePath();
  context.fill();
}

/** A cancellation's mark: a small cross centred on (x, y). */
export function drawCancelMark(context: CanvasRenderingContext2D, x: number, y: number, size: number): void {
  context.beginPath();
  context.moveTo(x - size, y - size);
  context.lineTo(x + size, y + size);
  context.moveTo(x + size, y - size);
  context.lineTo(x - size, y + size);
  context.stroke();
}

/** A task's end: a bar across its lane in the final state's colour, labelled with the state where there is room. */
export function drawEnding(
  context: CanvasRenderingContext2D,
  palette: Palette,
  state: TaskState,
  x: number,
  y: number,
  width: number,
): void {
  context.fillStyle = palette[state];
  context.fillRect(x - 1, y + 2, 4, ROW - 4);
  const label = clipText(context, taskStateName(state), width - x - 10);
  if (label !== null) context.fillText(label, x + 6, y + ROW / 2);
}

/** A wait: a pale bar in its family's colour with a solid start, labelled when there is room. */
export function drawWait(
  context: CanvasRenderingContext2D,
  palette: Palette,
  waitingOn: WaitTarget | undefined,
  x: number,
  barWidth: number,
  y: number,
): void {
  context.fillStyle = palette[`wait-${waitFamily(waitingOn)}`];
  context.globalAlpha = 0.35;
  context.fillRect(x, y + 4, barWidth, ROW - 8);
  context.globalAlpha = 1;
  context.fillRect(x, y + 4, Math.min(2, barWidth), ROW - 8);
  const label = waitingOn === undefined ? null : clipText(context, waitWords(waitingOn), barWidth - 8);
  if (label !== null) {
    context.fillStyle = palette.text;
    context.fillText(label, x + 5, y + ROW / 2);
  }
}

/** A line down the whole height at `x`: where the replay or the stepper is. */
export function drawCursorLine(context: CanvasRenderingContext2D, colour: string, x: number, height: number): void {
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(Math.round(x) + 0.5, 2);
  context.lineTo(Math.round(x) + 0.5, height);
  context.stroke();
}

/** Faint lines down the lanes at each x: the clock's ticks, or where loop iterations begin. */
export function drawGridLines(
  { context, palette, frame }: Pick<TimelineScene, "context" | "palette" | "frame">,
  xs: readonly number[],
): void {
  context.strokeStyle = palette.grid;
  context.lineWidth = 1;
  context.beginPath();
  for (const x of xs) {
    const pixel = Math.round(x) + 0.5;
    context.moveTo(pixel, AXIS);
    context.lineTo(pixel, frame.height);
  }
  context.stroke();
}
