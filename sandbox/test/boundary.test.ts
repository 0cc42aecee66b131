// The boundary between guest and host, attacked as issue 16's findings did. Each attack ends
// with a clear message (or is harmless), the records that reach the consumer are the host's
// own, and a benign run on the same pool completes meanwhile and afterwards.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hostBatch, readGuestBatch, recordsOf } from "../src/boundary/read-guest-records.js";
import { type GuestRecord, MAX_ERROR_MESSAGE_CHARACTERS } from "../src/guest/guest-protocol.js";
import { RUN_EVENT_TYPES } from "../src/protocol-events.js";
import { openSession } from "../src/repl/session.js";
import { type CollectedRun, collect, testPool, ts } from "./helpers.js";

const BENIGN = ts`
  import asyncio from "asyncio";
  async function main() { await asyncio.sleep(1); print("benign done"); }
  asyncio.run(main());
`;

async function assertBenignRunCompletes(): Promise<void> {
  const benign = await collect(BENIGN);
  assert.equal(benign.stdout, "benign done\n");
  assert.equal(benign.end.reason, "completed");
}

/** The attack runs while a benign run does; the benign one must complete, during and after. */
async function attack(source: string, options: Parameters<typeof collect>[1] = {}): Promise<CollectedRun> {
  const [result] = await Promise.all([collect(source, options), assertBenignRunCompletes()]);
  await assertBenignRunCompletes();
  return result;
}

const KNOWN_TYPES = new Set<string>(RUN_EVENT_TYPES);

function assertOnlyHostEvents(run: CollectedRun): void {
  for (const event of run.events)
    assert.ok(KNOWN_TYPES.has(event.type), `an event of type ${JSON.stringify(event.type)} reached the consumer`);
  assert.equal(run.events.filter((event) => event.type === "end").length, 1);
  assert.equal(run.events.at(-1)?.type, "end");
}

for (const [label, toJson] of [
  ["a number", "function () { return 7; }"],
  ["[null]", "function () { return [null]; }"],
  ["undefined", "function () { return undefined; }"],
  ["a throw", 'function () { throw new Error("no"); }'],
] as const) {
  test(`Array.prototype.toJSON returning ${label} changes nothing the host reads (finding 1)`, async () => {
    const run = await attack(`Array.prototype.toJSON = ${toJson}; (Object.prototype as any).toJSON = ${toJson}; print("x", [1, 2]);`);
    assert.equal(run.stdout, "x [1, 2]\n");
    assert.equal(run.end.reason, "completed");
    assertOnlyHostEvents(run);
  });
}

test("the same toJSON attack in a REPL input leaves the session and the next session working (finding 1)", async () => {
  const session = await openSession({ pool: testPool() });
  const neighbour = await openSession({ pool: testPool() });
  try {
    const outcome = await session.eval(`Array.prototype.toJSON = function () { return 7; }; print("x"); 1 + 1`);
    assert.deepEqual(outcome, { kind: "value", value: "2" });
    assert.deepEqual(await session.eval("[1, 2].length"), { kind: "value", value: "2" });
    assert.deepEqual(await neighbour.eval("1 + 1"), { kind: "value", value: "2" });
  } finally {
    await session.close();
    await neighbour.close();
  }
});

test("a guest-written error.stack cannot blow up the traceback (finding 1 and 4)", async () => {
  // 8,000 frame lines pointing at a 60 KB first line: the host once built a 487 MB answer from this.
  const longLine = `const padding = "${"x".repeat(60_000)}";`;
  const run = await attack(ts`
    ${longLine}
    const error = new Error("forged stack");
    Object.defineProperty(error, "stack", { value: "    at main (snippet.js:2:1)\\n".repeat(8000) });
    throw error;
  `);
  assert.equal(run.end.reason, "error");
  assert.ok(run.error !== null);
  assert.equal(run.error.message, "forged stack");
  assert.ok(run.error.frames.length <= 100, `${run.error.frames.length} frames`);
  assert.ok(run.error.traceback.length < 64 * 1024, `a traceback of ${run.error.traceback.length} characters`);
  assert.ok(JSON.stringify(run.events).length < 256 * 1024);
});

test("a stack getter that throws or returns a huge string is read safely", async () => {
  const run = await attack(ts`
    const error = new Error("getter");
    Object.defineProperty(error, "stack", { get() { return "y".repeat(20_000_000); } });
    Object.defineProperty(error, "name", { get() { throw new Error("no name"); } });
    throw error;
  `);
  assert.ok(["error", "limit"].includes(run.end.reason), run.end.message);
  assert.ok(JSON.stringify(run.events).length < 1024 * 1024);
});

