// `looplab run --trace`: a run as a Chrome Trace Event file (Perfetto, chrome://tracing), checked
// against the format's rules: known phases, numeric times and ids, async begin/end pairs that
// match and nest, flows whose start and end pair up inside step slices, thread names.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { exampleSource } from "../../runtime/test/example-source.js";
import type { RunEvent } from "../src/protocol-events.js";
import { type ChromeTrace, STEP_US, type TraceEvent, toChromeTrace } from "../src/trace/chrome-trace.js";
import { collect, ts } from "./helpers.js";

const PHASES = new Set(["B", "E", "X", "i", "I", "b", "n", "e", "s", "t", "f", "M", "C", "N", "O", "D", "P", "R"]);

/** Checks a trace against the Trace Event Format's rules; returns its events once they pass. */
function checkTrace(trace: ChromeTrace): TraceEvent[] {
  // What a file holds is JSON: the object survives a round trip unchanged.
  const parsed = JSON.parse(JSON.stringify(trace)) as ChromeTrace;
  assert.deepEqual(parsed, trace);
  assert.ok(Array.isArray(parsed.traceEvents));
  const events = parsed.traceEvents;
  for (const event of events) {
    assert.ok(PHASES.has(event.ph), `unknown phase ${event.ph}`);
    assert.equal(typeof event.name, "string");
    for (const key of ["ts", "pid", "tid"] as const) {
      assert.equal(typeof event[key], "number", `${key} of ${JSON.stringify(event)}`);
      assert.ok(Number.isFinite(event[key]) && event[key] >= 0, `${key} of ${JSON.stringify(event)}`);
    }
    assert.ok(Number.isInteger(event.pid) && Number.isInteger(event.tid));
    assert.notEqual(event.tid, 0, "tid 0 is the idle thread to Perfetto");
    if (event.ph === "X") assert.ok(typeof event.dur === "number" && event.dur > 0);
    if (["i", "I"].includes(event.ph)) assert.ok(event.s === "g" || event.s === "p" || event.s === "t");
    if ("bp" in event) assert.equal(event.bp, "e");
    if (event.ph === "b" || event.ph === "e" || event.ph === "s" || event.ph === "f") {
      assert.equal(typeof event.cat, "string");
      assert.ok(Number.isInteger(event.id), `id of ${JSON.stringify(event)}`);
    }
  }
  // Viewers sort by time; the file is sorted already (metadata first), so that file order and
  // time order agree on which of two events at one time comes first.
  const timed = events.filter((event) => event.ph !== "M");
  assert.ok(events.slice(0, events.length - timed.length).every((event) => event.ph === "M"));
  for (let index = 1; index < timed.length; index++) assert.ok((timed[index - 1] as TraceEvent).ts <= (timed[index] as TraceEvent).ts);

  // Async slices: per category and id a stack; each `e` closes the innermost open `b` of the
  // same name, not before it began; nothing stays open.
  const open = new Map<string, TraceEvent[]>();
  for (const event of timed) {
    if (event.ph !== "b" && event.ph !== "e") continue;
    const key = `${event.cat}/${event.id}`;
    const stack = open.get(key) ?? [];
    open.set(key, stack);
    if (event.ph === "b") stack.push(event);
    else {
      const begin = stack.pop();
      assert.ok(begin !== undefined, `an end without a begin: ${JSON.stringify(event)}`);
      assert.equal(event.name, begin.name);
      assert.equal(event.pid, begin.pid);
      assert.ok(event.ts >= begin.ts);
    }
  }
  for (const [key, stack] of open) assert.equal(stack.length, 0, `${key} left open: ${stack.map((event) => event.name)}`);

  // Flows: each id has one `s` and one `f` with the same category and name, the end not
  // before the start, each inside an `X` slice on its thread (the slice it binds to).
  const slices = timed.filter((event) => event.ph === "X");
  const inSlice = (event: TraceEvent) =>
    slices.some((slice) => slice.tid === event.tid && slice.ts <= event.ts && event.ts <= slice.ts + (slice.dur as number));
  const starts = new Map<number, TraceEvent>();
  const ends = new Map<number, TraceEvent>();
  for (const event of timed) {
    if (event.ph !== "s" && event.ph !== "f") continue;
    const side = event.ph === "s" ? starts : ends;
    assert.ok(!side.has(event.id as number), `two flow ${event.ph} with id ${event.id}`);
    side.set(event.id as number, event);
    assert.ok(inSlice(event), `flow ${event.ph} ${event.id} outside any slice`);
  }
  assert.deepEqual([...starts.keys()].sort(), [...ends.keys()].sort());
  for (const [id, start] of starts) {
    const end = ends.get(id) as TraceEvent;
    assert.equal(end.cat, start.cat);
    assert.equal(end.name, start.name);
    assert.ok(end.ts >= start.ts);
  }
  // Slices on one thread do not overlap (X events must nest, and steps are sequential).
  for (const tid of new Set(slices.map((slice) => slice.tid))) {
    const list = slices.filter((slice) => slice.tid === tid);
    for (let index = 1; index < list.length; index++) {
      const before = list[index - 1] as TraceEvent;
      assert.ok(before.ts + (before.dur as number) <= (list[index] as TraceEvent).ts);
    }
  }
  return events;
}

