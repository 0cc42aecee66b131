// The compact record (guest/compact-records.ts): written by the guest's batcher as numbers and
// shared strings, read by the host, it must give exactly the events the runtime's object path
// gives, and the host must refuse every batch the runtime could not have written.

import assert from "node:assert/strict";
import { test } from "node:test";
import { createRuntime, type RuntimeEvent } from "@looplab/runtime";
import { compile, stopCompiler } from "@looplab/runtime/compile";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten";
import { galleryRuns } from "../bench/gallery-examples.js";
import { batchNumbers } from "../src/boundary/batch-numbers.js";
import { readGuestBatch } from "../src/boundary/read-guest-records.js";
import type { GuestHost, GuestRecord } from "../src/guest/guest-protocol.js";
import { RecordBatcher } from "../src/guest/record-batcher.js";
import { collect, ts } from "./helpers.js";

const NO_LIMITS = { outputBytes: 1e9, events: 1e9, tasks: 1e9, virtualSeconds: 1e9 };

/** Runs compiled code in Node on the virtual clock, the record going to `host`; an uncaught error ends it as it would. */
function runIn(code: string, host: Parameters<typeof createRuntime>[0]): void {
  const live = createRuntime(host);
  try {
    new Function(...live.scopeNames, code)(...live.scopeValues);
    live.finish();
  } catch {
    // The deadlocks and errors some examples end in on purpose: the record up to them is compared.
  }
}

/** The record through the compact path: the guest's batcher, each batch read as the host reads it. */
function compactRecord(code: string, limits = NO_LIMITS, limitsReached: string[] = []): GuestRecord[] {
  const records: GuestRecord[] = [];
  const host: GuestHost = {
    flush: (text, numbers, count) => {
      const batch = readGuestBatch(text, new Float64Array(numbers, 0, count));
      if (!batch.ok) throw new Error(`refused: ${batch.problem}`);
      records.push(...batch.value);
    },
    limit: (name) => {
      if (limits === NO_LIMITS) throw new Error(`limit ${name}`);
      limitsReached.push(name);
    },
    now: () => performance.now() / 1000,
    blockingSleep: () => {},
    runJobs: () => {},
  };
  const batcher = new RecordBatcher(host, limits);
  runIn(code, { recordSink: batcher });
  batcher.flush();
  return records;
}

function objectRecord(code: string): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  runIn(code, { onEvent: (event) => events.push(event) });
  return events;
}

test("every gallery example's compact record reads back as the events of the object path", async () => {
  const examples = galleryRuns();
  assert.ok(examples.length >= 50);
  let compared = 0;
  try {
    for (const example of examples) {
      const { code } = await compile(example.code);
      const expected = objectRecord(code);
      assert.deepEqual(compactRecord(code), expected, example.path);
      compared += expected.length;
    }
  } finally {
    await stopCompiler();
  }
  assert.ok(compared > 1000, `${compared} events compared`);
});

test("the events budget holds to the event: a run records as many as it allows, or one fewer where a step and its running state would cross it", async () => {
  const { code } = await compile(ts`
    import asyncio from "asyncio";
    const lock = new asyncio.Lock();
    async function player(name: string) {
      for (let round = 0; round < 400; round++) {
        await lock.acquire();
        lock.release();
        await asyncio.sleep(0);
        print(name, round);
      }
    }
    async function main() {
      await asyncio.gather(player("ping"), player("pong"));
    }
    asyncio.run(main());
  `);
  await stopCompiler();
  for (const budget of [1, 2, 3, 16, 17, 100, 511, 512, 513, 1000, 4000]) {
    const reached: string[] = [];
    const records = compactRecord(code, { ...NO_LIMITS, events: budget }, reached);
    assert.deepEqual(reached, ["events"], `budget ${budget}`);
    // Each record the host reads is one event of the budget (a step's running state is its own record).
    assert.ok(records.length === budget || records.length === budget - 1, `budget ${budget}: ${records.length} events recorded`);
  }
});

const good = {
  s: ["the next loop iteration", "Task-2", "7"],
  o: [{ type: "output", time: 0, stream: "stdout", text: "hi\n" }],
};

/** A batch as the host receives it: its JSON text, and its numbers as float64s. */
function batch(numbers: number[], strings: unknown[] = good.s, objects: unknown[] = good.o): [string, Float64Array] {
  return [JSON.stringify({ s: strings, o: objects }), Float64Array.from(numbers)];
}