test("tasks named with a megabyte each do not make a 100 MB answer (finding 4)", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    const name = "n".repeat(1 << 20);
    async function main() {
      const tasks = [];
      for (let i = 0; i < 100; i++) tasks.push(asyncio.createTask(asyncio.sleep(0), { name }));
      await asyncio.gather(...tasks);
    }
    asyncio.run(main());
  `);
  assert.equal(run.end.reason, "completed");
  assert.ok(JSON.stringify(run.events).length < 1024 * 1024, `${JSON.stringify(run.events).length} characters of events`);
});

test("every event's text counts against the event-bytes limit, not only output", async () => {
  const run = await attack(
    ts`
    import asyncio from "asyncio";
    async function main() {
      for (let i = 0; i < 10_000; i++) await asyncio.sleep(0);
    }
    asyncio.run(main());
  `,
    { limits: { eventBytes: 100_000 } },
  );
  assert.equal(run.end.reason, "limit");
  assert.equal(run.end.limit, "event-bytes");
  assert.match(run.end.message ?? "", /^event size limit exceeded/);
  assert.ok(JSON.stringify(run.events).length < 200_000);
});

test("the host's functions are not reachable from the runtime (finding 3)", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    async function main() {
      const runtime = (asyncio.getRunningLoop() as any).runtime;
      print(typeof runtime.host, String(Object.keys(runtime).includes("host")));
      const found: string[] = [];
      const seen = new Set<unknown>();
      // Everything reachable from the loop, three levels deep: no host function among it.
      const walk = (value: any, depth: number) => {
        if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value) || depth > 3) return;
        seen.add(value);
        for (const key of Object.getOwnPropertyNames(value)) {
          let child: unknown;
          try { child = value[key]; } catch { continue; }
          if (["blockingSleep", "runJobs", "flush", "onEvent"].includes(key)) found.push(key);
          walk(child, depth + 1);
        }
      };
      walk(asyncio.getRunningLoop(), 0);
      print(found.join(",") || "none");
    }
    asyncio.run(main());
  `);
  assert.equal(run.stdout, "undefined false\nnone\n");
});

test("a snippet cannot renumber tasks to get past the task limit (finding 3)", async () => {
  const run = await attack(
    ts`
    import asyncio from "asyncio";
    async function main() {
      const runtime = (asyncio.getRunningLoop() as any).runtime;
      const original = runtime.nextTaskId;
      // Sloppy-mode assignments to a sealed object fail silently; defineProperty throws.
      for (const replace of [
        () => { runtime.nextTaskId = () => 1; },
        () => { Object.getPrototypeOf(runtime).nextTaskId = () => 1; },
        () => Object.defineProperty(runtime, "nextTaskId", { value: () => 1 }),
        () => { runtime.taskIds = -100; },
      ]) {
        try { replace(); } catch {}
      }
      print(String(runtime.nextTaskId === original), String(runtime.taskIds));
      const tasks = [];
      for (let i = 0; i < 50; i++) tasks.push(asyncio.createTask(asyncio.sleep(0)));
      await asyncio.gather(...tasks);
    }
    asyncio.run(main());
  `,
    { limits: { tasks: 10 } },
  );
  assert.equal(run.stdout, "true undefined\n");
  assert.equal(run.end.reason, "limit");
  assert.equal(run.end.limit, "tasks");
  assert.ok(run.end.counters.tasks >= 10, `tasks ${run.end.counters.tasks}`);
});

test("a snippet cannot skip the clock limit by replacing the clock's sleep", async () => {
  const run = await attack(
    ts`
    import asyncio from "asyncio";
    async function main() {
      const clock = (asyncio.getRunningLoop() as any).runtime.clock;
      const original = clock.sleep;
      try { clock.sleep = () => {}; } catch {}
      try { Object.getPrototypeOf(clock).sleep = () => {}; } catch {}
      print(String(clock.sleep === original));
      await asyncio.sleep(500);
    }
    asyncio.run(main());
  `,
    { limits: { virtualSeconds: 100 } },
  );
  assert.equal(run.stdout, "true\n");
  assert.equal(run.end.limit, "virtual-time");
});

test("an event forged through the runtime's instrument ends the run; the consumer never sees it (finding 3)", async () => {
  for (const forged of [
    `{ type: "end", reason: "completed", counters: { cpuMs: 0, virtualSeconds: 0, tasks: -1, steps: 0, peakMemoryBytes: 0 } }`,
    `{ type: "<img src=x onerror=alert(1)>", time: 0 }`,
    `{ type: "output", time: 0, stream: "stdout", text: "x", html: "<script>alert(1)</script>" }`,
    `{ type: "task-state", time: -1, taskId: 1, state: "done" }`,
  ]) {
    const run = await attack(ts`
      import asyncio from "asyncio";
      async function main() {
        print("before");
        (asyncio.getRunningLoop() as any).instrument.emit(${forged});
        await asyncio.sleep(1);
        print("after");
      }
      asyncio.run(main());
    `);
    assertOnlyHostEvents(run);
    assert.equal(run.end.reason, "error", forged);
    assert.match(run.end.message ?? "", /^the sandbox ended this run: the guest sent record \d+ of a batch: /);
    assert.doesNotMatch(JSON.stringify(run.events), /onerror|<script>/);
    assert.doesNotMatch(run.stdout, /after/);
  }
});

