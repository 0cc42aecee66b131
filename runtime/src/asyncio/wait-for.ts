// asyncio.wait_for (CPython 3.12 tasks.wait_for): `async with timeout(t): return await aw`.
// A coroutine runs inline in the caller's task and a task is awaited, so on timeout the
// cancellation reaches the awaitable and wait_for waits for it to finish: if it swallows the
// cancellation and returns, that value is the result; if it ends cancelled, TimeoutError.
// A timeout <= 0 cancels at once, before a coroutine has run a single line.

import { isOptionsObject, option } from "../python-names.js";
import { cancelOnBehalf } from "./cancel-on-behalf.js";
import { asyncWith } from "./context-managers.js";
import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { CancelledError } from "./exceptions.js";
import type { Future } from "./futures.js";
import { ensureFutureOn } from "./loop.js";
import { timeoutErrorFrom, waitForTimeout } from "./timeouts.js";

export function waitFor<T = unknown>(awaitable: unknown, delay?: number | null | { timeout?: number | null }): Coroutine<T> {
  const seconds = isOptionsObject(delay) ? option(delay, "timeout", null) : (delay ?? null);
  return Coroutine.wrap("wait_for", waitForBody<T>(awaitable, seconds));
}

// A module-level generator function, not a closure made per call (see Coroutine.wrap).
function* waitForBody<T>(awaitable: unknown, seconds: number | null): Generator<unknown, T, unknown> {
  if (seconds !== null && seconds <= 0) {
    const future = ensureFutureOn<T>(getRunningLoop(), awaitable);
    if (future.done()) return future.result();
    yield* cancelAndWait(future);
    try {
      return future.result();
    } catch (error) {
      if (error instanceof CancelledError) throw timeoutErrorFrom(error);
      throw error;
    }
  }
  return (yield asyncWith(waitForTimeout(seconds), () => awaitable)) as T;
}

/**
 * Cancels `future` and waits until it is done. It waits on a future of its own, not on
 * `future`, so that cancelling the caller does not cancel `future` a second time.
 */
function* cancelAndWait(future: Future): Generator<unknown, void, unknown> {
  const waiter = getRunningLoop().createFuture();
  waiter.waitTarget = future.describeWait();
  const release = () => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  future.addDoneCallback(release);
  try {
    cancelOnBehalf(future, "wait-for");
    yield waiter;
  } finally {
    future.removeDoneCallback(release);
  }
}
