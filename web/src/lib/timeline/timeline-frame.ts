// The timeline's geometry for one draw: where the plot sits in the canvas, where each time or
// step slot falls on it, and where each lane's row is. Plain numbers, taken once per draw and per
// pointer event: reading reactive values in the per-slot arithmetic cost most of a draw.

/** A lane's height in pixels. */
export const ROW = 22;
/** The axis's height: two rows on the step axis, the step numbers, then the clock's time where it moves. */
export const AXIS = 34;
/** How far a child lane's label is indented under its parent's, per level. */
export const INDENT = 12;

export class TimelineFrame {
  readonly labelWidth: number;
  readonly plotLeft: number;
  /** Leaves room on the right for the label of a task that ends at the last moment. */
  readonly plotWidth: number;

  constructor(
    /** The canvas's size in CSS pixels. */
    readonly width: number,
    readonly height: number,
    /** How far the lanes are scrolled, in pixels. */
    readonly scrollTop: number,
    /** Slots on the step axis: every step that arrived (at least one). */
    readonly slots: number,
    /** Seconds on the clock axis (more than zero). */
    readonly span: number,
  ) {
    this.labelWidth = Math.min(200, Math.max(100, width * 0.28));
    this.plotLeft = this.labelWidth + 8;
    this.plotWidth = Math.max(10, width - this.plotLeft - 76);
  }

  xOfTime(time: number): number {
    return this.plotLeft + (time / this.span) * this.plotWidth;
  }

  timeOf(x: number): number {
    return Math.max(0, ((x - this.plotLeft) / this.plotWidth) * this.span);
  }

  /** The left edge of slot `position` on the step axis. */
  xOfSlot(position: number): number {
    return this.plotLeft + (position / this.slots) * this.plotWidth;
  }

  slotOf(x: number): number {
    return Math.floor(((x - this.plotLeft) / this.plotWidth) * this.slots);
  }

  /** The top of row `row` in the canvas. */
  laneY(row: number): number {
    return AXIS + row * ROW - this.scrollTop;
  }

  /** The row under canvas height `y` (negative or past the lanes off them). */
  rowAt(y: number): number {
    return Math.floor((y - AXIS + this.scrollTop) / ROW);
  }

  /** The rows in view, [first, last), of `count` lanes. */
  rowsInView(count: number): { first: number; last: number } {
    const first = Math.max(0, Math.floor(this.scrollTop / ROW));
    const last = Math.min(count, Math.ceil((this.scrollTop + this.height - AXIS) / ROW) + 1);
    return { first, last };
  }
}
