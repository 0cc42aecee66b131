// Which moment of a run the page shows. A program run happens on a virtual clock, usually
// faster than real time, so the page either replays it at real speed (one second of the
// run's clock per second) or shows everything at once; the person can also scrub to any time.

import type { RunModel } from "./run-model.svelte.ts";
import { readSetting, writeSetting } from "./settings.ts";

export type ReplayMode = "real-speed" | "at-once";

const MODE_KEY = "looplab:replay";

export class Playback {
  mode = $state<ReplayMode>(readSetting(MODE_KEY) === "at-once" ? "at-once" : "real-speed");
  /** Seconds of the run shown; Infinity shows everything that arrived. */
  cursor = $state(Number.POSITIVE_INFINITY);
  playing = $state(false);

  private model: RunModel | null = null;
  private anchor = 0;
  private frame = 0;

  /** A new run began: replay it from its start, or show it as it arrives. */
  follow(model: RunModel): void {
    this.model = model;
    if (this.mode === "real-speed") this.play(0);
    else this.showAll();
  }

  setMode(mode: ReplayMode): void {
    this.mode = mode;
    writeSetting(MODE_KEY, mode);
    if (mode === "at-once") this.showAll();
    else if (this.model !== null) this.play(0);
  }

  /** Plays from `from` seconds, or from where the cursor is (from the start once it reached the end). */
  play(from?: number): void {
    const end = this.model?.lastTime ?? 0;
    const start = from ?? (Number.isFinite(this.cursor) && this.cursor < end ? this.cursor : 0);
    this.cursor = start;
    this.playing = true;
    this.anchor = performance.now() - start * 1000;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.tick());
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }

  scrub(time: number): void {
    this.pause();
    this.cursor = Math.max(0, time);
  }

  showAll(): void {
    this.pause();
    this.cursor = Number.POSITIVE_INFINITY;
  }

  private tick(): void {
    if (!this.playing) return;
    const time = (performance.now() - this.anchor) / 1000;
    const model = this.model;
    if (model?.ended && time >= model.lastTime) {
      this.showAll();
      return;
    }
    this.cursor = time;
    this.frame = requestAnimationFrame(() => this.tick());
  }
}
