// Program runs through the sandbox: compile, run in a QuickJS worker, stream events, end.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import { run } from "../src/run.js";
import { collect, testPool, ts } from "./helpers.js";

function collectOn(pool: WorkerPool, source: string, options: Parameters<typeof collect>[1] = {}) {
  return collect(source, { ...options, pool });
}

test("a program run streams output and task events on the virtual clock, then a completed end", async () => {
  const { events, stdout, end } = await collect(ts`
    import asyncio from "asyncio";
    async function work(i: number) {
      print("start", i);
      await asyncio.sleep(2);
      return i * 10;
    }
    async function main() {
      const tasks = [1, 2, 3].map((i) => asyncio.createTask(work(i)));
      print(await asyncio.gather(...tasks));
      print(asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
    print("after run");
  `);
  assert.equal(stdout, "start 1\nstart 2\nstart 3\n[10, 20, 30]\n2\nafter run\n");
  const spawned = events.filter((event) => event.type === "task-spawned").map((event) => [event.taskId, event.name, event.parentId]);
  assert.deepEqual(spawned, [
    [1, "Task-1", null],
    [2, "Task-2", 1],
    [3, "Task-3", 1],
    [4, "Task-4", 1],
  ]);
  const gathered = events.find((event) => event.type === "output" && event.text === "[10, 20, 30]\n");
  assert.equal(gathered && "time" in gathered ? gathered.time : null, 2);
  assert.equal(end.reason, "completed");
  assert.equal(end.counters.virtualSeconds, 2);
  // The count matches the timeline's lanes: run()'s own shutdown tasks are not the snippet's.
  assert.equal(end.counters.tasks, 4);
  assert.ok(end.counters.steps >= 7, `steps counted: ${end.counters.steps}`);
  assert.ok(end.counters.peakMemoryBytes > 0);
});

// The frames are those on the JavaScript stack when the error was made: the awaiting coroutines
// suspended above the innermost one (main here) are not on it, so they are not shown.
test("an uncaught error comes with its stack mapped to the snippet's TypeScript lines, and ends the run with error", async () => {
  const { error, end, events } = await collect(ts`
    import asyncio from "asyncio";

    interface Order { id: number }

    async function check(order: Order): Promise<void> {
      await asyncio.sleep(1);
      throw new Error("bad order " + order.id);
    }

    async function main() {
      await check({ id: 7 });
    }

    asyncio.run(main());
  `);
  assert.ok(error);
  assert.equal(error.name, "Error");
  assert.equal(error.message, "bad order 7");
  assert.deepEqual(
    error.frames.map((frame) => [frame.function, frame.line, frame.code]),
    [
      ["check", 7, 'throw new Error("bad order " + order.id);'],
      ["main", 11, "await check({ id: 7 });"],
      ["<module>", 14, "asyncio.run(main());"],
    ],
  );
  assert.equal(
    error.traceback,
    [
      "Traceback (most recent call last):",
      '  File "snippet.ts", line 14, in <module>',
      "    asyncio.run(main());",
      '  File "snippet.ts", line 11, in main',
      "    await check({ id: 7 });",
      '  File "snippet.ts", line 7, in check',
      '    throw new Error("bad order " + order.id);',
      "Error: bad order 7",
      "",
    ].join("\n"),
  );
  assert.equal(end.reason, "error");
  assert.equal(end.message, "Error: bad order 7");
  assert.equal(events.at(-1), end);
});

