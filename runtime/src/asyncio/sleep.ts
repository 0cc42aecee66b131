// asyncio.sleep (CPython tasks.sleep): a zero delay is a bare yield, exactly one loop
// iteration; otherwise a future resolved by a timer, whose handle is cancelled if the sleep is.

import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { setResultUnlessCancelled } from "./futures.js";

export function sleep<T = undefined>(delay: number, result?: T): Coroutine<T> {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new TypeError(`sleep() delay must be a number of seconds, got ${typeof delay}`);
  }
  return Coroutine.fromFunction("sleep", function* () {
    if (delay <= 0) {
      yield null;
      return result as T;
    }
    const loop = getRunningLoop();
    const future = loop.createFuture<T>();
    const until = loop.time() + delay;
    future.waitTarget = { kind: "sleep", until, label: `sleep(${delay})` };
    const timer = loop.callAt(until, setResultUnlessCancelled, future, result);
    try {
      return (yield future) as T;
    } finally {
      timer.cancel();
    }
  });
}
