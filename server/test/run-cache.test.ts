// The run cache's sharing of a computation between identical requests, and what happens when
// the requests waiting for it go away: one leaving changes nothing for the others; the last
// leaving aborts the computation, which is then not cached.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CachedRun, RunCache } from "../src/run-cache.js";

/** A computation the test finishes by hand, recording the signal it was given. */
function manualComputation(): { compute: (signal: AbortSignal) => Promise<CachedRun>; finish(): void; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const finishers: (() => void)[] = [];
  return {
    signals,
    compute: (signal) => {
      signals.push(signal);
      return new Promise((resolve) => finishers.push(() => resolve({ body: `body ${signals.length}`, deterministic: true })));
    },
    finish: () => {
      for (const finish of finishers.splice(0)) finish();
    },
  };
}

describe("run cache", () => {
  test("identical requests share one computation; one leaving leaves it running for the other", async () => {
    const cache = new RunCache(1024);
    const computation = manualComputation();
    const leaving = new AbortController();
    const first = cache.get("key", computation.compute, leaving.signal);
    const second = cache.get("key", computation.compute, new AbortController().signal);
    leaving.abort();
    assert.equal(await first, null);
    assert.equal(computation.signals[0]!.aborted, false);
    computation.finish();
    assert.deepEqual(await second, { body: "body 1", hit: false });
    assert.equal(computation.signals.length, 1);
    assert.deepEqual(await cache.get("key", computation.compute, new AbortController().signal), { body: "body 1", hit: true });
  });

  test("when every waiter has left, the computation is aborted and not cached", async () => {
    const cache = new RunCache(1024);
    const computation = manualComputation();
    const leaving = new AbortController();
    const only = cache.get("key", computation.compute, leaving.signal);
    leaving.abort();
    assert.equal(await only, null);
    assert.equal(computation.signals[0]!.aborted, true);
    assert.equal(cache.has("key"), false);
    computation.finish();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cache.size, 0);
    const again = cache.get("key", computation.compute, new AbortController().signal);
    computation.finish();
    assert.deepEqual(await again, { body: "body 2", hit: false });
  });
});
