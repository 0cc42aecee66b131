// The simulated network's way to let time pass: a task waits on a future that a timer resolves
// at a given time of the loop's clock, so the timeline shows what it waits for.

import type { EventLoop } from "../asyncio/loop.js";

/**
 * Suspends (as `yield* untilTime(...)`) until the loop's clock reaches `when`, shown as waiting
 * on the network for `label`. Cancelled before then, it cancels its timer too.
 */
export function* untilTime(loop: EventLoop, when: number, label: string): Generator<unknown, void, unknown> {
  const future = loop.createFuture<null>();
  future.waitTarget = { kind: "network", label };
  const timer = loop.callAt(when, () => {
    if (!future.done()) future.setResult(null);
  });
  try {
    yield future;
  } finally {
    timer.cancel();
  }
}