test("a compact batch reads into the events it stands for", () => {
  const numbers = [
    1, 0.5, 2, 3, 2, 1, 2, 65537, 1, 4, 2, 5, 2, 0, 1, 0, 0, 6, 3, 4, 5, 7, 2, 0, -1, 2, 1, 7, 3, 4, 5, 8, 2, 0, -1, -12, 0, 0, 3, 4, 2, 1,
    1, 1,
  ];
  const reading = readGuestBatch(...batch(numbers));
  assert.ok(reading.ok, reading.ok ? "" : reading.problem);
  assert.deepEqual(reading.value, [
    { type: "step", step: 3, iteration: 2, time: 0.5, scheduledBy: 1, taskId: 2, cancelled: true, resumedAt: { line: 1, column: 1 } },
    { type: "task-state", time: 0.5, taskId: 2, state: "running" },
    { type: "task-state", time: 0.5, taskId: 2, state: "waiting", waitingOn: { kind: "yield", label: "the next loop iteration" } },
    { type: "resource", step: 3, time: 0.5, objectId: 4, kind: "queue", action: "put", taskId: 2, item: "7", size: 1 },
    { type: "resource", step: 3, time: 0.5, objectId: 4, kind: "queue", action: "get", taskId: 2, item: "-12", size: 0 },
    { type: "output", time: 0, stream: "stdout", text: "hi\n" },
    { type: "step", step: 4, iteration: 2, time: 0.5, scheduledBy: 1, callback: "Task-2", timer: true },
  ]);
});

test("a task's start and end read into its task-spawned event, its pending state and the state it ended in", () => {
  // TIME 0.25; two TASK_SPAWNED (task 3 at top level, task 4 made by task 3); two TASK_FINISHED (3 done, 4 cancelled).
  const numbers = [1, 0.25, 8, 3, -1, 1, 2, 8, 4, 3, 1, 2, 9, 3, 0, 2, 9, 4, 2, 0];
  const reading = readGuestBatch(...batch(numbers, good.s, []));
  assert.ok(reading.ok, reading.ok ? "" : reading.problem);
  assert.deepEqual(reading.value, [
    { type: "task-spawned", time: 0.25, taskId: 3, name: "Task-2", parentId: null, coroutine: "7" },
    { type: "task-state", time: 0.25, taskId: 3, state: "pending" },
    { type: "task-spawned", time: 0.25, taskId: 4, name: "Task-2", parentId: 3, coroutine: "7" },
    { type: "task-state", time: 0.25, taskId: 4, state: "pending" },
    { type: "task-state", time: 0.25, taskId: 3, state: "done", result: "7" },
    { type: "task-state", time: 0.25, taskId: 4, state: "cancelled", error: "the next loop iteration" },
  ]);
});

