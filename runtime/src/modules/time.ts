// Python's time module on the run's clock. time.sleep() blocks the whole loop, the mistake
// the tutorials warn about: on the virtual clock it moves time forward while nothing else runs.
// Inside a function running on a worker thread (asyncio/worker-thread.ts) it spends only that
// thread's time, and gevent's monkey.patch_all() makes it gevent.sleep.

import { ValueError } from "../asyncio/exceptions.js";
import { currentWorkerThread } from "../asyncio/worker-thread.js";
import { perRun } from "../per-run.js";
import { activeRuntime } from "../runtime.js";

/** The virtual clock's epoch: 2024-01-01T00:00:00Z, so time.time() looks like a real date. */
const VIRTUAL_EPOCH = 1_704_067_200;

/** What replaces the blocking sleep for the rest of a run (gevent's monkey patching). */
const patchedSleep = perRun((): { sleep: ((seconds: number) => unknown) | null } => ({ sleep: null }));

export function patchSleep(sleep: (seconds: number) => unknown): void {
  patchedSleep().sleep = sleep;
}

/** Whether blocking calls are cooperative in this run (gevent's monkey.patch_all()). */
export function isSleepPatched(): boolean {
  return patchedSleep().sleep !== null;
}

function now(): number {
  return currentWorkerThread()?.now ?? activeRuntime().clock.now();
}

export const time = {
  time(): number {
    const runtime = activeRuntime();
    return runtime.clock.virtual ? VIRTUAL_EPOCH + now() : Date.now() / 1000 + (currentWorkerThread()?.elapsed ?? 0);
  },
  perfCounter: now,
  perf_counter: now,
  monotonic: now,
  sleep(seconds: number): unknown {
    if (typeof seconds !== "number" || Number.isNaN(seconds)) throw new TypeError("time.sleep() needs a number of seconds");
    if (seconds < 0) throw new ValueError("sleep length must be non-negative");
    const thread = currentWorkerThread();
    if (thread !== null) return thread.sleep(seconds);
    const patched = patchedSleep().sleep;
    if (patched !== null) return patched(seconds);
    activeRuntime().blockingSleep(seconds);
  },
};
