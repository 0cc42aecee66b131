// Deadlock: where CPython would hang for ever (nothing ready, no timer, nothing outside the
// loop able to wake a waiting task), the run ends with a DeadlockError that lists every
// pending task and what it waits on.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeadlockGraph } from "../src/index.js";
import { exampleSource } from "./example-source.js";
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

// Deadlock as data: DeadlockError's `graph` (inside QuickJS, the error event's `deadlock`).

/** The error's wait-for graph: DeadlockError's own in Node, the error event's inside QuickJS. */
function graphOf(error: unknown): DeadlockGraph | null {
  assert.ok(error instanceof Error);
  assert.equal(error.name, "DeadlockError");
  return (error as { graph?: DeadlockGraph | null }).graph ?? null;
}

/** The cycle read aloud: "Task-2 waits on Lock #2, held by Task-3, which waits on ... held by Task-2". */
function cycleText(graph: DeadlockGraph): string {
  const cycle = graph.cycle;
  assert.ok(cycle !== null, "the graph has a cycle");
  const label = (index: number) => graph.nodes[index]?.label;
  let text = `${label(cycle[0] as number)}`;
  cycle.forEach((from, at) => {
    const to = cycle[(at + 1) % cycle.length] as number;
    const edge = graph.edges.find((candidate) => candidate.from === from && candidate.to === to);
    assert.ok(edge !== undefined, `an edge from node ${from} to node ${to}`);
    if (edge.kind === "held-by") text += `, held by ${label(to)}`;
    else text += `${at === 0 ? "" : ", which"} waits on ${label(to)}`;
  });
  return text;
}

const TWO_LOCKS = exampleSource("locks-queues/09-two-locks-deadlock.ts");

test("a two-lock deadlock's error carries the cycle: Task-2 waits on Lock #2, held by Task-3, which waits on Lock #1, held by Task-2", async () => {
  // Task-1 is main; gather wraps take(first, second) as Task-2 and take(second, first) as Task-3.
  // Objects are numbered as they are made, with a listener or without: `first` is Lock #1.
  const { error } = await runSnippet(TWO_LOCKS, { events: true });
  const graph = graphOf(error);
  assert.ok(graph !== null);
  assert.deepEqual(graph, {
    nodes: [
      { kind: "task", id: 1, label: "Task-1", coroutine: "main" },
      { kind: "tasks", label: "gather of 2" },
      { kind: "task", id: 2, label: "Task-2", coroutine: "take" },
      { kind: "task", id: 3, label: "Task-3", coroutine: "take" },
      { kind: "lock", id: 2, label: "Lock #2" },
      { kind: "lock", id: 1, label: "Lock #1" },
    ],
    edges: [
      { from: 0, to: 1, kind: "waits-on" },
      { from: 1, to: 2, kind: "waits-on" },
      { from: 1, to: 3, kind: "waits-on" },
      { from: 2, to: 4, kind: "waits-on" },
      { from: 4, to: 3, kind: "held-by" },
      { from: 3, to: 5, kind: "waits-on" },
      { from: 5, to: 2, kind: "held-by" },
    ],
    cycle: [2, 4, 3, 5],
  });
  assert.equal(cycleText(graph), "Task-2 waits on Lock #2, held by Task-3, which waits on Lock #1, held by Task-2");
  // The message still says the same in words, with the same numbers.
  assert.match((error as Error).message, /\n {2}Task-2 \(take\) waits on Lock #2\n {2}Task-3 \(take\) waits on Lock #1$/);
});

test("a cycle through a semaphore names the task holding its permit", async () => {
  const { error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      const permits = new asyncio.Semaphore(1);
      const lock = new asyncio.Lock();
      async function permitThenLock() {
        await permits.acquire();
        await asyncio.sleep(0.1);
        await lock.acquire();
      }
      async function lockThenPermit() {
        await lock.acquire();
        await asyncio.sleep(0.1);
        await permits.acquire();
      }
      async function main() {
        await asyncio.gather(permitThenLock(), lockThenPermit());
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  const graph = graphOf(error);
  assert.ok(graph !== null);
  assert.equal(cycleText(graph), "Task-2 waits on Lock #2, held by Task-3, which waits on Semaphore #1, held by Task-2");
});

test("tasks awaiting each other are a cycle of tasks, and the main task waiting on it is outside the cycle", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const tasks: any = {};
    async function first() { await asyncio.sleep(1); await tasks.second; }
    async function second() { await asyncio.sleep(1); await tasks.first; }
    async function main() {
      tasks.first = asyncio.createTask(first(), { name: "first" });
      tasks.second = asyncio.createTask(second(), { name: "second" });
      await tasks.first;
    }
    asyncio.run(main());
  `);
  const graph = graphOf(error);
  assert.ok(graph !== null);
  assert.deepEqual(
    graph.nodes.map((node) => `${node.kind} ${node.label}`),
    ["task Task-1", "task first", "task second"],
  );
  assert.equal(cycleText(graph), "first waits on second, which waits on first");
  assert.ok(graph.edges.some((edge) => edge.from === 0 && edge.to === 1 && edge.kind === "waits-on"));
});

test("a deadlock without a cycle has a graph whose cycle is null: a future nobody completes, a lock its finished holder kept", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const lock = new asyncio.Lock();
    async function keep() { await lock.acquire(); }
    async function wait(never: asyncio.Future) { await never; }
    async function main() {
      await asyncio.createTask(keep(), { name: "keeper" });
      const never = asyncio.getRunningLoop().createFuture();
      asyncio.createTask(wait(never), { name: "waiter" });
      await lock.acquire();
    }
    asyncio.run(main());
  `);
  const graph = graphOf(error);
  assert.deepEqual(graph, {
    nodes: [
      { kind: "task", id: 1, label: "Task-1", coroutine: "main" },
      { kind: "lock", id: 1, label: "Lock #1" },
      { kind: "task", id: 2, label: "keeper", coroutine: "keep", done: true },
      { kind: "task", id: 3, label: "waiter", coroutine: "wait" },
      { kind: "future", id: 2, label: "Future #2" },
    ],
    edges: [
      { from: 0, to: 1, kind: "waits-on" },
      { from: 1, to: 2, kind: "held-by" },
      { from: 3, to: 4, kind: "waits-on" },
    ],
    cycle: null,
  });
});

test("a DeadlockError the snippet makes carries no graph", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const made = new asyncio.DeadlockError("made by hand");
    print(made.graph);
    throw made;
  `);
  assert.equal(stdout, "None\n");
  assert.equal(graphOf(error), null);
  assert.equal((error as Error).message, "made by hand");
});
