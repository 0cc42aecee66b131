// asyncio.sleep (CPython tasks.sleep): a zero delay is a bare yield, exactly one loop
// iteration; otherwise a future resolved by a timer, whose handle is cancelled if the sleep is.

import type { WaitTarget } from "../events.js";
import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { NOT_NOW, withFastPath } from "./fast-path.js";
import { Future } from "./futures.js";
import type { TimerHandle } from "./handles.js";
import type { EventLoop } from "./loop.js";

export function sleep<T = undefined>(delay: number, result?: T): Coroutine<T> {
  checkDelay(delay);
  return new SleepCoroutine(delay, result as T);
}

// `await asyncio.sleep(delay)` compiled (lowering/await-now.ts) suspends the awaiting task on
// what the sleep coroutine would yield, with no coroutine at all: null, a bare yield, for a zero
// delay, else the sleep's future. Its result is undefined, as is sleep()'s without `result`.
withFastPath(sleep, {
  suspend: (_module: unknown, delay: unknown) => {
    // biome-ignore lint/suspicious/noSelfCompare: NaN's test without a global's lookup and a call; every sleep comes here.
    if (typeof delay !== "number" || delay !== delay) return NOT_NOW;
    return delay <= 0 ? null : new SleepFuture(getRunningLoop(), delay, undefined);
  },
});

function checkDelay(delay: unknown): void {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new TypeError(`sleep() delay must be a number of seconds, got ${typeof delay}`);
  }
}

/**
 * The coroutine sleep() returns, written by hand instead of as a generator: sleep is what
 * snippets await most, and a generator's object and frame held 190 bytes per sleeping task
 * (Node CPU ms: sleeps bench ~530 → ~440, ping-pong ~32 → ~28; QuickJS sleeps -9%). It
 * behaves as this generator would, step for step:
 *
 *   if (delay <= 0) { yield null; return result; }
 *   const future = loop.createFuture(); const timer = loop.callLater(delay, setResultUnlessCancelled, future, result);
 *   try { return yield future; } finally { timer.cancel(); }
 */
class SleepCoroutine<T> extends Coroutine<T> {
  future: SleepFuture<T> | null = null;

  constructor(
    readonly delay: number,
    readonly result: T,
  ) {
    super("sleep", null, true);
  }

  override resume(throwing: boolean, value: unknown): IteratorResult<unknown, unknown> {
    const state = this.state;
    this.state = "closed";
    // Thrown into before it started or after it ended, a generator raises at once.
    if (state === "closed" || state === "created") {
      if (throwing) throw value;
      if (state === "closed") return { done: true, value: undefined };
      const awaited = this.delay <= 0 ? null : (this.future = new SleepFuture(getRunningLoop(), this.delay, this.result));
      this.state = "suspended";
      return { done: false, value: awaited };
    }
    this.future?.cancelTimer();
    if (throwing) throw value;
    return { done: true, value: this.delay <= 0 ? this.result : value };
  }

  override close(): void {
    this.take();
    if (this.state === "suspended") this.future?.cancelTimer();
    this.state = "closed";
  }
}

/**
 * The future a sleep waits on, with the timer that resolves it. Cancelling it cancels the
 * timer, as the sleep coroutine's `finally` does: a task suspended on it directly (the shortcut
 * above) is cancelled through it. Its label is built only when asked for, not for every sleep.
 */
class SleepFuture<T> extends Future<T> {
  private readonly timer: TimerHandle;

  constructor(
    loop: EventLoop,
    readonly delay: number,
    readonly outcome: T,
  ) {
    super(undefined, loop);
    // The timer calls back with the future itself: no argument array (100 bytes a sleeping task).
    this.timer = loop.callAtWithArgument(loop.time() + delay, wakeUp, this as SleepFuture<unknown>);
  }

  cancelTimer(): void {
    this.timer.cancel();
  }

  override cancel(message?: string): boolean {
    this.timer.cancel();
    return super.cancel(message);
  }

  override describeWait(): WaitTarget {
    return { kind: "sleep", until: this.timer.when(), label: `sleep(${this.delay})` };
  }
}

/** futures._set_result_unless_cancelled, as the sleep's timer calls it. */
function wakeUp(future: SleepFuture<unknown>): void {
  if (!future.cancelled()) future.setResult(future.outcome);
}
