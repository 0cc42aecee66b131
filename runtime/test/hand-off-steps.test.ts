// Hand-off steps (issue 12, item 5): a snippet's generators driven by next/throw/return, its
// coroutine objects driven by send/throw,
// greenlet switches and executor threads are lanes whose steps share the loop's numbering, each
// scheduled by the step that sent, switched or submitted. Runs in Node and again inside QuickJS
// (sandbox/test/conformance.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RuntimeEvent, StepEvent, TaskSpawnedEvent, TaskStateEvent } from "../src/index.js";
import { exampleSource as example } from "./example-source.js";
import { runSnippet, ts } from "./harness.js";

function stepsOf(events: RuntimeEvent[]): StepEvent[] {
  return events.filter((event): event is StepEvent => event.type === "step");
}

/** Lane names by id, from the spawn events. */
function namesOf(events: RuntimeEvent[]): Map<number, string> {
  return new Map(events.flatMap((event) => (event.type === "task-spawned" ? [[event.taskId, event.name] as const] : [])));
}

/** "lane" or "lane(value)", "lane!(error)" for a thrown one. */
function describe(step: StepEvent, names: Map<number, string>): string {
  const lane = step.taskId === undefined ? `callback:${step.callback}` : (names.get(step.taskId) ?? `task ${step.taskId}`);
  if (step.value === undefined) return lane;
  return `${lane}${step.thrown ? "!" : ""}(${step.value})`;
}

/** Each step is scheduled by the one just before it: a chain of hand-offs. */
function assertChained(steps: StepEvent[]): void {
  steps.forEach((step, index) => {
    assert.equal(step.scheduledBy, index === 0 ? 0 : (steps[index - 1] as StepEvent).step, `step ${step.step}`);
  });
}

test("the seeds' generator producer/consumer: each send and each yield back is a step of the other lane", async () => {
  const { events, stdout, error } = await runSnippet(example("generators/01-producer-consumer.ts"), { events: true });
  assert.equal(error, undefined);
  assert.equal(stdout, example("generators/01-producer-consumer.expected.txt"));
  const names = namesOf(events);
  const consumer = events.find((event): event is TaskSpawnedEvent => event.type === "task-spawned" && event.coroutine === "consumer");
  assert.deepEqual([consumer?.name, names.get(consumer?.parentId ?? -1)], ["generator-1", "main"]);
  const steps = stepsOf(events);
  assert.deepEqual(
    steps.map((step) => describe(step, names)),
    [
      // the top level runs, and c.next() starts the consumer, which yields "" back to it
      "main",
      "generator-1",
      "main('')",
      // each c.next(n) hands n over; the consumer yields back its answer
      ...[1, 2, 3, 4, 5].flatMap((n) => [`generator-1(${n})`, "main('200 OK')"]),
      // c.return() closes it
      "generator-1",
      "main",
    ],
  );
  assert.deepEqual(
    steps.map((step) => step.step),
    steps.map((_, index) => index + 1),
  );
  assertChained(steps);
  // The consumer's time.sleep(1) moves the clock: the answer to n comes back at n seconds (after main's first step, at 0).
  assert.deepEqual(
    steps.filter((step) => names.get(step.taskId ?? -1) === "main").map((step) => step.time),
    [0, 0, 1, 2, 3, 4, 5, 5],
  );
  const states = events.flatMap((event) => (event.type === "task-state" && event.taskId === consumer?.taskId ? [event.state] : []));
  assert.deepEqual(states, ["pending", ...Array(6).fill(["running", "waiting"]).flat(), "running", "done"]);
});

test("a coroutine driven by send() by hand is a lane: the send is its step, the yield from the generator it awaits comes back to main", async () => {
  const path = "coroutines-basics/07-await-generator-coroutine.ts";
  const { events, stdout, error } = await runSnippet(example(path), { events: true });
  assert.equal(error, undefined);
  assert.equal(stdout, example(path.replace(/\.ts$/, ".expected.txt")));
  const names = namesOf(events);
  const lane = events.find((event): event is TaskSpawnedEvent => event.type === "task-spawned" && event.coroutine === "get_name");
  assert.deepEqual([lane?.name, names.get(lane?.parentId ?? -1)], ["coroutine-1", "main"]);
  const steps = stepsOf(events);
  assert.deepEqual(
    steps.map((step) => describe(step, names)),
    ["main", "coroutine-1(None)", "main('小明')"],
  );
  assertChained(steps);
  // It stays parked at the generator's yield (line 4), in the coroutine it awaits.
  const parked = events.filter((event): event is TaskStateEvent => event.type === "task-state" && event.taskId === lane?.taskId);
  assert.deepEqual(
    parked.map((event) => [event.state, event.at?.line]),
    [
      ["pending", undefined],
      ["running", undefined],
      ["waiting", 4],
    ],
  );
});

