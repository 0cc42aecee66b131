import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { DeadlockGraph, RunEvent } from "@looplab/sandbox";
import { run, WorkerPool } from "@looplab/sandbox";
import { exampleSource } from "../../runtime/test/example-source.ts";
import { CHECKPOINT_INTERVAL, StepHistory } from "../src/lib/steps/step-history.ts";
import { StepLog } from "../src/lib/steps/step-log.ts";
import { applyEvent, emptyState } from "../src/lib/steps/step-state.ts";
import { StepViewer } from "../src/lib/steps/step-view.ts";

// Real runs in the real QuickJS sandbox: the events are the ones a page receives.
const pool = new WorkerPool({ workers: 1, spareContexts: 0 });
before(() => pool.start());
after(() => pool.close());

async function record(source: string): Promise<{ log: StepLog; events: RunEvent[] }> {
  const log = new StepLog();
  const events: RunEvent[] = [];
  for await (const event of run(source, { pool })) {
    log.add(event);
    events.push(event);
  }
  return { log, events };
}

const PING_PONG = `import asyncio from "asyncio";
async function player(name: string, turns: number) {
  for (let turn = 1; turn <= turns; turn++) {
    print(\`\${name} \${turn}\`);
    await asyncio.sleep(0);
  }
}
async function main() {
  const a = asyncio.createTask(player("A", 3), { name: "A" });
  const b = asyncio.createTask(player("B", 3), { name: "B" });
  await asyncio.gather(a, b);
}
asyncio.run(main());
`;

const TWO_LOCKS = exampleSource("locks-queues/09-two-locks-deadlock.ts");

test("ping-pong: the running task alternates A, B; the other waits, ready next, and the console grows a line a step", async () => {
  const { log } = await record(PING_PONG);
  const viewer = new StepViewer(log);
  const running = [];
  for (let step = 1; step <= viewer.total; step++) running.push(viewer.at(step).runningTask?.name ?? "-");
  const players = running.filter((name) => name === "A" || name === "B");
  assert.deepEqual(players.slice(0, 6), ["A", "B", "A", "B", "A", "B"]);

  const firstA = running.indexOf("A") + 1;
  const atA = viewer.at(firstA);
  assert.deepEqual(
    atA.ready.map((entry) => entry.label),
    ["B", "A"],
    "after A's first step, B runs next, then A again (its sleep(0) put it back in the queue)",
  );
  assert.equal(atA.tasks.find((task) => task.name === "A")?.waitingOn?.kind, "yield");
  // Where A is parked, and where it resumes on its next step: the snippet's line 5, its await.
  assert.equal(atA.tasks.find((task) => task.name === "A")?.at?.line, 5);
  assert.equal(atA.resumedAt, undefined, "a task's first step resumes at no await");
  assert.equal(viewer.at(running.indexOf("A", firstA) + 1).resumedAt?.line, 5);
  assert.equal(atA.tasks.find((task) => task.name === "main" || task.coroutine === "main")?.waitingOn?.kind, "tasks");
  assert.equal(viewer.at(firstA - 1).outputCount, 0);
  assert.equal(viewer.at(firstA).outputCount, 1);
  assert.equal(viewer.at(firstA + 1).outputCount, 2);
  assert.equal(viewer.at(viewer.total).outputCount, 6);
  assert.match(viewer.at(firstA + 1).summary, /^Step \d+ of \d+: B \(player\) started, woken by \w+-?\d* \(step \d+\)/);

  const graph = viewer.at(firstA).graph;
  const main = graph.nodes.find((node) => node.detail === "main")!;
  assert.deepEqual(
    graph.edges.filter((edge) => edge.from === main.key && edge.kind === "awaits").map((edge) => edge.to),
    ["task:2", "task:3"],
    "main's gather awaits both players",
  );
});