const PING_PONG = ts`
  import asyncio from "asyncio";
  async function player(name: string) {
    for (let i = 0; i < 3; i++) {
      print(name, i);
      await asyncio.sleep(0);
    }
  }
  async function main() {
    const a = asyncio.createTask(player("A"));
    const b = asyncio.createTask(player("B"));
    await asyncio.sleep(0.25);
    await asyncio.gather(a, b);
    print("done");
  }
  asyncio.run(main());
`;

function threadNames(events: TraceEvent[]): Map<number, string> {
  return new Map(
    events.filter((event) => event.ph === "M" && event.name === "thread_name").map((event) => [event.tid, event.args?.name as string]),
  );
}

test("a ping-pong run becomes a valid trace: a thread per task, its states as async slices, its output as instants", async () => {
  const run = await collect(PING_PONG);
  assert.equal(run.stdout, "A 0\nB 0\nA 1\nB 1\nA 2\nB 2\ndone\n");
  const events = checkTrace(toChromeTrace(run.events, { processName: "ping-pong" }));

  const names = threadNames(events);
  const spawned = run.events.filter((event) => event.type === "task-spawned");
  assert.equal(spawned.length, 3);
  for (const task of spawned) assert.equal(names.get(task.taskId), `${task.name} ${task.coroutine}`);
  assert.ok([...names.values()].includes("event loop"));
  assert.ok(events.some((event) => event.ph === "M" && event.name === "process_name" && event.args?.name === "ping-pong"));

  // An instant per output, on the thread of the task that printed it, in the run's order.
  const outputs = events.filter((event) => event.ph === "i" && event.cat === "output");
  assert.deepEqual(
    outputs.map((event) => event.args?.text),
    ["A 0\n", "B 0\n", "A 1\n", "B 1\n", "A 2\n", "B 2\n", "done\n"],
  );
  const [, a, b] = spawned.map((task) => task.taskId);
  assert.deepEqual(
    outputs.map((event) => event.tid),
    [a, b, a, b, a, b, spawned[0]?.taskId],
  );

  // The zero-time interleaving has width: the players' steps are one after another, STEP_US each.
  const steps = events.filter((event) => event.ph === "X" && event.cat === "step");
  const atZero = steps.filter((event) => event.args?.time === 0);
  assert.ok(atZero.length >= 7);
  for (let index = 1; index < atZero.length; index++) {
    assert.equal((atZero[index] as TraceEvent).ts - (atZero[index - 1] as TraceEvent).ts, STEP_US);
  }
  // Virtual time is kept where the run is idle: main's wake-up after the sleep is at 0.25 s.
  const woken = steps.find((event) => event.tid === spawned[0]?.taskId && event.args?.time === 0.25);
  assert.ok(woken !== undefined && woken.ts >= 250_000 && woken.ts < 250_010);

  // Each player's async track: its life, then pending, running and waiting on the next iteration.
  const states = events.filter((event) => event.ph === "b" && event.id === a).map((event) => event.name);
  assert.deepEqual(states.slice(0, 3), ["Task-2 player", "pending", "running"]);
  assert.ok(states.includes("waiting: the next loop iteration"));
  assert.ok(events.some((event) => event.ph === "b" && event.id === spawned[0]?.taskId && event.name === "waiting: sleep(0.25)"));

  // A flow into every step that something scheduled, from the scheduling step's thread: A's
  // second step was woken by A's first, and main's wake-up by the timer's callback.
  const stepEvents = run.events.filter((event) => event.type === "step");
  const flowEnds = events.filter((event) => event.ph === "f");
  assert.equal(flowEnds.length, stepEvents.filter((step) => step.scheduledBy > 0).length);
  const byStep = new Map(steps.concat(events.filter((event) => event.cat === "callback")).map((event) => [event.args?.step, event]));
  for (const step of stepEvents.filter((event) => event.scheduledBy > 0)) {
    const start = events.find((event) => event.ph === "s" && event.id === step.step) as TraceEvent;
    assert.equal(start.tid, byStep.get(step.scheduledBy)?.tid);
    assert.equal(flowEnds.find((event) => event.id === step.step)?.tid, byStep.get(step.step)?.tid);
  }
  assert.ok(flowEnds.some((event) => event.name === "timer"));
});

