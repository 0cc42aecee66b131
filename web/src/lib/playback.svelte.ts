// Which moment of a run the page shows. A program run happens on a virtual clock, usually
// faster than real time, so the page shows everything at once (the default: a long sleep never
// keeps a learner waiting) or replays it at a chosen speed (×1 is real speed: one second of the
// run's clock per second); the person can also scrub to any time.

import type { RunModel } from "./run-model.svelte.ts";
import { readSetting, writeSetting } from "./settings.ts";

export type ReplayMode = "real-speed" | "at-once";

/** Replay speeds: seconds of the run's clock per real second. */
export const REPLAY_SPEEDS = [1, 10, 100] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

const MODE_KEY = "looplab:replay";
const SPEED_KEY = "looplab:replay-speed";

function storedSpeed(): ReplaySpeed {
  const stored = Number(readSetting(SPEED_KEY));
  return REPLAY_SPEEDS.find((speed) => speed === stored) ?? 1;
}

export class Playback {
  mode = $state<ReplayMode>(readSetting(MODE_KEY) === "real-speed" ? "real-speed" : "at-once");
  speed = $state<ReplaySpeed>(storedSpeed());
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

  /** Changes the replay's speed, going on from the moment shown. */
  setSpeed(speed: ReplaySpeed): void {
    this.speed = speed;
    writeSetting(SPEED_KEY, String(speed));
    if (this.playing) this.play(this.cursor);
  }

  /** Plays from `from` seconds, or from where the cursor is (from the start once it reached the end). */
  play(from?: number): void {
    const end = this.model?.lastTime ?? 0;
    const start = from ?? (Number.isFinite(this.cursor) && this.cursor < end ? this.cursor : 0);
    this.cursor = start;
    this.playing = true;
    this.anchor = performance.now() - (start * 1000) / this.speed;
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
    const time = ((performance.now() - this.anchor) / 1000) * this.speed;
    const model = this.model;
    if (model?.ended && time >= model.lastTime) {
      this.showAll();
      return;
    }
    this.cursor = time;
    this.frame = requestAnimationFrame(() => this.tick());
  }
}