test("a coroutine sent to until it returns ends its lane done; a throw() into it is a thrown hand-off", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      function* pause() { return yield "paused"; }
      async function work() {
        try {
          print("got", await pause());
        } catch (error) {
          print("caught", error.message);
        }
        return 42;
      }
      const first = work();
      first.send(null);
      try { first.send("hello"); } catch (stop) { print("returned", stop.value); }
      const second = work();
      second.send(null);
      try { second.throw(new Error("bad")); } catch (stop) { print("returned", stop.value); }
    `,
    { events: true },
  );
  assert.equal(stdout, "got hello\nreturned 42\ncaught bad\nreturned 42\n");
  const names = namesOf(events);
  assert.deepEqual(
    stepsOf(events).map((step) => describe(step, names)),
    [
      "main",
      "coroutine-1(None)",
      "main('paused')",
      "coroutine-1('hello')",
      "main(42)",
      "coroutine-2(None)",
      "main('paused')",
      "coroutine-2!(Error('bad'))",
      "main(42)",
    ],
  );
  const ends = events.flatMap((event) =>
    event.type === "task-state" && (event.state === "done" || event.state === "failed")
      ? [[names.get(event.taskId), event.state, event.result]]
      : [],
  );
  // The top level's lane is done when the module returns.
  assert.deepEqual(ends, [
    ["coroutine-1", "done", "42"],
    ["coroutine-2", "done", "42"],
    ["main", "done", "None"],
  ]);
});

test("a module that runs no coroutine records its top level as one step of main, which ends done", async () => {
  const path = "coroutines-basics/01-coroutine-object.ts";
  const { events } = await runSnippet(example(path), { events: true });
  const names = namesOf(events);
  assert.deepEqual([...names.values()], ["main"]);
  assert.deepEqual(
    stepsOf(events).map((step) => describe(step, names)),
    ["main"],
  );
  const states = events.flatMap((event) => (event.type === "task-state" ? [event.state] : []));
  assert.deepEqual(states, ["pending", "running", "done"]);
  // The output came first: the step records that the module ran, once it is over.
  assert.ok(events.findIndex((event) => event.type === "output") < events.findIndex((event) => event.type === "step"));
});

test("the greenlet example records its switches in order, each scheduled by the switch before", async () => {
  const { events, stdout } = await runSnippet(example("gevent-greenlet/01-greenlet-switch.ts"), { events: true });
  assert.equal(stdout, example("gevent-greenlet/01-greenlet-switch.expected.txt"));
  const names = namesOf(events);
  const steps = stepsOf(events);
  // The top level makes the greenlets and switches to gr1 (greenlet-1), which switches to gr2,
  // back to gr1, to gr2, which returns into main. main is the first lane.
  assert.deepEqual(
    steps.map((step) => describe(step, names)),
    ["main", "greenlet-1", "greenlet-2", "greenlet-1", "greenlet-2", "main"],
  );
  assert.deepEqual(
    events.flatMap((event) => (event.type === "task-spawned" ? [event.name] : [])),
    ["main", "greenlet-1", "greenlet-2"],
  );
  assertChained(steps);
});

test("a greenlet switch carries the values passed, a throw() its exception", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import { greenlet } from "greenlet";
      const worker = greenlet(async (first: number) => {
        const second = await greenlet.getcurrent().parent.switch("ready", first);
        try {
          await greenlet.getcurrent().parent.switch(second * 2);
        } catch (error) {
          return "stopped";
        }
      });
      print(worker.switch(1));
      print(worker.switch(21));
      print(worker.throw(new Error("stop")));
    `,
    { events: true },
  );
  assert.equal(stdout, "['ready', 1]\n42\nstopped\n");
  const names = namesOf(events);
  assert.deepEqual(
    stepsOf(events).map((step) => describe(step, names)),
    ["main", "greenlet-1(1)", "main(['ready', 1])", "greenlet-1(21)", "main(42)", "greenlet-1!(Error('stop'))", "main('stopped')"],
  );
});

test("inside a task, a generator's hand-offs are steps between the task's own, in one numbering", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      function* doubler(): Generator<number, string, number> {
        let n = yield 0;
        while (n > 0) n = yield n * 2;
        return "done";
      }
      async function main() {
        const gen = doubler();
        gen.next();
        print(gen.next(3).value);
        await asyncio.sleep(0);
        print(gen.next(0).value);
        try {
          doubler().throw(new Error("refused"));
        } catch (error) {
          print("caught", error);
        }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(stdout, "6\ndone\ncaught refused\n");
  const names = namesOf(events);
  const steps = stepsOf(events);
  assert.deepEqual(
    steps.map((step) => step.step),
    steps.map((_, index) => index + 1),
  );
  const byNumber = new Map(steps.map((step) => [step.step, step]));
  const lines = steps
    .filter((step) => step.taskId !== undefined)
    .map((step) => `${describe(step, names)} <- ${describe(byNumber.get(step.scheduledBy) ?? step, names)}`);
  assert.deepEqual(lines.slice(0, 9), [
    "Task-1 <- Task-1",
    "generator-1 <- Task-1",
    "Task-1(0) <- generator-1",
    "generator-1(3) <- Task-1(0)",
    "Task-1(6) <- generator-1(3)",
    // sleep(0): the loop's next step of the task, woken by its yield
    "Task-1 <- Task-1(6)",
    "generator-1(0) <- Task-1",
    "Task-1('done') <- generator-1(0)",
    // a throw() into a generator that never started raises straight back
    "generator-2!(Error('refused')) <- Task-1('done')",
  ]);
  assert.equal(lines[9], "Task-1!(Error('refused')) <- generator-2!(Error('refused'))");
  const lanes = events.filter((event) => event.type === "task-spawned").map((event) => event.type === "task-spawned" && event.parentId);
  assert.deepEqual(lanes, [null, 1, 1], "the generators' lanes are the task's children");
});

