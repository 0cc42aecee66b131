// Awaits that finish without suspending (asyncio/fast-path.ts, lowering/await-now.ts) behave as
// CPython's: the awaiting task does not yield to the loop, the coroutine is consumed, its
// exception is raised at the await, and a coroutine made while the fast path applied still
// waits when the state has changed by the time it is awaited. The expected outputs follow
// CPython's queues.py and locks.py, where each fast path is the `if` that opens the coroutine.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput, lines } from "./run-ok.js";

test("a get from a non-empty queue and an acquire of a free lock do not let other tasks run", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function other() { print("other task runs"); }
      async function main() {
        const queue = new asyncio.Queue(), lock = new asyncio.Lock(), event = new asyncio.Event();
        asyncio.createTask(other());
        queue.putNowait(1);
        event.set();
        print(await queue.get(), await lock.acquire(), await event.wait(), await queue.put(2));
        print("still before the other task");
        await asyncio.sleep(0);
      }
      asyncio.run(main());
    `,
    lines("1 True True None", "still before the other task", "other task runs"),
  );
});

test("a coroutine made while the queue had an item waits if the item is gone when it is awaited", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue();
        queue.putNowait("first");
        const get = queue.get();
        print(queue.getNowait());
        const producer = asyncio.createTask((async () => { await asyncio.sleep(1); await queue.put("second"); })());
        print(await get, asyncio.getRunningLoop().time());
        await producer;
      }
      asyncio.run(main());
    `,
    lines("first", "second 1"),
  );
});

test("an acquire made while the lock was free waits if another task takes the lock first", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function holder(lock: asyncio.Lock) {
        await lock.acquire();
        await asyncio.sleep(2);
        lock.release();
      }
      async function main() {
        const lock = new asyncio.Lock();
        const acquire = lock.acquire();
        const task = asyncio.createTask(holder(lock));
        await asyncio.sleep(0);
        print(lock.locked());
        print(await acquire, asyncio.getRunningLoop().time());
        await task;
      }
      asyncio.run(main());
    `,
    lines("True", "True 2"),
  );
});

test("the fast path's error is raised at the await, and the coroutine cannot be awaited again", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue();
        queue.shutdown();
        const put = queue.put(1);
        try { await put; } catch (error) { print("put:", error.constructor.name); }
        const free = new asyncio.Queue();
        free.putNowait(1);
        const get = free.get();
        print(await get);
        try { await get; } catch (error) { print("again:", error); }
      }
      asyncio.run(main());
    `,
    lines("put: QueueShutDown", "1", "again: cannot reuse already awaited coroutine"),
  );
});

test("a finished future is awaited without suspending, its exception raised and counted as retrieved", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    async function other() { print("other task runs"); }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const done = loop.createFuture(), failed = loop.createFuture();
      done.setResult("result");
      failed.setException(new asyncio.InvalidStateError("failed"));
      asyncio.createTask(other());
      print(await done);
      try { await failed; } catch (error) { print("caught", error); }
      print("before the other task");
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.stdout, lines("result", "caught failed", "before the other task", "other task runs"));
  // Retrieved by the await: no "Future exception was never retrieved" at the end.
  assert.equal(run.stderr, "");
});

test("a fast-path coroutine never awaited is reported as CPython reports it", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const queue = new asyncio.Queue();
      queue.putNowait(1);
      queue.get();
      new asyncio.Lock().acquire();
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.match(run.stderr, /RuntimeWarning: coroutine 'Queue.get' was never awaited/);
  assert.match(run.stderr, /RuntimeWarning: coroutine 'Lock.acquire' was never awaited/);
});

test("a coroutine driven by hand finishes a fast await within one send()", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      const queue = new asyncio.Queue();
      queue.putNowait("item");
      async function take() { return await queue.get(); }
      const coroutine = take();
      try { coroutine.send(null); } catch (stop) { print(stop.constructor.name, stop.value); }
    `,
    lines("StopIteration item"),
  );
});

test("cancelling a task whose next await finishes at once is delivered at its next suspension", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue();
        queue.putNowait(1);
        asyncio.currentTask()!.cancel();
        print("got", await queue.get());
        try { await asyncio.sleep(0); } catch (error) { print("cancelled at the sleep:", error.constructor.name); }
      }
      asyncio.run(main());
    `,
    lines("got 1", "cancelled at the sleep: CancelledError"),
  );
});