test("two locks: holders and waiters at each step, the timers of the sleeps, then the deadlock's cycle naming both locks", async () => {
  const { log, events } = await record(TWO_LOCKS);
  const error = events.find((event) => event.type === "error");
  assert.ok(error?.type === "error" && error.deadlock !== undefined);
  const deadlock: DeadlockGraph = error.deadlock;
  const viewer = new StepViewer(log);

  // After both took their first lock and went to sleep.
  const bothSleep = [...Array(viewer.total + 1).keys()].find((step) => viewer.at(step).timers.length === 2)!;
  const sleeping = viewer.at(bothSleep);
  assert.deepEqual(
    sleeping.timers.map((timer) => timer.until),
    [0.1, 0.1],
  );
  assert.deepEqual(
    sleeping.resources.map((resource) => [resource.kind, resource.holder, resource.waiters]),
    [
      ["lock", 2, []],
      ["lock", 3, []],
    ],
  );

  const end = viewer.at(viewer.total, deadlock);
  assert.deepEqual(
    end.graph.cycle.map((key) => end.graph.nodes.find((node) => node.key === key)?.label),
    ["Task-2", "Lock #2", "Task-3", "Lock #1"],
  );
  assert.equal(end.graph.edges.filter((edge) => edge.inCycle).length, 4);

  // The cycle shows from the step the second task began to wait, not before.
  const waits = log.steps.filter((step) => viewer.at(step.step).resources.some((resource) => resource.waiters.length > 0));
  const closing = viewer.at(waits[1]!.step, deadlock);
  assert.equal(closing.graph.cycle.length, 4);
  assert.deepEqual(
    closing.resources.map((resource) => [resource.holder, resource.waiters]),
    [
      [2, [3]],
      [3, [2]],
    ],
  );
  assert.equal(viewer.at(waits[1]!.step - 1, deadlock).graph.cycle.length, 0);
});

test("a queue's items and an event's flag follow puts, gets, set and clear", async () => {
  const { log } = await record(`import asyncio from "asyncio";
async function main() {
  const queue = new asyncio.Queue();
  const ready = new asyncio.Event();
  await queue.put("first");
  await queue.put("second");
  ready.set();
  await asyncio.sleep(0);
  print(await queue.get());
  ready.clear();
  await asyncio.sleep(0);
}
asyncio.run(main());
`);
  const viewer = new StepViewer(log);
  const queueAt = (step: number) => viewer.at(step).resources.find((resource) => resource.kind === "queue");
  const eventAt = (step: number) => viewer.at(step).resources.find((resource) => resource.kind === "event");
  assert.deepEqual(queueAt(1)?.items, ["'first'", "'second'"]);
  assert.equal(eventAt(1)?.isSet, true);
  assert.deepEqual(queueAt(2)?.items, ["'second'"]);
  assert.equal(queueAt(2)?.size, 1);
  assert.equal(eventAt(2)?.isSet, false);
});

