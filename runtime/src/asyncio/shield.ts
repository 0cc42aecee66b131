// asyncio.shield (CPython tasks.shield): an outer future that mirrors the inner one. Cancelling
// the outer one (as cancelling the awaiting task does) leaves the inner one running; the inner
// one's result, exception or cancellation reaches the outer one while it is still waiting.

import { getEventLoop } from "./events.js";
import { Future } from "./futures.js";
import { ensureFutureOn } from "./loop.js";

export function shield<T = unknown>(awaitable: unknown): Future<T> {
  const inner = ensureFutureOn<T>(awaitable instanceof Future ? awaitable.getLoop() : getEventLoop(), awaitable);
  if (inner.done()) return inner;
  const outer = inner.getLoop().createFuture<T>();
  outer.waitTarget = inner.describeWait();

  const onInnerDone = () => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception(); // mark the exception retrieved
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const error = inner.exception();
    if (error !== null) outer.setException(error);
    else outer.setResult(inner.result());
  };
  const onOuterDone = () => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };

  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
