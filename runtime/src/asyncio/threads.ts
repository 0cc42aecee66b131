// asyncio.to_thread (CPython Lib/asyncio/threads.py): run a plain function on the running
// loop's default executor and await its result, without blocking the loop.

import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";

export function toThread<T>(call: (...args: unknown[]) => T, ...args: unknown[]): Coroutine<T> {
  return Coroutine.fromFunction("to_thread", function* () {
    return (yield getRunningLoop().runInExecutor(null, call, ...args)) as T;
  });
}
