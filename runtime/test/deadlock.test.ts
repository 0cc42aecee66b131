// Deadlock: where CPython would hang for ever (nothing ready, no timer, nothing outside the
// loop able to wake a waiting task), the run ends with a DeadlockError that lists every
// pending task and what it waits on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

const HEAD = "no task is ready, no timer is pending, and nothing else can wake a waiting task";

test("a main task awaiting a future nobody completes ends the run with DeadlockError", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const never = asyncio.getRunningLoop().createFuture();
      print("waiting");
      await never;
    }
    asyncio.run(main());
    print("not reached");
  `);
  assert.equal(stdout, "waiting\n");
  assert.ok(error instanceof Error);
  assert.equal(error.name, "DeadlockError");
  assert.equal(error.message, `the main task can never finish: ${HEAD}. Pending tasks:\n  Task-1 (main) waits on Future #1`);
});

test("DeadlockError lists every pending task in creation order with what it waits on", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function leaf(f: unknown) { await f; }
    async function middle(t: unknown) { await t; }
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      const leafTask = asyncio.createTask(leaf(f), { name: "leaf" });
      const middleTask = asyncio.createTask(middle(leafTask));
      await middleTask;
    }
    asyncio.run(main());
  `);
  assert.ok(error instanceof Error);
  assert.equal(
    error.message,
    [
      `the main task can never finish: ${HEAD}. Pending tasks:`,
      "  Task-1 (main) waits on Task-2",
      "  leaf (leaf) waits on Future #1",
      "  Task-2 (middle) waits on leaf",
    ].join("\n"),
  );
});

test("two tasks awaiting each other are reported as a deadlock, and run() can still cancel them both", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const tasks: any = {};
    async function first() { await asyncio.sleep(1); await tasks.second; }
    async function second() { await asyncio.sleep(1); await tasks.first; }
    async function main() {
      tasks.first = asyncio.createTask(first(), { name: "first" });
      tasks.second = asyncio.createTask(second(), { name: "second" });
      await tasks.first;
    }
    try { asyncio.run(main()); } catch (e) { print(e.message); }
    print(tasks.first.cancelled(), tasks.second.cancelled());
  `);
  assert.equal(
    stdout,
    [
      `the main task can never finish: ${HEAD}. Pending tasks:`,
      "  Task-1 (main) waits on first",
      "  first (first) waits on second",
      "  second (second) waits on first",
      "True True",
      "",
    ].join("\n"),
  );
});

test("tasks stuck on synchronisation primitives say which one", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const event = new asyncio.Event();
      const lock = new asyncio.Lock();
      await lock.acquire();
      async function waitEvent() { await event.wait(); }
      async function waitLock() { await lock.acquire(); }
      await asyncio.gather(asyncio.createTask(waitEvent()), asyncio.createTask(waitLock()));
    }
    asyncio.run(main());
  `);
  assert.ok(error instanceof Error);
  const [head, ...tasks] = error.message.split("\n");
  assert.equal(head, `the main task can never finish: ${HEAD}. Pending tasks:`);
  assert.equal(tasks.length, 3);
  assert.match(tasks[0] as string, /^ {2}Task-1 \(main\) waits on gather of 2$/);
  assert.match(tasks[1] as string, /^ {2}Task-2 \(waitEvent\) waits on Event\b/);
  assert.match(tasks[2] as string, /^ {2}Task-3 \(waitLock\) waits on Lock\b/);
});

test("DeadlockError can be caught; run() first cancels the stuck tasks so their cleanup runs", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function stuck() {
      try { await asyncio.getRunningLoop().createFuture(); } finally { print("stuck task cleaned up"); }
    }
    async function main() {
      await asyncio.createTask(stuck());
    }
    try { asyncio.run(main()); } catch (e) { print(e instanceof asyncio.DeadlockError, e.name); }
    print("after run");
  `);
  assert.equal(stdout, "stuck task cleaned up\nTrue DeadlockError\nafter run\n");
});

test("runForever with nothing scheduled is a deadlock of the event loop itself", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    try { loop.runForever(); } catch (e) { print(e.name + ": " + e.message); }
    print(loop.isRunning());
    loop.close();
  `);
  assert.equal(stdout, `DeadlockError: the event loop can never finish: ${HEAD}\nFalse\n`);
});

test("a far-away timer is not a deadlock: the virtual clock jumps to it", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      loop.callLater(86400, () => f.setResult("a day later"));
      print(await f, loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "a day later 86400\n");
});

test("a task waiting on a cancelled sleep's timer is not left behind: only live timers keep the loop going", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const sleeper = asyncio.createTask(asyncio.sleep(100));
      await asyncio.sleep(0);
      sleeper.cancel();
      await asyncio.getRunningLoop().createFuture();
    }
    asyncio.run(main());
  `);
  assert.ok(error instanceof Error);
  assert.equal(error.message, `the main task can never finish: ${HEAD}. Pending tasks:\n  Task-1 (main) waits on Future #1`);
});

test("the timeline shows a deadlocked task waiting, then cancelled by run()'s cleanup", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() { await asyncio.getRunningLoop().createFuture(); }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal((error as Error).name, "DeadlockError");
  const states = events.flatMap((event) => (event.type === "task-state" ? [`${event.taskId} ${event.state}`] : []));
  assert.deepEqual(states, ["1 pending", "1 running", "1 waiting", "1 running", "1 cancelled"]);
});