test("a deadlocked run's trace records the locks, the cancellations and the error", async () => {
  const run = await collect(exampleSource("locks-queues/09-two-locks-deadlock.ts"));
  assert.equal(run.end.reason, "deadlock");
  const trace = toChromeTrace(run.events);
  const events = checkTrace(trace);
  assert.ok(events.some((event) => event.cat === "resource" && /^Lock #\d+ acquire$/.test(event.name)));
  assert.ok(events.some((event) => event.ph === "X" && event.name.endsWith("(cancelled)")));
  assert.ok(events.some((event) => event.ph === "i" && event.name === "cancelled: CancelledError()"));
  // asyncio.run's shutdown asks each stuck task to cancel, on that task's thread; main's
  // cancellation reaches its gather, which asks the two children too.
  const threads = new Map(
    events.flatMap((event) => (event.name === "thread_name" ? [[event.tid, String(event.args?.name)] as const] : [])),
  );
  const requestedOn = (name: string) =>
    events.filter((event) => event.cat === "cancel" && event.name === name).map((event) => threads.get(event.tid));
  assert.deepEqual(requestedOn("cancel requested by shutdown"), ["Task-1 main", "Task-2 take", "Task-3 take"]);
  assert.deepEqual(requestedOn("cancel requested by gather"), ["Task-2 take", "Task-3 take"]);
  assert.ok(events.some((event) => event.cat === "error" && event.s === "g" && event.name.startsWith("DeadlockError: ")));
  assert.equal(trace.otherData.reason, "deadlock");
});

test("a run a limit ended leaves its task unfinished: its slices end with the trace", async () => {
  const run = await collect(
    ts`
      import asyncio from "asyncio";
      async function tick() {
        while (true) await asyncio.sleep(1);
      }
      asyncio.run(tick());
    `,
    { limits: { virtualSeconds: 5 } },
  );
  assert.equal(run.end.reason, "limit");
  const trace = toChromeTrace(run.events);
  const events = checkTrace(trace);
  const unfinished = events.filter((event) => event.ph === "e" && event.args?.unfinished === true);
  // The limit stops the task where it stands (here as it resumes at 5 s): its state, then its life.
  assert.equal(unfinished.length, 2);
  assert.match(unfinished[0]?.name as string, /^(running|waiting: sleep\(1\))$/);
  assert.equal(unfinished[1]?.name, "Task-1 tick");
  assert.equal(trace.otherData.limit, "virtual-time");
});

test("a trace of no events, or of a compile error, is still a valid file", () => {
  checkTrace(toChromeTrace([]));
  const events: RunEvent[] = [
    { type: "compile-error", diagnostics: [{ file: "x.ts", line: 1, column: 2, message: "bad", frame: "" }] },
    { type: "end", reason: "error", message: "bad", counters: { cpuMs: 0, virtualSeconds: 0, tasks: 0, steps: 0, peakMemoryBytes: 0 } },
  ];
  const trace = toChromeTrace(events);
  checkTrace(trace);
  assert.deepEqual(trace.otherData.compileError, ["x.ts:1:2: bad"]);
});

test("looplab run --trace FILE.json writes the trace and prints only the program's output on stdout", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "looplab-trace-"));
  const file = path.join(folder, "ping-pong.ts");
  const out = path.join(folder, "out.json");
  writeFileSync(file, PING_PONG);
  const looplab = fileURLToPath(new URL("../bin/looplab.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [looplab, "run", file, "--trace", out], { encoding: "utf8", timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, "A 0\nB 0\nA 1\nB 1\nA 2\nB 2\ndone\n");
  assert.equal(result.stderr, `looplab: wrote the trace to ${out} (open it in https://ui.perfetto.dev)\n`);
  const events = checkTrace(JSON.parse(readFileSync(out, "utf8")));
  assert.equal(events.filter((event) => event.cat === "output").length, 7);
  assert.equal(threadNames(events).get(1), "Task-1 main");

  const missing = spawnSync(process.execPath, [looplab, "run", file, "--trace"], { encoding: "utf8", timeout: 60_000 });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--trace needs a FILE\.json/);
});
