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

// `await receiver.method(argument)` compiles to a helper that runs a marked method's fast path
// without making the coroutine (lowering/await-now.ts); these pin that it is still JavaScript's
// call: evaluation order, `this`, the argument count, overrides, and errors.

test("an awaited method call evaluates receiver, method and argument once each, in order, with this bound", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      const box = {
        queue: new asyncio.Queue(),
        get target() { print("receiver"); return this.queue; },
      };
      const spy = {
        async greet(...names: string[]) { return \`\${this === spy} \${names.length}\`; },
      };
      function argument() { print("argument"); return "item"; }
      async function main() {
        const queue = box.queue;
        Object.defineProperty(queue, "put", { get() { print("method"); return asyncio.Queue.prototype.put; } });
        await box.target.put(argument());
        print(queue.getNowait());
        print(await spy.greet(), await spy.greet(undefined), await spy.greet("a"));
      }
      asyncio.run(main());
    `,
    lines("receiver", "method", "argument", "item", "true 0 true 1 true 1"),
  );
});

test("an awaited method call uses a subclass's overrides and raises a missing method's TypeError at the await", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      class Counting extends asyncio.Queue {
        puts = 0;
        putNowait(item: unknown) { this.puts++; super.putNowait(item); }
        async get() { return "overridden"; }
      }
      async function main() {
        const queue = new Counting();
        await queue.put("a");
        print(queue.puts, await queue.get(), queue.getNowait());
        try { await (queue as any).putt(1); } catch (error) { print(error.constructor.name, error.message); }
      }
      asyncio.run(main());
    `,
    lines("1 overridden a", "TypeError undefined is not a function"),
  );
});

test("an awaited method call that has to wait makes its coroutine then, and nested awaited calls run inside out", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const inbox = new asyncio.Queue(), outbox = new asyncio.Queue(1);
      asyncio.getRunningLoop().callLater(1, () => inbox.putNowait("late"));
      await outbox.put(await inbox.get());
      print(outbox.getNowait(), asyncio.getRunningLoop().time());
      await outbox.put(1);
      const blocked = asyncio.createTask((async () => { await outbox.put(2); print("put after", asyncio.getRunningLoop().time()); })());
      await asyncio.sleep(3);
      print(outbox.getNowait());
      await blocked;
      print(outbox.getNowait());
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.stdout, lines("late 1", "1", "put after 4", "2"));
  // The coroutines made for the waiting calls were awaited: no "never awaited" warning.
  assert.equal(run.stderr, "");
});

test("an awaited asyncio.sleep, by module or by name, suspends for one iteration or until its timer, and a cancel stops the timer", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import { sleep } from "asyncio";
      let loop: asyncio.AbstractEventLoop;
      async function ticker(name: string) {
        for (let tick = 0; tick < 2; tick++) { print(name, tick); await sleep(0); }
      }
      async function sleeper() {
        try { await asyncio.sleep(100); } catch (error) { print("sleeper:", [error], loop.time()); throw error; }
      }
      async function main() {
        loop = asyncio.getRunningLoop();
        await asyncio.gather(ticker("a"), ticker("b"));
        print(await sleep(1.5), await asyncio.sleep(0.5), loop.time());
        const task = asyncio.createTask(sleeper());
        await sleep(1);
        task.cancel("enough");
        await asyncio.wait([task]);
        // A timer left behind would move the clock to 102 before the deadlock is found.
        await loop.createFuture();
      }
      try { asyncio.run(main()); } catch (error) { print(error.constructor.name, loop.time()); }
    `,
    lines("a 0", "b 0", "a 1", "b 1", "None None 2", "sleeper: [CancelledError('enough')] 3", "DeadlockError 3"),
  );
});
