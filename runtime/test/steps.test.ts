// Step records (issue 12): every task step and callback the loop runs is a numbered step, with
// the loop iteration and the step that scheduled it, so the interleaving at one instant and who
// woke whom are data. Runs in Node and again inside QuickJS (sandbox/test/conformance.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RuntimeEvent, StepEvent } from "../src/index.js";
import { runSnippet, ts } from "./harness.js";

function stepsOf(events: RuntimeEvent[]): StepEvent[] {
  return events.filter((event): event is StepEvent => event.type === "step");
}

/** Task names by id, from the spawn events. */
function namesOf(events: RuntimeEvent[]): Map<number, string> {
  return new Map(events.flatMap((event) => (event.type === "task-spawned" ? [[event.taskId, event.name] as const] : [])));
}

/** "A" for a step of task A, "callback:name" for a callback. */
function describe(step: StepEvent | undefined, names: Map<number, string>): string {
  if (step === undefined) return "none";
  return step.taskId === undefined ? `callback:${step.callback}` : (names.get(step.taskId) ?? `task ${step.taskId}`);
}

test("steps are numbered over everything the loop runs; iterations and time never go back", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        asyncio.getRunningLoop().callSoon(function ping() { print("ping"); });
        await asyncio.sleep(1);
        await asyncio.sleep(0);
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const steps = stepsOf(events);
  assert.deepEqual(
    steps.map((step) => step.step),
    steps.map((_, index) => index + 1),
  );
  for (let index = 1; index < steps.length; index++) {
    const [previous, current] = [steps[index - 1] as StepEvent, steps[index] as StepEvent];
    assert.ok(current.iteration >= previous.iteration && current.time >= previous.time);
    assert.ok(current.scheduledBy < current.step, "a step is scheduled by an earlier one");
  }
  const ping = steps.find((step) => step.callback === "ping");
  assert.ok(ping !== undefined, "the callback is a step of its own");
  const main = steps.find((step) => step.step === ping.scheduledBy);
  assert.equal(main?.taskId, 1, "scheduled by main's first step");
});

test("two tasks ping-ponging with sleep(0) alternate A, B, A, B at time 0, each woken by its own yield", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function player(name: string) {
        for (let i = 0; i < 3; i++) {
          print(name, i);
          await asyncio.sleep(0);
        }
      }
      async function main() {
        await asyncio.gather(asyncio.create_task(player("A"), { name: "A" }), asyncio.create_task(player("B"), { name: "B" }));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(stdout, "A 0\nB 0\nA 1\nB 1\nA 2\nB 2\n");
  const names = namesOf(events);
  const steps = stepsOf(events);
  const players = steps.filter((step) => ["A", "B"].includes(describe(step, names)));
  assert.deepEqual(
    players.map((step) => describe(step, names)),
    ["A", "B", "A", "B", "A", "B", "A", "B"],
  );
  assert.ok(players.every((step) => step.time === 0));
  // Each iteration runs one step of each: the interleaving has width although the clock stands still.
  assert.deepEqual([...new Set(players.map((step) => step.iteration))].length, 4);
  const byNumber = new Map(steps.map((step) => [step.step, step]));
  // After its first step, each player is woken by its own previous step (the bare yield of sleep(0)).
  for (const step of players.slice(2)) {
    assert.equal(describe(byNumber.get(step.scheduledBy), names), describe(step, names));
  }
  // Each starts at its function's top (no resume site), then resumes at the await it suspended
  // at: line 5, column 5 of the snippet. main waits at its gather, line 9.
  const awaitLine = { line: 5, column: 5 };
  assert.deepEqual(
    players.map((step) => step.resumedAt),
    [undefined, undefined, awaitLine, awaitLine, awaitLine, awaitLine, awaitLine, awaitLine],
  );
  const parkedAt = (name: string) =>
    events.flatMap((event) =>
      event.type === "task-state" && event.state === "waiting" && names.get(event.taskId) === name ? [event.at] : [],
    );
  assert.deepEqual(parkedAt("A"), [awaitLine, awaitLine, awaitLine]);
  assert.deepEqual(parkedAt("B"), [awaitLine, awaitLine, awaitLine]);
  assert.deepEqual(parkedAt("Task-1"), [{ line: 9, column: 3 }]);
});

