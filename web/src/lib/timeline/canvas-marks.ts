// Small drawing helpers shared by both axes of the timeline's canvas.

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
