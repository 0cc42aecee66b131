// Worker threads on the virtual clock: loop.runInExecutor, asyncio.toThread, ThreadPoolExecutor
// (CPython test_asyncio/test_base_events run_in_executor tests, test_threads.py, and
// test_concurrent_futures for the executor). Real threads interleave at random; what is
// checked here is Looplab's deterministic model of them, whose timings CPython reproduces:
// a call that sleeps s seconds completes s seconds after it started, the loop runs meanwhile,
// and no more than max_workers calls run at once.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RuntimeEvent } from "../src/index.js";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

async function output(source: string): Promise<string> {
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  return stdout;
}

/** Each line printed, prefixed with the virtual time at which it was written. */
function timedOutput(events: RuntimeEvent[]): string[] {
  return events.flatMap((event) => (event.type === "output" ? [`${event.time} ${event.text.trimEnd()}`] : []));
}

test("the seeds' run_in_executor example: a blocking call on the default pool, awaited", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    function func1() {
      time.sleep(2);
      return "OK";
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.run_in_executor(null, func1);
      const result = await fut;
      print("default thread pool", result, loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "default thread pool OK 2\n");
});

test("time.sleep in a worker thread does not block the loop: other tasks run while the call sleeps", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      import time from "time";
      function download(name) {
        print("start", name, time.monotonic());
        time.sleep(1.5);
        print("done", name, time.monotonic());
        return name.length;
      }
      async function ticker() {
        for (let i = 0; i < 3; i++) {
          print("tick", i);
          await asyncio.sleep(0.5);
        }
      }
      async function main() {
        const loop = asyncio.getRunningLoop();
        const tick = asyncio.createTask(ticker());
        print("result", await loop.runInExecutor(null, download, "page"), loop.time());
        await tick;
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.deepEqual(timedOutput(events), ["0 start page 0", "0 tick 0", "0.5 tick 1", "1 tick 2", "1.5 done page 1.5", "1.5 result 4 1.5"]);
});

test("no more than max_workers calls run at once; the rest queue and start as workers free up", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      import time from "time";
      function job(name) {
        print("start", name);
        time.sleep(1);
        return name.toUpperCase();
      }
      async function main() {
        const loop = asyncio.getRunningLoop();
        const pool = asyncio.ThreadPoolExecutor(2);
        const futures = ["a", "b", "c", "d", "e"].map((name) => loop.runInExecutor(pool, job, name));
        for (const future of futures) future.addDoneCallback(() => print(future.result()));
        await asyncio.gather(...futures);
        pool.shutdown();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.deepEqual(timedOutput(events), [
    "0 start a",
    "0 start b",
    "1 start c",
    "1 start d",
    "1 A",
    "1 B",
    "2 start e",
    "2 C",
    "2 D",
    "3 E",
  ]);
});

test("the default executor has min(32, cpu_count + 4) = 5 workers, counting one CPU", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const futures = [1, 2, 3, 4, 5, 6].map((n) => loop.runInExecutor(null, () => { time.sleep(1); return n; }));
      await asyncio.gather(...futures);
      print(loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "2\n");
});

test("an exception in the call arrives through the future (test_threads.ToThreadTests.test_to_thread_exception)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    class Broken extends Error {}
    function fail() {
      time.sleep(1);
      throw new Broken("disk on fire");
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      try {
        await loop.runInExecutor(null, fail);
      } catch (e) {
        print("caught", e instanceof Broken, e.message, loop.time());
      }
      try {
        await asyncio.toThread(() => { throw new RangeError("division by zero"); });
      } catch (e) {
        print("caught", [e]);
      }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "caught True disk on fire 1\ncaught [RangeError('division by zero')]\n");
});

test("to_thread passes arguments and is a lazy coroutine (test_threads.ToThreadTests.test_to_thread and test_to_thread_once)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    const calls = [];
    function add(a, b) {
      calls.push([a, b]);
      return a + b;
    }
    async function main() {
      const pending = asyncio.toThread(add, 1, 2);
      print(asyncio.iscoroutine(pending), calls);
      print(await pending, calls);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "True []\n3 [[1, 2]]\n");
});