test("a bounded queue's hand-off: the producer's put wakes the waiting consumer, the consumer's get wakes the blocked producer", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function producer(queue: asyncio.Queue) {
        for (let i = 0; i < 3; i++) await queue.put(i);
      }
      async function consumer(queue: asyncio.Queue) {
        for (let i = 0; i < 3; i++) print("got", await queue.get());
      }
      async function main() {
        const queue = new asyncio.Queue(1);
        const eating = asyncio.create_task(consumer(queue), { name: "consumer" });
        await asyncio.sleep(0);
        await asyncio.gather(asyncio.create_task(producer(queue), { name: "producer" }), eating);
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(stdout, "got 0\ngot 1\ngot 2\n");
  const names = namesOf(events);
  const steps = stepsOf(events);
  const byNumber = new Map(steps.map((step) => [step.step, step]));
  const wokenBy = (name: string) =>
    steps.filter((step) => describe(step, names) === name).map((step) => describe(byNumber.get(step.scheduledBy), names));
  // The consumer starts, finds the queue empty and waits: its next steps are woken by the producer's puts.
  assert.ok(wokenBy("consumer").slice(1).includes("producer"), `consumer woken by ${wokenBy("consumer").join(", ")}`);
  // The producer fills the queue of one and waits on the second put: the consumer's get wakes it.
  assert.ok(wokenBy("producer").slice(1).includes("consumer"), `producer woken by ${wokenBy("producer").join(", ")}`);
  // The wait before each of those wakes names the queue.
  const consumerId = [...names].find(([, name]) => name === "consumer")?.[0];
  const waits = events.filter((event) => event.type === "task-state" && event.taskId === consumerId && event.state === "waiting");
  assert.ok(waits.some((event) => event.type === "task-state" && event.waitingOn?.kind === "queue"));
});

test("a sleep's deadline is a timer step that wakes its task; a cancellation is marked on the step that delivers it", async () => {
  const { events } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function sleeper() {
        try { await asyncio.sleep(10); } catch (error) { print("cancelled"); throw error; }
      }
      async function main() {
        await asyncio.sleep(1);
        const task = asyncio.create_task(sleeper(), { name: "sleeper" });
        await asyncio.sleep(0);
        task.cancel();
        await asyncio.gather(task, { returnExceptions: true });
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  const names = namesOf(events);
  const steps = stepsOf(events);
  const byNumber = new Map(steps.map((step) => [step.step, step]));
  const mainAfterSleep = steps.find((step) => step.taskId === 1 && step.time === 1);
  const waker = byNumber.get(mainAfterSleep?.scheduledBy ?? -1);
  assert.equal(waker?.timer, true, "main's step at t=1 was scheduled by the timer of its sleep");
  assert.equal(waker?.time, 1);
  const delivered = steps.filter((step) => describe(step, names) === "sleeper" && step.cancelled);
  assert.equal(delivered.length, 1);
  assert.equal(describe(byNumber.get(delivered[0]?.scheduledBy ?? -1), names), "Task-1", "main's cancel() scheduled the delivery");
});

test("without a listener nothing is recorded and the run is the same", async () => {
  const source = ts`
    import asyncio from "asyncio";
    async function main() { await asyncio.sleep(0); print("done"); }
    asyncio.run(main());
  `;
  const quiet = await runSnippet(source);
  const recorded = await runSnippet(source, { events: true });
  assert.equal(quiet.events.length, 0);
  assert.equal(quiet.stdout, recorded.stdout);
});