test("the host refuses a compact batch the runtime could not have written, saying what was wrong", () => {
  const step = [1, 0, 2, 3, 2, 1, 2, 0, 0];
  const cases: [string, [string, Float64Array?], RegExp][] = [
    ["an unknown record kind", batch([1, 0, 99]), /unknown record kind/],
    ["a negative kind", batch([-1]), /unknown record kind/],
    ["a record before any TIME", batch([4, 2]), /before the batch's first TIME/],
    ["a NaN kind", batch([Number.NaN]), /unknown record kind/],
    ["a NaN time", batch([1, Number.NaN, 4, 2]), /time that is not a finite/],
    ["a negative time", batch([1, -1, 4, 2]), /time that is not a finite/],
    ["an infinite time", batch([1, Number.POSITIVE_INFINITY, 4, 2]), /time that is not a finite/],
    ["a NaN id", batch([1, 0, 4, Number.NaN]), /taskId that is not/],
    ["a negative task id", batch([1, 0, 4, -2]), /taskId that is not/],
    ["a fractional id", batch([1, 0, 4, 2.5]), /taskId that is not/],
    ["an id past 2^53", batch([1, 0, 4, 2 ** 60]), /taskId that is not/],
    ["a record cut short", batch(step.slice(0, 7)), /cut short by the end of the batch/],
    ["flags it does not define", batch([...step.slice(0, 8), 6]), /flags/],
    ["a string index past the table", batch([1, 0, 5, 2, 0, 1, 0, 9]), /label naming a string the batch does not have/],
    ["a negative string index", batch([1, 0, 5, 2, 0, 1, 0, -1]), /label naming a string/],
    ["an unknown wait kind", batch([1, 0, 5, 2, 0, 99, 0, 0]), /unknown wait kind/],
    ["a yield wait with a number", batch([1, 0, 5, 2, 0, 1, 5, 0]), /yield wait with a number/],
    ["a sleep until a negative time", batch([1, 0, 5, 2, 0, 0, -5, 0]), /sleep until/],
    ["a sleep until NaN", batch([1, 0, 5, 2, 0, 0, Number.NaN, 0]), /sleep until/],
    ["a NaN item", batch([1, 0, 6, 1, 1, 0, 0, 0, 0, -1, Number.NaN, -1]), /item naming a string/],
    ["a fractional integer item", batch([1, 0, 7, 1, 1, 5, 8, 0, 0, -1, 1.5, -1]), /integer item that is not a safe integer/],
    ["a NaN integer item", batch([1, 0, 7, 1, 1, 5, 8, 0, 0, -1, Number.NaN, -1]), /integer item that is not a safe integer/],
    ["an integer item past 2^53", batch([1, 0, 7, 1, 1, 5, 8, 0, 0, -1, 2 ** 60, -1]), /integer item that is not a safe integer/],
    ["an unknown resource action", batch([1, 0, 6, 1, 1, 0, 99, 0, 0, -1, -1, -1]), /unknown resource action/],
    ["a resource value below -1", batch([1, 0, 6, 1, 1, 0, 0, 0, 0, -2, -1, -1]), /value that is neither/],
    ["a parent id below -1", batch([1, 0, 8, 3, -2, 1, 2]), /parentId that is neither/],
    ["a task name past the table", batch([1, 0, 8, 3, -1, 9, 2]), /name naming a string the batch does not have/],
    ["an unknown finished state", batch([1, 0, 9, 3, 3, 0]), /unknown finished task state/],
    ["a NaN finished state", batch([1, 0, 9, 3, Number.NaN, 0]), /unknown finished task state/],
    ["a result past the table", batch([1, 0, 9, 3, 0, 9]), /result naming a string/],
    ["an OBJECT with no object left", batch([0, 0]), /no object record left/],
    ["an object record no OBJECT places", batch([], [], good.o), /object records that no OBJECT number places/],
    ["a forged object record", batch([0], [], [{ type: "end", reason: "completed" }]), /^record 1 of a batch: /],
    ["a string that is no string", batch([], [7]), /string 1 of a batch: not a string/],
    ["a string too long", batch([], ["x".repeat(5000)]), /not a string of at most 4096/],
    ["too many numbers", batch(new Array(6145).fill(1)), /numbers \(at most 6144\)/],
    ["too many strings", batch([], new Array(6145).fill("a")), /strings \(at most 6144\)/],
    [
      "more than the records a batch may hold",
      batch([1, 0, ...new Array(6100).fill(0)], [], new Array(4096).fill(good.o[0])),
      /object records \(at most|more than 4096/,
    ],
    ["a third key", [JSON.stringify({ s: [], o: [], n: [] })], /neither a list of records nor/],
    ["strings that are no list", [JSON.stringify({ s: "a", o: [] })], /neither a list of records nor/],
    ["numbers beside a list of records", [JSON.stringify([good.o[0]]), Float64Array.of(0)], /list of records with numbers/],
  ];
  for (const [what, [text, numbers], message] of cases) {
    const reading = readGuestBatch(text, numbers);
    assert.equal(reading.ok, false, what);
    if (!reading.ok) assert.match(reading.problem, message, what);
  }
});

test("the host takes a batch's numbers only from an ArrayBuffer holding as many as the count says", async () => {
  const module = await newQuickJSWASMModuleFromVariant(import("@jitl/quickjs-wasmfile-release-sync"));
  const context = module.newContext();
  try {
    const numbersOf = (buffer: string, count: string) => {
      const bufferHandle = context.unwrapResult(context.evalCode(buffer));
      const countHandle = context.unwrapResult(context.evalCode(count));
      try {
        return batchNumbers(context, bufferHandle, countHandle);
      } finally {
        bufferHandle.dispose();
        countHandle.dispose();
      }
    };
    assert.deepEqual(numbersOf("Float64Array.of(1, 0.5, -1, NaN).buffer", "3"), Float64Array.of(1, 0.5, -1));
    for (const [buffer, count, problem] of [
      ["new Float64Array(4).buffer", "5", /more than their buffer holds/],
      ["new Float64Array(4).buffer", "-1", /not a whole number/],
      ["new Float64Array(4).buffer", "1.5", /not a whole number/],
      ["new Float64Array(4).buffer", "'2'", /not a whole number/],
      ["new ArrayBuffer(8 * 7000)", "7000", /not a whole number from 0 to 6144/],
      ["new Float64Array(4)", "1", /not an ArrayBuffer/],
      ["({ byteLength: 8 })", "1", /not an ArrayBuffer/],
      ["'bytes'", "1", /not an ArrayBuffer/],
    ] as const) {
      const result = numbersOf(buffer, count);
      assert.equal(typeof result, "string", `${buffer}, ${count}`);
      assert.match(result as string, problem);
    }
  } finally {
    context.dispose();
  }
});

test("a batch's strings weigh against the event-bytes limit at every use, not once", () => {
  const label = "x".repeat(4000);
  const waits = Array.from({ length: 500 }, () => [5, 2, 0, 1, 0, 0]).flat();
  const reading = readGuestBatch(...batch([1, 0, ...waits], [label], []));
  assert.ok(reading.ok);
  assert.ok((reading.characters ?? 0) >= 500 * 4000, `${reading.characters} characters`);
});

const BENIGN = ts`
  import asyncio from "asyncio";
  async function main() { await asyncio.sleep(1); print("benign done"); }
  asyncio.run(main());
`;

test("compact records forged through the instrument's sink end the run with a clear message; a benign run still completes", async () => {
  for (const forged of [
    "sink.taskStep(Number.NaN, 1, 0, 0, 1, false, 0)",
    "sink.taskRunning(0, -5)",
    "sink.taskRunning(Infinity, 1)",
    "sink.taskWaiting(0, 1, { kind: 'evil', label: 'x' }, 0)",
    "sink.taskWaiting(0, 1, { kind: 'sleep', until: 'soon', label: 'x' }, 0)",
    "sink.resource(1, 0, 1, 'lock', 'explode', 1, 0, -1, undefined, -1)",
    "sink.resource(1, 0, 1, 'lock', 'acquire', 1, 0, -7, undefined, -1)",
    "sink.callbackStep(1, 1, 0, 0, { toString: () => 'x' }, false)",
    "sink.taskSpawned(0, 1, 'x', -3, 'c')",
    "sink.taskSpawned(0, -1, 'x', null, 'c')",
    "sink.taskFinished(0, 1, 'exploded', 'x')",
  ]) {
    const [run, benign] = await Promise.all([
      collect(ts`
        import asyncio from "asyncio";
        async function main() {
          print("before");
          const sink = (asyncio.getRunningLoop() as any).instrument.sink;
          ${forged};
          await asyncio.sleep(1);
          print("after");
        }
        asyncio.run(main());
      `),
      collect(BENIGN),
    ]);
    assert.equal(run.end.reason, "error", forged);
    assert.match(
      run.end.message ?? "",
      /^the sandbox ended this run: the guest sent (record \d+ of a batch: |string 1 of a batch|text that is not JSON)/,
      forged,
    );
    assert.doesNotMatch(run.stdout, /after/, forged);
    assert.equal(benign.end.reason, "completed");
    assert.equal(benign.stdout, "benign done\n");
  }
});

test("the batcher's host functions, limits and uncounted records are out of a snippet's reach", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    const sink = (asyncio.getEventLoop() as any).instrument.sink;
    print(Object.keys(sink).length, typeof sink.host, typeof sink.limits, typeof sink.record);
  `);
  assert.equal(run.stdout, "0 undefined undefined undefined\n");
  assert.equal(run.end.reason, "completed");
});

test("a snippet that replaces Math.min, Math.max and Math.floor still meets the events budget; a benign run still completes", async () => {
  const [run, benign] = await Promise.all([
    collect(
      ts`
        import asyncio from "asyncio";
        Math.min = () => 1e15;
        Math.max = () => 1e15;
        Math.floor = () => 1e15;
        async function player() {
          for (let round = 0; round < 1000; round++) await asyncio.sleep(0);
        }
        async function main() {
          await asyncio.gather(player(), player());
          print("after");
        }
        asyncio.run(main());
      `,
      { limits: { events: 500 } },
    ),
    collect(BENIGN),
  ]);
  assert.equal(run.end.reason, "limit");
  assert.equal(run.end.limit, "events");
  assert.doesNotMatch(run.stdout, /after/);
  assert.ok(run.events.length <= 500 + 2, `${run.events.length} events`);
  assert.equal(benign.end.reason, "completed");
  assert.equal(benign.stdout, "benign done\n");
});