const OWN_AND_RUNTIME_GENERATORS = ts`
    import asyncio from "asyncio";
    function* count(n: number) { for (let i = 0; i < n; i++) yield i; }
    function* countdown(): Generator<unknown, string, unknown> {
      yield asyncio.sleep(1);
      return "liftoff";
    }
    const anonymous = function* () { yield 1; };
    print([...count(2)], [...anonymous()], Object.hasOwn(count.prototype, "next"));
    async function main() {
      print(await asyncio.createTask(countdown()));
    }
    asyncio.run(main());
  `;

test("without a listener a generator function's generators are left as they are", async () => {
  const { stdout } = await runSnippet(OWN_AND_RUNTIME_GENERATORS);
  assert.equal(stdout, "[0, 1] [1] False\nliftoff\n");
});

test("only the snippet's own generator functions get lanes", async () => {
  const { events, stdout } = await runSnippet(OWN_AND_RUNTIME_GENERATORS, { events: true });
  assert.equal(stdout, "[0, 1] [1] True\nliftoff\n");
  const spawned = events.flatMap((event) => (event.type === "task-spawned" ? [`${event.name} ${event.coroutine}`] : []));
  // count() is driven by the spread; countdown(), a generator used as a coroutine, runs as its task's steps.
  assert.deepEqual(spawned, ["main <module>", "generator-1 count", "Task-1 main", "Task-2 countdown"]);
  const names = namesOf(events);
  assert.deepEqual(
    stepsOf(events)
      .slice(0, 7)
      .map((step) => describe(step, names)),
    ["main", "generator-1", "main(0)", "generator-1", "main(1)", "generator-1", "main"],
  );
});

test("gevent greenlets are tasks: their steps alternate on the loop", async () => {
  const { events, stdout } = await runSnippet(example("gevent-greenlet/02-gevent-sleep.ts"), { events: true });
  assert.equal(stdout, example("gevent-greenlet/02-gevent-sleep.expected.txt"));
  const names = namesOf(events);
  const coroutines = new Map(events.flatMap((event) => (event.type === "task-spawned" ? [[event.taskId, event.coroutine] as const] : [])));
  const greenletSteps = stepsOf(events)
    .filter((step) => ["foo", "bar"].includes(coroutines.get(step.taskId ?? -1) ?? ""))
    .map((step) => `${coroutines.get(step.taskId ?? -1)}@${step.time}`);
  assert.deepEqual(greenletSteps, ["foo@0", "bar@0", "foo@2", "bar@5"], [...names.values()].join(", "));
});

test("an executor thread's call is a step of its lane, scheduled by the step that submitted it", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      import time from "time";
      function work(n: number) {
        time.sleep(1);
        return n * 10;
      }
      async function main() {
        const loop = asyncio.getRunningLoop();
        print(await asyncio.gather(loop.runInExecutor(null, work, 1), loop.runInExecutor(null, work, 2)));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(stdout, "[10, 20]\n");
  const names = namesOf(events);
  const steps = stepsOf(events);
  const byNumber = new Map(steps.map((step) => [step.step, step]));
  const threads = steps.filter((step) => (names.get(step.taskId ?? -1) ?? "").startsWith("work in"));
  assert.equal(threads.length, 2);
  for (const thread of threads) assert.equal(describe(byNumber.get(thread.scheduledBy) as StepEvent, names), "Task-1");
  assert.deepEqual(
    steps.map((step) => step.step),
    steps.map((_, index) => index + 1),
  );
});

test("a long for...of over a generator records its first 1,000 hand-offs, then runs on within the event budget", async () => {
  const { events, stdout } = await runSnippet(
    ts`
      function* numbers(count: number) {
        for (let i = 0; i < count; i++) yield i;
      }
      let total = 0;
      for (const n of numbers(50_000)) total += n;
      print(total);
    `,
    { events: true },
  );
  assert.equal(stdout, "1249975000\n");
  const laneSteps = events.filter((event) => event.type === "step" && event.taskId !== undefined);
  assert.ok(laneSteps.length <= 2 * 1000 + 2, `${laneSteps.length} hand-off steps recorded`);
  assert.ok(events.length < 10_000, `${events.length} events`);
});
