// asyncio.wrap_future (CPython futures.wrap_future and _chain_future): an asyncio Future that
// follows a concurrent.futures Future. The concurrent future completes on a worker thread, so
// its state reaches the asyncio future through the loop (call_soon_threadsafe), one iteration
// later; cancelling the asyncio future cancels the concurrent one, so a queued call never runs.

import { repr } from "../builtins/format.js";
import { ConcurrentFuture } from "./concurrent-future.js";
import { getEventLoop } from "./events.js";
import { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";

export function wrapFuture<T>(future: ConcurrentFuture<T> | Future<T>, options?: { loop?: EventLoop }): Future<T> {
  if (future instanceof Future) return future;
  if (!(future instanceof ConcurrentFuture)) throw new TypeError(`concurrent.futures.Future is expected, got ${repr(future)}`);
  const loop = options?.loop ?? getEventLoop();
  const destination = loop.createFuture<T>();
  destination.addDoneCallback(() => {
    if (destination.cancelled()) future.cancel();
  });
  future.addDoneCallback(() => {
    if (!loop.isClosed()) loop.callSoon(copyState, future, destination);
  });
  return destination;
}

function copyState<T>(source: ConcurrentFuture<T>, destination: Future<T>): void {
  if (destination.done()) return;
  if (source.cancelled()) {
    destination.cancel();
    return;
  }
  const error = source.exception();
  if (error !== null) destination.setException(error);
  else destination.setResult(source.result());
}