test("asyncio.run waits for the default executor's calls before it returns (shutdown_default_executor)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    function slow() {
      time.sleep(2);
      print("thread finished");
    }
    async function main() {
      asyncio.getRunningLoop().runInExecutor(null, slow);
      print("main returns");
    }
    asyncio.run(main());
    print("after run");
  `);
  assert.equal(stdout, "main returns\nthread finished\nafter run\n");
});

test("submit() at top level: futures show running and pending; the calls finish on the clock", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      import time from "time";
      function func(value) {
        time.sleep(1);
        print(value);
      }
      const pool = asyncio.ThreadPoolExecutor({ max_workers: 2 });
      for (let i = 0; i < 4; i++) print(pool.submit(func, i));
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.deepEqual(timedOutput(events), [
    "0 <Future at 0x1 state=running>",
    "0 <Future at 0x2 state=running>",
    "0 <Future at 0x3 state=pending>",
    "0 <Future at 0x4 state=pending>",
    "1 0",
    "1 1",
    "2 2",
    "2 3",
  ]);
});

test("result() at top level waits on the clock; with a timeout it raises TimeoutError (concurrent.futures)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    const pool = asyncio.ThreadPoolExecutor(1);
    const start = time.monotonic();
    const future = pool.submit((x) => { time.sleep(2); return x * 2; }, 21);
    try { future.result(0.5); } catch (e) { print([e], time.monotonic() - start); }
    print(future.result(), future, time.monotonic() - start);
    const failed = pool.submit(() => { throw new TypeError("bad"); });
    print([failed.exception()], failed.done(), failed.running());
    pool.shutdown();
    try { pool.submit(print); } catch (e) { print([e]); }
  `);
  assert.equal(
    stdout,
    [
      "[TimeoutError()] 0.5",
      "42 <Future at 0x1 state=finished returned int> 2",
      "[TypeError('bad')] True False",
      "[RuntimeError('cannot schedule new futures after shutdown')]",
      "",
    ].join("\n"),
  );
});

test("`using pool = ThreadPoolExecutor()` shuts the pool down, waiting for its calls (Python's with)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    function work(n) {
      time.sleep(n);
      print("worked", n);
    }
    {
      using pool = asyncio.ThreadPoolExecutor();
      pool.submit(work, 2);
      pool.submit(work, 1);
    }
    print("pool closed at", time.monotonic());
  `);
  assert.equal(stdout, "worked 1\nworked 2\npool closed at 2\n");
});

test("a blocking result() inside a coroutine blocks the loop until the call is done", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function ticker() {
      for (let i = 0; i < 2; i++) {
        print("tick", i, asyncio.getRunningLoop().time());
        await asyncio.sleep(0.5);
      }
    }
    async function main() {
      const pool = asyncio.ThreadPoolExecutor(1);
      const tick = asyncio.createTask(ticker());
      await asyncio.sleep(0);
      const future = pool.submit(() => { time.sleep(2); return "slow"; });
      print(future.result(), asyncio.getRunningLoop().time());
      await tick;
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "tick 0 0\nslow 2\ntick 1 2\n");
});

test("cancelling the awaited future of a queued call means it never runs (futures._chain_future)", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const pool = asyncio.ThreadPoolExecutor(1);
      const first = loop.runInExecutor(pool, () => { time.sleep(1); print("first ran"); });
      const second = loop.runInExecutor(pool, () => print("second ran"));
      second.cancel();
      await first;
      await asyncio.sleep(1);
      print(second.cancelled());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "first ran\nTrue\n");
});

test("a call sees no running loop, as on a real worker thread", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    async function main() {
      const outcome = await asyncio.toThread(() => {
        try { asyncio.getRunningLoop(); } catch (e) { return [e]; }
      });
      print(outcome);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[RuntimeError('no running event loop')]\n");
});

test("each executor call is a lane on the timeline, and the awaiting task waits on it", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      import time from "time";
      function fetch() { time.sleep(1); return "data"; }
      async function main() { await asyncio.getRunningLoop().runInExecutor(null, fetch); }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const lines = events.flatMap((event) => {
    if (event.type === "task-spawned")
      return [`${event.time} spawned ${event.taskId} ${event.name} ${event.coroutine} parent=${event.parentId}`];
    if (event.type !== "task-state" || event.taskId > 2) return [];
    const waiting = event.waitingOn ? ` ${event.waitingOn.kind}: ${event.waitingOn.label}` : "";
    return [`${event.time} ${event.taskId} ${event.state}${waiting}`];
  });
  assert.deepEqual(lines.slice(0, 9), [
    "0 spawned 1 Task-1 main parent=null",
    "0 1 pending",
    "0 1 running",
    "0 spawned 2 fetch in asyncio fetch parent=1",
    "0 2 pending",
    "0 2 running",
    "0 1 waiting executor: fetch() on a worker thread",
    "1 2 done",
    "1 1 running",
  ]);
});

test("a worker thread keeps running while the loop is blocked in time.sleep: its output comes in time order, as a real thread's would (the seeds' point about blocking)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import time from "time";
    function job() {
      for (let i = 0; i < 3; i++) {
        print("thread", i, time.monotonic());
        time.sleep(1);
      }
      return "done";
    }
    async function main() {
      const task = asyncio.createTask(asyncio.toThread(job));
      await asyncio.sleep(0);
      time.sleep(2.5);
      print("loop unblocked", time.monotonic());
      print(await task, time.monotonic());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "thread 0 0\nthread 1 1\nthread 2 2\nloop unblocked 2.5\ndone 3\n");
});
