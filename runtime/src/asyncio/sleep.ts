// asyncio.sleep (CPython tasks.sleep): a zero delay is a bare yield, exactly one loop
// iteration; otherwise a future resolved by a timer, whose handle is cancelled if the sleep is.

import type { WaitTarget } from "../events.js";
import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { Future, setResultUnlessCancelled } from "./futures.js";
import type { EventLoop } from "./loop.js";

export function sleep<T = undefined>(delay: number, result?: T): Coroutine<T> {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new TypeError(`sleep() delay must be a number of seconds, got ${typeof delay}`);
  }
  return Coroutine.wrap("sleep", delay <= 0 ? yieldOnce(result as T) : sleepFor(delay, result as T));
}

function* yieldOnce<T>(result: T): Generator<unknown, T, unknown> {
  yield null;
  return result;
}

function* sleepFor<T>(delay: number, result: T): Generator<unknown, T, unknown> {
  const loop = getRunningLoop();
  const future = new SleepFuture<T>(loop, loop.time() + delay, delay);
  const timer = loop.callAt(future.until, setResultUnlessCancelled, future, result);
  try {
    return (yield future) as T;
  } finally {
    timer.cancel();
  }
}

/** The future a sleep waits on; its label is built only when asked for (~10% of 100k sleeps). */
class SleepFuture<T> extends Future<T> {
  constructor(
    loop: EventLoop,
    readonly until: number,
    private readonly delay: number,
  ) {
    super({ loop });
  }

  override describeWait(): WaitTarget {
    return { kind: "sleep", until: this.until, label: `sleep(${this.delay})` };
  }
}
