// Python's time module on the run's clock. time.sleep() blocks the whole loop, the mistake
// the tutorials warn about: on the virtual clock it moves time forward while nothing else runs.

import { ValueError } from "../asyncio/exceptions.js";
import { activeRuntime } from "../runtime.js";

/** The virtual clock's epoch: 2024-01-01T00:00:00Z, so time.time() looks like a real date. */
const VIRTUAL_EPOCH = 1_704_067_200;

function now(): number {
  return activeRuntime().clock.now();
}

export const time = {
  time(): number {
    const runtime = activeRuntime();
    return runtime.clock.virtual ? VIRTUAL_EPOCH + runtime.clock.now() : Date.now() / 1000;
  },
  perfCounter: now,
  perf_counter: now,
  monotonic: now,
  sleep(seconds: number): void {
    if (typeof seconds !== "number" || Number.isNaN(seconds)) throw new TypeError("time.sleep() needs a number of seconds");
    if (seconds < 0) throw new ValueError("sleep length must be non-negative");
    activeRuntime().clock.sleep(seconds);
  },
};