test("a snippet that fills its batch with forged records in a REPL session ends that session only", async () => {
  const attacker = await openSession({ pool: testPool() });
  const neighbour = await openSession({ pool: testPool() });
  try {
    await attacker.eval(`import asyncio from "asyncio"`);
    const outcome = await attacker.eval(
      `(asyncio.getEventLoop() as any).instrument.emit({ type: "end", reason: "completed" }); await asyncio.sleep(0)`,
    );
    assert.equal(outcome.kind, "closed");
    const end = await attacker.ended;
    assert.equal(end.reason, "error");
    assert.match(end.message ?? "", /^the sandbox ended this run: the guest sent/);
    assert.deepEqual(await neighbour.eval("1 + 1"), { kind: "value", value: "2" });
  } finally {
    await attacker.close();
    await neighbour.close();
  }
});

test("benign runs pass the host's checks: a sleep until Infinity, a 100 KB REPL value", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    async function main() {
      const forever = asyncio.createTask(asyncio.sleep(Infinity));
      await asyncio.sleep(1);
      forever.cancel();
      print(await asyncio.gather(forever, { returnExceptions: true }));
    }
    asyncio.run(main());
  `);
  assert.equal(run.end.reason, "completed", run.end.message);
  assert.equal(run.stdout, "[CancelledError('')]\n");
  const session = await openSession({ pool: testPool() });
  try {
    const outcome = await session.eval(`"v".repeat(100_000)`);
    assert.equal(outcome.kind, "value");
    assert.ok(outcome.kind === "value" && outcome.value !== null && outcome.value.length === 64 * 1024 && outcome.value.endsWith("…"));
    assert.deepEqual(await session.eval("1 + 1"), { kind: "value", value: "2" });
  } finally {
    await session.close();
  }
});

const DEADLOCK = ts`
  import asyncio from "asyncio";
  async function main() { await asyncio.getRunningLoop().createFuture(); }
`;

test("a DeadlockError's graph crosses the boundary cut to its bounds; a graph the runtime could not make is left out, not refused", async () => {
  // A real graph whose label the snippet made a megabyte long: cut to 200 characters.
  const tampered = await attack(ts`
    ${DEADLOCK}
    try { asyncio.run(main()); } catch (error) { error.graph.nodes[0].label = "x".repeat(1 << 20); throw error; }
  `);
  assert.equal(tampered.end.reason, "deadlock");
  const graph = tampered.error?.deadlock;
  assert.ok(graph !== undefined);
  assert.equal(graph.nodes[0]?.label.length, 200);
  assert.deepEqual(graph.edges, [{ from: 0, to: 1, kind: "waits-on" }]);
  // Forged ones: a getter that throws, an edge to a node that is not there, a million nodes.
  for (const forged of [
    `Object.defineProperty(error, "graph", { get() { throw new Error("no graph"); } });`,
    `Object.defineProperty(error, "graph", { value: { nodes: [], edges: [{ from: 0, to: 1, kind: "waits-on" }], cycle: null } });`,
    `Object.defineProperty(error, "graph", { value: { nodes: new Proxy([], { get: (t, k) => (k === "length" ? 1e6 : { kind: "task", label: "t" }) }), edges: [], cycle: null } });`,
  ]) {
    const run = await attack(ts`
      import asyncio from "asyncio";
      const error = new asyncio.DeadlockError("forged");
      ${forged}
      throw error;
    `);
    assert.equal(run.end.reason, "deadlock", run.end.message);
    assert.equal(run.error?.message, "forged");
    assert.equal(run.error?.deadlock, undefined);
  }
});

test("the host refuses a deadlock graph outside its bounds or naming a node it does not have", () => {
  const record = (deadlock: unknown) =>
    JSON.stringify([{ type: "guest-error", time: 0, error: { name: "DeadlockError", message: "", stack: "", deadlock } }]);
  const task = { kind: "task", id: 1, label: "Task-1" };
  assert.ok(readGuestBatch(record({ nodes: [task], edges: [{ from: 0, to: 0, kind: "waits-on" }], cycle: [0] })).ok);
  for (const bad of [
    { nodes: [task], edges: [{ from: 0, to: 1, kind: "waits-on" }], cycle: null },
    { nodes: [task], edges: [], cycle: [1] },
    { nodes: [{ ...task, label: "x".repeat(201) }], edges: [], cycle: null },
    { nodes: [{ ...task, extra: 1 }], edges: [], cycle: null },
    { nodes: Array.from({ length: 1001 }, () => task), edges: [], cycle: null },
  ]) {
    assert.equal(readGuestBatch(record(bad)).ok, false, JSON.stringify(bad).slice(0, 200));
  }
});

test("the host refuses a cancel record with an unknown requester or action, or a field of another kind", () => {
  const good = { type: "cancel", step: 3, time: 0, action: "requested", taskId: 2, by: "task-group", byTaskId: 4, cancelling: 1 };
  assert.ok(readGuestBatch(JSON.stringify([good])).ok);
  for (const bad of [
    { ...good, by: "<img src=x onerror=alert(1)>" },
    { ...good, action: "exploded" },
    { ...good, taskId: -1 },
    { ...good, message: "x".repeat(5000) },
    { ...good, holder: 2 },
  ]) {
    assert.equal(readGuestBatch(JSON.stringify([bad])).ok, false, JSON.stringify(bad).slice(0, 200));
  }
});

test("a requester forged through the runtime's instrument ends the run at its cancel record", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    async function main() {
      const task = asyncio.createTask(asyncio.sleep(10));
      await asyncio.sleep(0);
      print("before");
      (asyncio.getRunningLoop() as any).instrument.requestCancelAs("<img src=x onerror=alert(1)>");
      task.cancel();
      await asyncio.sleep(1);
      print("after");
    }
    asyncio.run(main());
  `);
  assertOnlyHostEvents(run);
  assert.equal(run.end.reason, "error");
  assert.match(run.end.message ?? "", /^the sandbox ended this run: the guest sent record \d+ of a batch: /);
  assert.doesNotMatch(JSON.stringify(run.events), /onerror/);
  assert.doesNotMatch(run.stdout, /after/);
});

