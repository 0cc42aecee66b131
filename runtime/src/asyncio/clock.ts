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

export class VirtualClock implements Clock {
  readonly virtual = true;
  private current = 0;

  now(): number {
    return this.current;
  }

  sleep(seconds: number): void {
    if (seconds > 0) this.current += seconds;
  }
}

export class RealClock implements Clock {
  readonly virtual = false;
  private readonly origin: number;

  constructor(private readonly host: RuntimeHost) {
    if (!host.now) throw new RuntimeError("the real clock needs a host that provides now()");
    this.origin = host.now();
  }

  now(): number {
    return (this.host.now as () => number)() - this.origin;
  }

  sleep(seconds: number): void {
    if (seconds <= 0) return;
    if (this.host.blockingSleep) {
      this.host.blockingSleep(seconds);
      return;
    }
    const until = this.now() + seconds;
    while (this.now() < until) {
      // No way to block this thread: spin, as a CPU-bound time.sleep would.
    }
  }
}
