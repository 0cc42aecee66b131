// The lanes on the step axis: each step a task ran as a slot in the running colour (a delivered
// cancellation crossed out), the waits between its steps coloured by kind, the time it sat ready
// as a thin line, and its end; loop iterations as faint lines behind.

import { drawCancelMark, drawEnding, drawGridLines, drawWait } from "./canvas-marks.ts";
import { ROW } from "./timeline-frame.ts";
import type { TimelineScene } from "./timeline-scene.ts";

export function drawStepLanes(scene: TimelineScene): void {
  const { context, palette, frame, shownSteps: shown } = scene;
  const index = scene.cache.stepIndex();
  const cancels = scene.cache.cancelMarks();
  // Only where iterations are far enough apart to see.
  const lines: number[] = [];
  for (const position of index.iterationStarts) {
    if (position >= shown) break;
    const x = frame.xOfSlot(position);
    if (x - (lines.at(-1) ?? Number.NEGATIVE_INFINITY) >= 4) lines.push(x);
  }
  drawGridLines(scene, lines);
  for (let row = scene.first; row < scene.last; row++) {
    const lane = scene.lanes[row]!;
    const y = frame.laneY(row);
    const onSteps = scene.cache.stepLane(lane);
    // Many slots share a pixel in a long run: a running slot is drawn once per pixel column.
    let lastRunningColumn = Number.NEGATIVE_INFINITY;
    for (const piece of onSteps.pieces) {
      if (piece.start >= shown) break;
      // Callbacks are separate calls, not one coroutine: their lane has no waits between them.
      if (lane.task === null && piece.kind !== "running") continue;
      const x = frame.xOfSlot(piece.start);
      const pieceWidth = frame.xOfSlot(Math.min(piece.end, shown)) - x;
      if (piece.kind === "running") {
        const column = Math.floor(x);
        if (column === lastRunningColumn) continue;
        lastRunningColumn = column;
        const delivers = cancels.delivers(piece.start);
        context.fillStyle = delivers ? palette.cancelled : palette.running;
        context.fillRect(x, y + 3, Math.max(1.5, pieceWidth - (pieceWidth > 4 ? 1 : 0)), ROW - 6);
        if (delivers) {
          context.strokeStyle = palette.background;
          context.lineWidth = 2;
          drawCancelMark(context, x + Math.max(1.5, pieceWidth) / 2, y + ROW / 2, Math.min(4, Math.max(2, pieceWidth / 3)));
        }
      } else if (piece.kind === "waiting") {
        if (pieceWidth >= 1) drawWait(context, palette, piece.waitingOn, x, pieceWidth, y);
      } else if (pieceWidth >= 1) {
        // Ready: scheduled, waiting for its turn in the ready queue.
        context.fillStyle = palette.pending;
        context.fillRect(x, y + ROW / 2 - 1, pieceWidth, 2);
      }
    }
    if (onSteps.ending !== null && onSteps.ending.at <= shown)
      drawEnding(context, palette, onSteps.ending.state, frame.xOfSlot(onSteps.ending.at), y, frame.width);
  }
}
