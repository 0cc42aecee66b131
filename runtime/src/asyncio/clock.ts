// The loop's notion of time. The virtual clock only moves when the loop has nothing ready
// (it jumps to the next timer) or when a blocking time.sleep() "spends" time; CPU work never
// moves it, which is what makes every run of a program print the same thing.

import type { RuntimeHost } from "../host.js";
import { RuntimeError } from "./exceptions.js";

export interface Clock {
  readonly virtual: boolean;
  now(): number;
  /** Passes `seconds` blocking the whole thread: the loop runs nothing meanwhile. */
  sleep(seconds: number): void;
}

// Fields are #private and instances sealed, prototypes frozen: a snippet reaches the clock
// (loop.runtime.clock), and the host's clock limit must see every move.

export class VirtualClock implements Clock {
  readonly virtual = true;
  #current = 0;
  readonly #onMoved: ((now: number) => void) | undefined;

  constructor(host: RuntimeHost = {}) {
    this.#onMoved = host.onClockMoved;
    Object.seal(this);
  }

  now(): number {
    return this.#current;
  }

  sleep(seconds: number): void {
    if (!(seconds > 0)) return;
    this.#current += seconds;
    this.#onMoved?.(this.#current);
  }
}

export class RealClock implements Clock {
  readonly virtual = false;
  readonly #origin: number;
  readonly #host: RuntimeHost;

  constructor(host: RuntimeHost) {
    if (!host.now) throw new RuntimeError("the real clock needs a host that provides now()");
    this.#host = host;
    this.#origin = host.now();
    Object.seal(this);
  }

  now(): number {
    return (this.#host.now as () => number)() - this.#origin;
  }

  sleep(seconds: number): void {
    if (!(seconds > 0)) return;
    const host = this.#host;
    if (host.blockingSleep) host.blockingSleep(seconds);
    else {
      const until = this.now() + seconds;
      while (this.now() < until) {
        // No way to block this thread: spin, as a CPU-bound time.sleep would.
      }
    }
    host.onClockMoved?.(this.now());
  }
}

Object.freeze(VirtualClock.prototype);
Object.freeze(RealClock.prototype);
