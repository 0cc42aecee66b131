// Plays a run step by step at a speed in steps per second, moving the shared StepCursor. It
// stops at the last step; playing again from there starts over from step 0.

import type { StepCursor } from "./step-cursor.svelte.ts";

export const SPEEDS = [1, 2, 4, 8, 16, 32, 64] as const;

export class StepPlayer {
  playing = $state(false);
  /** Steps per second. */
  speed = $state<number>(2);

  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cursor: StepCursor,
    /** The run's steps so far. */
    private readonly total: () => number,
  ) {}

  play(): void {
    const total = this.total();
    if (total === 0) return;
    if (this.cursor.step >= total) this.cursor.moveTo(0, total);
    else this.cursor.moveTo(this.cursor.step, total);
    this.playing = true;
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 1000 / this.speed);
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing) return;
    const total = this.total();
    if (this.cursor.step >= total) {
      this.pause();
      return;
    }
    this.cursor.moveTo(this.cursor.step + 1, total);
    this.schedule();
  }
}