test("a deadlock ends the run with reason deadlock and the DeadlockError naming the waiting task", async () => {
  const { error, end } = await collect(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.getRunningLoop().createFuture();
    }
    asyncio.run(main());
  `);
  assert.equal(end.reason, "deadlock");
  assert.equal(error?.name, "DeadlockError");
  assert.match(error?.message ?? "", /Task-1/);
});

test("a TypeScript syntax error is a compile-error event with file, line, column and frame, then an error end", async () => {
  const { events, end } = await collect("const a = 1;\nconst b: number = ;\n", { filename: "broken.ts" });
  assert.equal(events[0]?.type, "compile-error");
  const diagnostics = events[0]?.type === "compile-error" ? events[0].diagnostics : [];
  assert.equal(diagnostics.length, 1);
  assert.deepEqual(
    { ...diagnostics[0], message: undefined },
    {
      file: "broken.ts",
      line: 2,
      column: 19,
      message: undefined,
      frame: "2 | const b: number = ;\n                      ^",
    },
  );
  assert.equal(end.reason, "error");
  assert.equal(events.length, 2);
});

test("a snippet over the size limit ends at once with the snippet-size limit", async () => {
  const { events, end } = await collect(`print(1);\n${"// padding\n".repeat(200)}`, { limits: { snippetBytes: 1024 } });
  assert.equal(events.length, 1);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "snippet-size");
  assert.match(end.message ?? "", /snippet size limit exceeded/);
});

test("with events off only output, errors and the end are streamed", async () => {
  const { events } = await collect(
    ts`
    import asyncio from "asyncio";
    async function main() { print("hi"); }
    asyncio.run(main());
  `,
    { events: false },
  );
  assert.deepEqual(
    events.map((event) => event.type),
    ["output", "end"],
  );
});

test("events stream while the snippet runs: output arrives long before the run ends", async () => {
  const arrivals: [string, number][] = [];
  const started = performance.now();
  for await (const event of run(
    ts`
      print("first");
      const until = Date.now() + 600;
      while (Date.now() < until) {}
      print("last");
    `,
    { pool: testPool() },
  )) {
    arrivals.push([event.type === "output" ? event.text.trim() : event.type, performance.now() - started]);
  }
  const first = arrivals.find(([what]) => what === "first")?.[1] ?? Number.NaN;
  const end = arrivals.find(([what]) => what === "end")?.[1] ?? Number.NaN;
  assert.ok(end - first > 400, `first output at ${first} ms, end at ${end} ms`);
});

test("a consumer that stops iterating stops the run, and the pool goes on", async () => {
  const started = performance.now();
  let seen = 0;
  for await (const event of run(`for (let i = 0; ; i++) print(i);`, { pool: testPool(), events: false })) {
    if (event.type === "output" && ++seen >= 3) break;
  }
  const { stdout } = await collect(`print("next run");`);
  assert.equal(stdout, "next run\n");
  assert.ok(performance.now() - started < 1500, "the endless run stopped well before its CPU limit");
});

test("a slow consumer pauses the run instead of buffering, and paused time is not CPU time", async () => {
  let count = 0;
  let end: { reason: string; cpuMs: number } | null = null;
  let waited = false;
  // Far more batches than the worker sends ahead of its consumer (64 of at most 512 records).
  const source = `for (let i = 0; i < 100000; i++) print(i);`;
  for await (const event of run(source, { pool: testPool(), events: false, limits: { cpuMs: 3000 } })) {
    if (!waited) {
      waited = true;
      // Longer than the CPU limit: a worker that counted this wait would stop the run.
      await new Promise((resolve) => setTimeout(resolve, 3500));
    }
    if (event.type === "output") count += event.text.split("\n").length - 1;
    if (event.type === "end") end = { reason: event.reason, cpuMs: event.counters.cpuMs };
  }
  assert.deepEqual([count, end?.reason], [100000, "completed"]);
  assert.ok((end?.cpuMs ?? 0) < 3000, `cpu ${end?.cpuMs} ms`);
});

test("a worker whose engine memory grew large retires after its run, and the pool's next run goes on", async () => {
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const big = await collectOn(
      pool,
      `const blocks = [];\nfor (let i = 0; i < 30; i++) blocks.push(new Float64Array(1 << 20));\nprint(blocks.length);`,
      {
        limits: { memoryBytes: 400 * 1024 * 1024 },
      },
    );
    assert.deepEqual([big.stdout, big.end.reason], ["30\n", "completed"]);
    const next = await collectOn(pool, `print("next");`);
    assert.deepEqual([next.stdout, next.end.reason], ["next\n", "completed"]);
  } finally {
    await pool.close();
  }
});

test("on the real clock a program run waits in real time, and waiting is not CPU time", async () => {
  const started = performance.now();
  const { stdout, end } = await collect(
    ts`
      import asyncio from "asyncio";
      async function main() {
        await asyncio.sleep(0.6);
        print("woke");
      }
      asyncio.run(main());
    `,
    { clock: "real", limits: { cpuMs: 300 } },
  );
  assert.deepEqual([stdout, end.reason], ["woke\n", "completed"]);
  assert.ok(performance.now() - started >= 600, "the sleep took real time");
  assert.ok(end.counters.cpuMs < 300, `cpu ${end.counters.cpuMs} ms`);
});
