// asyncio.shield (CPython tasks.shield): an outer future that mirrors the inner one. Cancelling
// the outer one (as cancelling the awaiting task does) leaves the inner one running; the inner
// one's result, exception or cancellation reaches the outer one while it is still waiting.

import { getEventLoop } from "./events.js";
import { Future } from "./futures.js";
import { type EventLoop, ensureFutureOn } from "./loop.js";
import { Task } from "./tasks.js";

/** The outer future: cancelling it records that the cancellation stopped here (issue 12, item 4). */
class ShieldFuture<T> extends Future<T> {
  constructor(
    private readonly inner: Future<T>,
    loop: EventLoop,
  ) {
    super(undefined, loop);
  }

  override cancel(message?: string): boolean {
    if (!super.cancel(message)) return false;
    if (this.inner instanceof Task) this.getLoop().instrument?.cancelShielded(this.inner.id);
    return true;
  }
}

export function shield<T = unknown>(awaitable: unknown): Future<T> {
  const inner = ensureFutureOn<T>(awaitable instanceof Future ? awaitable.getLoop() : getEventLoop(), awaitable);
  if (inner.done()) return inner;
  const outer = new ShieldFuture(inner, inner.getLoop());
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