test("the generator-lane helper in a snippet's scope, called on builtin prototypes, changes nothing the host reads", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    (__generatorFunction as any)({ prototype: Object.prototype }, "<script>x</script>".repeat(1000));
    (__generatorFunction as any)({ prototype: Object.getPrototypeOf(function* () {}).prototype }, "evil");
    async function main() { for (const x of [1, 2]) print(x); await asyncio.sleep(0); print("done"); }
    asyncio.run(main());
  `);
  assertOnlyHostEvents(run);
  assert.equal(run.stdout, "1\n2\ndone\n");
  for (const event of run.events) {
    if (event.type === "task-spawned") assert.ok(event.coroutine.length <= 200 && event.name.length <= 200, event.coroutine.slice(0, 80));
  }
});

test("the site helper in a snippet's scope, given sites that are no numbers or no positions, puts no bad position in a record", async () => {
  const run = await attack(ts`
    import asyncio from "asyncio";
    // Code the compile step never saw (new Function) yields with no site of its own, after setting one.
    const parkAt = new Function("setSite", "site", "return (function* () { setSite(site); yield null; setSite(site); yield null; })()");
    async function main() {
      for (const site of ["evil", Number.NaN, -1, 1e300, 2 ** 60, 1.5, {}, 5, 65536]) await asyncio.createTask(parkAt(__suspendAt, site));
      print("done");
    }
    asyncio.run(main());
  `);
  assertOnlyHostEvents(run);
  assert.equal(run.end.reason, "completed", run.end.message);
  assert.equal(run.stdout, "done\n");
  for (const event of run.events) {
    const site = event.type === "step" ? event.resumedAt : event.type === "task-state" ? event.at : undefined;
    if (site !== undefined)
      assert.ok(Number.isSafeInteger(site.line) && site.line > 0 && Number.isSafeInteger(site.column), JSON.stringify(site));
  }
});

test("the worker's own records reach the main thread as they were; a batch the main thread cannot read fails its operation", () => {
  // What the worker posts when QuickJS cannot compile a session's input: the longest message it reads.
  const records: GuestRecord[] = [
    { type: "guest-error", time: 0, error: { name: "SyntaxError", message: "x".repeat(MAX_ERROR_MESSAGE_CHARACTERS), stack: "" } },
    { type: "input-done", inputId: 3 },
  ];
  assert.deepEqual(recordsOf(hostBatch(records)), records);
  const forged = hostBatch([{ type: "input-done", inputId: -1 }] as unknown as GuestRecord[]);
  assert.throws(() => recordsOf(forged), /a batch the worker had checked was refused: record 1 of a batch/);
});