test("the summary says who woke the task that ran and what it did: a put, a release, a set", async () => {
  const { log } = await record(`import asyncio from "asyncio";
async function producer(queue: asyncio.Queue<number>, lock: asyncio.Lock, ready: asyncio.Event) {
  await lock.acquire();
  await queue.put(1);
  await asyncio.sleep(0);
  lock.release();
  ready.set();
}
async function consumer(queue: asyncio.Queue<number>) {
  print(await queue.get());
}
async function locker(lock: asyncio.Lock) {
  await lock.acquire();
  lock.release();
}
async function watcher(ready: asyncio.Event) {
  await ready.wait();
}
async function main() {
  const queue = new asyncio.Queue<number>();
  const lock = new asyncio.Lock();
  const ready = new asyncio.Event();
  const tasks = [
    asyncio.createTask(consumer(queue), { name: "eater" }),
    asyncio.createTask(watcher(ready), { name: "watcher" }),
    asyncio.createTask(producer(queue, lock, ready), { name: "maker" }),
    asyncio.createTask(locker(lock), { name: "locker" }),
  ];
  await asyncio.gather(...tasks);
}
asyncio.run(main());
`);
  const viewer = new StepViewer(log);
  const summaries = Array.from({ length: viewer.total }, (_, index) => viewer.at(index + 1).summary);
  const resumed = (name: string) =>
    summaries.find((summary) => new RegExp(`: ${name} \\(\\w+\\) resumed`).test(summary)) ?? summaries.join("\n");
  assert.match(
    resumed("eater"),
    /^Step \d+ of \d+: eater \(consumer\) resumed at line 10, woken by maker's put on Queue #1 \(step \d+\); ready next: /,
  );
  assert.match(resumed("locker"), /locker \(locker\) resumed at line 13, woken by maker's release of Lock #2 \(step \d+\)/);
  assert.match(resumed("watcher"), /watcher \(watcher\) resumed at line 17, woken by maker's set of Event #3 \(step \d+\)/);
  assert.match(summaries[0]!, /^Step 1 of \d+: Task-1 \(main\) started, at the run's start; ready next: eater, watcher, maker\.$/);
});

test("the state at any step, reached by checkpoints or stepping back and forth, is the state of a replay from the start", async () => {
  const { log } = await record(`import asyncio from "asyncio";
async function worker(lock: asyncio.Lock, index: number) {
  for (let round = 0; round < 6; round++) {
    await lock.acquire();
    await asyncio.sleep(0);
    lock.release();
  }
}
async function main() {
  const lock = new asyncio.Lock();
  await asyncio.gather(...Array.from({ length: 60 }, (_, index) => worker(lock, index)));
}
asyncio.run(main());
`);
  assert.ok(log.steps.length > 2 * CHECKPOINT_INTERVAL, `a run long enough to need checkpoints (${log.steps.length} steps)`);
  const replay = (step: number) => {
    const state = emptyState();
    for (let index = 0; index < log.endOfStep(step); index++) applyEvent(state, log.stepped[index]!);
    return state;
  };
  const history = new StepHistory(log);
  const total = log.steps.length;
  const order = [
    total,
    0,
    CHECKPOINT_INTERVAL,
    CHECKPOINT_INTERVAL + 1,
    CHECKPOINT_INTERVAL - 1,
    3,
    600,
    601,
    total - 1,
    2 * CHECKPOINT_INTERVAL + 7,
  ];
  for (const step of order) {
    const expected = replay(step);
    const actual = history.stateAt(step);
    assert.deepEqual([...actual.tasks.entries()], [...expected.tasks.entries()], `tasks at step ${step}`);
    assert.deepEqual([...actual.resources.entries()], [...expected.resources.entries()], `resources at step ${step}`);
  }
});

test("a cancellation under way is an arrow from who asked to the task it is to reach, named after the mechanism, until it is over", async () => {
  const { log } = await record(`import asyncio from "asyncio";
async function sleeper(seconds: number) {
  await asyncio.sleep(seconds);
}
async function bad() {
  await asyncio.sleep(0.1);
  throw new Error("boom");
}
async function main() {
  const worker = asyncio.createTask(sleeper(5), { name: "worker" });
  await asyncio.sleep(0);
  worker.cancel("stop");
  await asyncio.gather(worker, { returnExceptions: true });
  try {
    await asyncio.asyncWith(new asyncio.TaskGroup(), async (group) => {
      group.createTask(sleeper(5), { name: "sibling" });
      group.createTask(bad(), { name: "bad" });
    });
  } catch (error) {
    print("group failed");
  }
  try {
    await asyncio.asyncWith(asyncio.timeout(0.1), async () => {
      await asyncio.sleep(5);
    });
  } catch (error) {
    print("timed out");
  }
}
asyncio.run(main());
`);
  const viewer = new StepViewer(log);
  /** Every distinct arrow "from → to: label" that the graph shows at some step, in order of first showing. */
  const shown: string[] = [];
  for (let step = 1; step <= viewer.total; step++) {
    const graph = viewer.at(step).graph;
    const labels = new Map(graph.nodes.map((node) => [node.key, node.label]));
    for (const edge of graph.edges) {
      if (edge.kind !== "cancels") continue;
      const arrow = `${labels.get(edge.from)} → ${labels.get(edge.to)}: ${edge.label}`;
      if (!shown.includes(arrow)) shown.push(arrow);
    }
  }
  assert.deepEqual(shown, [
    "Task-1 → worker: cancels 'stop'",
    "bad → sibling: cancels (TaskGroup)",
    // As CPython's TaskGroup does, the failure also cancels the task waiting in the group's exit.
    "bad → Task-1: cancels (TaskGroup)",
    "timeout() → Task-1: cancels (timeout())",
  ]);
  // Once the worker ended cancelled, its arrow is gone.
  const last = viewer.at(viewer.total).graph;
  assert.equal(last.edges.filter((edge) => edge.kind === "cancels").length, 0);
});
