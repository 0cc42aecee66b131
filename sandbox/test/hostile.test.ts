// Hostile snippets: each ends in well under 15 s of wall time with a message naming its cause,
// and a benign run on the same pool finishes while it runs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { RunOptions } from "../src/run.js";
import { type CollectedRun, collect, ts } from "./helpers.js";

const WALL_LIMIT_MS = 15_000;

/** Runs a hostile snippet and, meanwhile, a benign one; `outlasts`: the hostile one runs for seconds, so the benign one must end first. */
async function hostile(source: string, options: RunOptions = {}, outlasts = false): Promise<CollectedRun> {
  let hostileEnded = false;
  const running = collect(source, options).finally(() => {
    hostileEnded = true;
  });
  // Let the hostile run take its worker first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const benign = await collect(ts`
    import asyncio from "asyncio";
    async function main() { await asyncio.sleep(1); print("benign done"); }
    asyncio.run(main());
  `);
  const benignFinishedFirst = !hostileEnded;
  const result = await running;
  assert.equal(benign.stdout, "benign done\n");
  assert.equal(benign.end.reason, "completed");
  if (outlasts) assert.ok(benignFinishedFirst, "the benign run finished while the hostile one was still running");
  assert.ok(result.wallMs < WALL_LIMIT_MS, `the hostile run took ${Math.round(result.wallMs)} ms`);
  return result;
}

test("an endless loop is stopped by the CPU limit", async () => {
  const { end } = await hostile(`while (true) {}`, {}, true);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
  // Which clock decided, and the figure it read, which the counters carry (cpu-limit-message.test.ts).
  assert.match(
    end.message ?? "",
    /^CPU time limit exceeded: the snippet (ran for [\d,]+ ms of CPU time, more than 2 s|held its sandbox for )/,
  );
  // 2 s of CPU, or less on a machine so busy that the run held its worker for 3 budgets of wall time.
  assert.ok(end.counters.cpuMs > 0 && end.counters.cpuMs < 3000, `cpu ${end.counters.cpuMs} ms`);
});

test("an endless loop inside a coroutine is stopped by the CPU limit too", async () => {
  const { end } = await hostile(
    ts`
    import asyncio from "asyncio";
    async function spin() { for (;;) {} }
    asyncio.run(spin());
  `,
    {},
    true,
  );
  assert.equal(end.limit, "cpu");
});

test("a memory bomb of large buffers is stopped by the memory limit", async () => {
  const { end } = await hostile(ts`
    const blocks: Float64Array[] = [];
    while (true) blocks.push(new Float64Array(1 << 20));
  `);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "memory");
  assert.match(end.message ?? "", /^memory limit exceeded: the snippet needed more than 64 MB$/);
  assert.ok(end.counters.peakMemoryBytes >= 64 * 1024 * 1024);
});

test("a memory bomb of small objects is stopped by the memory limit", async () => {
  const { end } = await hostile(ts`
    const objects: object[] = [];
    while (true) objects.push({ index: objects.length, pair: [objects.length, "x" + objects.length] });
  `);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "memory");
});

test("unbounded recursion is stopped by the stack limit, with a collapsed traceback", async () => {
  const { end, error } = await hostile(ts`
    function down(n: number): number {
      return down(n + 1) + 1;
    }
    down(0);
  `);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "stack");
  assert.match(end.message ?? "", /^stack limit exceeded/);
  assert.match(error?.traceback ?? "", /line 2, in down\n {4}return down\(n \+ 1\) \+ 1;\n {2}\[Previous line repeated \d+ more times\]\n/);
  assert.equal(error?.frames.length, 100);
});

test("an output flood is cut at the output limit", async () => {
  const { end, stdout } = await hostile(`while (true) print("flood ".repeat(100));`);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "output");
  assert.match(end.message ?? "", /^output limit exceeded: the snippet printed more than 1 MB$/);
  assert.equal(stdout.length, 1024 * 1024);
});

test("a huge native operation that ignores the interrupt is stopped by the watchdog, which replaces its worker", async () => {
  const { end } = await hostile(`print(new Array(2 ** 29).join("").length);`, {}, true);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
  assert.match(end.message ?? "", /^CPU time limit exceeded/);
  // The pool has replaced the worker: runs go on.
  const after = await collect(`print("still running");`);
  assert.equal(after.stdout, "still running\n");
});

test("a 2^27-character string joined 64 times is stopped by the memory limit", async () => {
  const { end } = await hostile(`print(new Array(64).fill("x".repeat(2 ** 27)).join("").length);`);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "memory");
});

test("an endless virtual sleep loop is stopped by the virtual time limit", async () => {
  const { end } = await hostile(ts`
    import asyncio from "asyncio";
    async function main() {
      while (true) await asyncio.sleep(60);
    }
    asyncio.run(main());
  `);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "virtual-time");
  assert.match(end.message ?? "", /^virtual time limit exceeded: the clock passed 86,400 seconds$/);
  assert.ok(end.counters.virtualSeconds > 86_400);
});

test("a flood of 3 million tasks is stopped by a limit", async () => {
  const { end } = await hostile(ts`
    import asyncio from "asyncio";
    async function noop() {}
    async function main() {
      for (let i = 0; i < 3_000_000; i++) asyncio.createTask(noop());
    }
    asyncio.run(main());
  `);
  assert.equal(end.reason, "limit");
  // Each task costs CPU, memory and two events: whichever bound it meets first names itself.
  assert.ok(["cpu", "events", "memory", "tasks"].includes(end.limit ?? ""), `limit ${end.limit}`);
  assert.match(end.message ?? "", /^(CPU time|event|memory|task) limit exceeded/);
});

test("the task limit itself stops a run that creates more tasks than allowed", async () => {
  const { end } = await hostile(
    ts`
      import asyncio from "asyncio";
      async function noop() {}
      async function main() {
        for (let i = 0; i < 3_000_000; i++) asyncio.createTask(noop());
      }
      asyncio.run(main());
    `,
    { events: false, limits: { tasks: 5000 } },
  );
  assert.equal(end.limit, "tasks");
  assert.match(end.message ?? "", /^task limit exceeded: the snippet created more than 5,000 tasks$/);
});

test("a regular-expression backtracking bomb is stopped by the CPU limit", async () => {
  const { end } = await hostile(`print(/(a+)+$/.test("a".repeat(40) + "b"));`, {}, true);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
});

test("a deadlock ends the run with a DeadlockError naming what each task waits on", async () => {
  const { end, error } = await hostile(ts`
    import asyncio from "asyncio";
    async function main() {
      const never = asyncio.getRunningLoop().createFuture();
      await never;
    }
    asyncio.run(main());
  `);
  assert.equal(end.reason, "deadlock");
  assert.equal(error?.name, "DeadlockError");
  assert.match(end.message ?? "", /^DeadlockError: .*Task-1/s);
});

test("an unknown import is a compile error naming the module", async () => {
  const { events, end } = await hostile(`import { readFileSync } from "node:fs";\nprint(readFileSync("/etc/passwd"));\n`);
  assert.equal(end.reason, "error");
  const diagnostics = events[0]?.type === "compile-error" ? events[0].diagnostics : [];
  assert.match(diagnostics[0]?.message ?? "", /^Cannot import "node:fs"/);
});

test("host-escape probes find no host capability: no process, require of host modules, WebAssembly, network or file system", async () => {
  const { stdout, end } = await hostile(ts`
    const probes: [string, () => unknown][] = [
      ["Function global", () => Object.keys(Function("return this")()).filter((name) => /process|require|module|fs|fetch|WebAssembly|Deno|Bun|std|os/.test(name))],
      ["process", () => Function("return typeof process")()],
      ["require", () => Function("return typeof require")()],
      ["WebAssembly", () => typeof (globalThis as any).WebAssembly],
      ["fetch", () => typeof (globalThis as any).fetch],
      ["XMLHttpRequest", () => typeof (globalThis as any).XMLHttpRequest],
      ["constructor chain", () => (({}).constructor.constructor("return typeof process"))()],
      ["indirect eval", () => (0, eval)("typeof require + typeof process + typeof __looplab + typeof __looplabHost")],
      ["require of fs", () => eval('require("fs")')],
      ["dynamic global", () => Object.getOwnPropertyNames(globalThis).filter((name) => name.startsWith("__"))],
    ];
    for (const [name, probe] of probes) {
      try { print(name, probe()); } catch (e) { print(name, "raised", (e as Error).name); }
    }
  `);
  assert.equal(end.reason, "completed");
  assert.equal(
    stdout,
    [
      "Function global []",
      "process undefined",
      "require undefined",
      "WebAssembly undefined",
      "fetch undefined",
      "XMLHttpRequest undefined",
      "constructor chain undefined",
      "indirect eval undefinedundefinedundefinedundefined",
      "require of fs raised Error",
      "dynamic global []",
      "",
    ].join("\n"),
  );
});

test("globalThis holds only JavaScript's own builtins and the snippet globals the spec lists", async () => {
  const module = await newQuickJSWASMModuleFromVariant(import("@jitl/quickjs-wasmfile-release-sync"));
  const context = module.newContext();
  const names = context.unwrapResult(context.evalCode("JSON.stringify(Object.getOwnPropertyNames(globalThis))"));
  const builtins: string[] = JSON.parse(context.getString(names));
  names.dispose();
  context.dispose();
  const spec = ["print", "console", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask"];
  const { stdout } = await hostile(`print(JSON.stringify(Object.getOwnPropertyNames(globalThis).sort()));`);
  assert.deepEqual(JSON.parse(stdout), [...new Set([...builtins, ...spec])].sort());
});

test("a module that aborts when its runtime is freed (quickjs-emscripten #269) is replaced, and runs go on", async () => {
  // Many objects allocated inside promise jobs make QuickJS's runtime teardown abort the module.
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const poisoning = await collect(
      ts`
        import asyncio from "asyncio";
        const keep: object[] = [];
        async function main() {
          await Promise.resolve().then(() => {
            for (let i = 0; i < 200_000; i++) keep.push({ i, inner: { i } });
          });
          print(keep.length);
        }
        asyncio.run(main());
      `,
      { pool },
    );
    assert.deepEqual([poisoning.stdout, poisoning.end.reason], ["200000\n", "completed"]);
    const next = await collect(`print("after the abort");`, { pool });
    assert.deepEqual([next.stdout, next.end.reason], ["after the abort\n", "completed"]);
  } finally {
    await pool.close();
  }
});
