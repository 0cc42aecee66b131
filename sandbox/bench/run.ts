// `npm run bench -w sandbox`: the sandbox measured as the product uses it.
//   1. the runtime bench's workloads inside QuickJS (both engine builds) beside Node and CPython,
//      all in CPU milliseconds (goal: QuickJS at or below CPython on every workload);
//   2. cold start, source to first event, for a 1 KB snippet on a warm pool, p50 and p95
//      (goal: p50 ≤ 15 ms);
//   3. the memory an idle REPL session holds (goal: ≤ 2 MB);
//   4. program runs per second of the examples/ snippets on this machine;
//   5. the engine's floor: nanoseconds QuickJS and CPython each pay for a call, an object and a
//      generator resume, the operations a task step is made of (primitives.ts);
//      then the profile of the worst of them (highest QuickJS/CPython) in QuickJS (quickjs-profiler.ts);
//   6. every gallery example with the full record: its events by kind, its share of the event
//      budget, and its CPU with the record beside its CPU without (gallery-records.ts).
// Options: --repeat=N (default 3) --warmup=N (default 1) --only=id,id --no-python --no-profile
//          --engines=quickjs,quickjs-ng --sections=workloads,run-cost,cold-start,session,throughput,primitives,gallery
//          --gallery-repeat=N (default 5; --only also picks gallery examples by part of their path)

import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile, setStallTimeout, stopCompiler } from "@looplab/runtime/compile";
import { cpythonVersion, type Measurement, median, type Repetitions } from "../../runtime/bench/measure.js";
import { formatTable } from "../../runtime/bench/table.js";
import { type Workload, workloads } from "../../runtime/bench/workloads.js";
import type { EngineName } from "../src/engine/messages.js";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { RunEvent } from "../src/protocol-events.js";
import { openSession } from "../src/repl/session.js";
import { run } from "../src/run.js";
import { BENCH_LIMITS } from "./bench-limits.js";
import { cpythonCpu, nodeCpu } from "./cpu-measure.js";
import { gallerySection } from "./gallery-records.js";
import { emptyLoop, LOOPS, type Primitive, primitives } from "./primitives.js";
import { profileHeader } from "./profile-report.js";
import { profileSnippet } from "./quickjs-profiler.js";

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const plan: Repetitions = { warmups: Number(option("warmup") ?? 1), repetitions: Number(option("repeat") ?? 3), timeLimitMs: 300_000 };
const only = option("only")?.split(",");
const engines = (option("engines")?.split(",") ?? ["quickjs", "quickjs-ng"]) as EngineName[];
const sections = new Set(
  option("sections")?.split(",") ?? ["workloads", "run-cost", "cold-start", "session", "throughput", "primitives", "gallery"],
);
const python = args.includes("--no-python") ? null : cpythonVersion();

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

/** How much of the record a run makes: none, only today's task events (task-spawned, task-state), or the full record. */
type RecordLevel = "none" | "tasks" | "full";

async function collect(source: string, pool: WorkerPool, record: RecordLevel = "none"): Promise<{ output: string; end: RunEvent | null }> {
  let output = "";
  let end: RunEvent | null = null;
  const options = { pool, events: record !== "none", record: record === "tasks" ? "tasks" : "full", limits: BENCH_LIMITS } as const;
  for await (const event of run(source, options)) {
    if (event.type === "output") output += event.text;
    if (event.type === "end") end = event;
  }
  return { output, end };
}

/** CPU milliseconds of a snippet's runs inside QuickJS, as the end event counts them, with `record`. */
async function quickjsCpu(source: string, pool: WorkerPool, record: RecordLevel = "none"): Promise<Measurement> {
  const timesMs: number[] = [];
  let output = "";
  for (let index = 0; index < plan.warmups + plan.repetitions; index++) {
    const result = await collect(source.trimStart(), pool, record);
    if (result.end?.type !== "end" || result.end.reason !== "completed") {
      return { error: result.end?.type === "end" ? `${result.end.reason}: ${result.end.message}` : "no end" };
    }
    if (index >= plan.warmups) timesMs.push(result.end.counters.cpuMs);
    output = result.output;
  }
  return { timesMs, output };
}

function timeOf(measurement: Measurement, workload: Workload): number | string {
  if ("error" in measurement) return `n/a (${measurement.error})`;
  if (measurement.output.trim() !== workload.expected) return `wrong output ${JSON.stringify(measurement.output.trim())}`;
  return median(measurement.timesMs);
}

const show = (value: number | string | undefined) => (typeof value === "number" ? ms(value) : String(value));
const ratioNumber = (value: number | string | undefined, base: number | string | undefined) =>
  typeof value === "number" && typeof base === "number" ? value / base : 0;
const ratioOf = (value: number | string | undefined, base: number | string | undefined) =>
  typeof value === "number" && typeof base === "number" ? `${(value / base).toFixed(2)}×` : "";

async function workloadsSection(): Promise<void> {
  const selected = only ? workloads.filter((workload) => only.includes(workload.id)) : workloads;
  const columns: Record<string, (number | string)[]> = {};
  for (const engine of engines) {
    const pool = new WorkerPool({ workers: 1, spareContexts: 1, engine, moduleMemoryBytes: 2 ** 31 - 2 ** 16 });
    columns[engine] = [];
    const recorded: (number | string)[] = [];
    const tasksOnly: (number | string)[] = [];
    for (const workload of selected) {
      const time = timeOf(await quickjsCpu(workload.typescript, pool), workload);
      progress(`${engine} ${workload.id}: ${typeof time === "number" ? `${ms(time)} ms` : time}`);
      columns[engine].push(time);
      // Today's task events, then the full record (steps, task states, lock and queue actions) as the page receives it, beside none: issue 12's goal is ≤ 1.5×.
      if (engine === engines[0]) {
        tasksOnly.push(timeOf(await quickjsCpu(workload.typescript, pool, "tasks"), workload));
        recorded.push(timeOf(await quickjsCpu(workload.typescript, pool, "full"), workload));
        progress(`${engine} ${workload.id}: task events ${show(tasksOnly.at(-1))} ms, full record ${show(recorded.at(-1))} ms`);
      }
    }
    if (engine === engines[0]) {
      columns.recorded = recorded;
      columns.tasksOnly = tasksOnly;
    }
    await pool.close();
  }
  columns.node = [];
  columns.nodeTasks = [];
  columns.nodeRecorded = [];
  columns.cpython = [];
  for (const workload of selected) {
    const { code } = await compile(workload.typescript.trimStart());
    columns.node.push(timeOf(nodeCpu(code, plan), workload));
    columns.nodeTasks.push(timeOf(nodeCpu(code, plan, "tasks"), workload));
    columns.nodeRecorded.push(timeOf(nodeCpu(code, plan, "full"), workload));
    columns.cpython.push(python === null ? "skipped" : timeOf(cpythonCpu(workload.python.trimStart(), plan), workload));
    progress(`node, cpython ${workload.id}: ${columns.node.at(-1)}, ${columns.cpython.at(-1)}`);
  }
  const rows = selected.map((workload, index) => {
    const quickjs = columns[engines[0] as string]?.[index];
    const cpython = columns.cpython?.[index];
    const ratio = typeof quickjs === "number" && typeof cpython === "number" ? quickjs / cpython : null;
    const recorded = columns.recorded?.[index];
    const tasksOnly = columns.tasksOnly?.[index];
    return [
      `${workload.id} (${workload.title})`,
      ...engines.map((engine) => show(columns[engine]?.[index])),
      show(tasksOnly),
      ratioOf(tasksOnly, quickjs),
      show(recorded),
      ratioOf(recorded, quickjs),
      show(columns.node?.[index]),
      ratioOf(columns.nodeTasks?.[index], columns.node?.[index]),
      ratioOf(columns.nodeRecorded?.[index], columns.node?.[index]),
      show(cpython),
      ratio === null ? "" : `${ratio.toFixed(2)}×`,
      ratio === null ? "" : ratio <= 1 ? "met" : "NOT met",
    ];
  });
  const headers = [
    "workload (CPU ms, median)",
    ...engines,
    `${engines[0]}, task events`,
    "task events / none",
    `${engines[0]}, full record`,
    "record / none (goal ≤ 1.5×)",
    "Node",
    "Node task events / none",
    "Node record / none (goal ≤ 1.5×)",
    `CPython ${python ?? ""}`.trim(),
    `${engines[0]}/CPython`,
    "goal ≤ 1×",
  ];
  console.log(`\n${formatTable(headers, rows)}`);
  // Issue 15: where the worst workload (highest QuickJS/CPython) spends its polls.
  const worst = selected
    .map((workload, index) => ({ workload, ratio: ratioNumber(columns[engines[0] as string]?.[index], columns.cpython?.[index]) }))
    .sort((a, b) => b.ratio - a.ratio)[0];
  if (worst !== undefined && !args.includes("--no-profile")) {
    progress(`profiling ${worst.workload.id} in QuickJS`);
    console.log(`\n${profileHeader(worst.workload, await profileSnippet(worst.workload.typescript))}`);
  }
}

/** Median CPU ms of one primitive's program in each engine, and in CPython (null without python3). */
async function primitiveCpu(primitive: Primitive, pools: Map<EngineName, WorkerPool>): Promise<Record<string, number | null>> {
  const times: Record<string, number | null> = {};
  for (const [engine, pool] of pools) {
    const measurement = await quickjsCpu(primitive.typescript, pool);
    if ("error" in measurement) throw new Error(`${primitive.id} in ${engine}: ${measurement.error}`);
    times[engine] = median(measurement.timesMs);
  }
  const cpython = python === null ? null : cpythonCpu(primitive.python.trimStart(), plan);
  times.cpython = cpython === null || "error" in cpython ? null : median(cpython.timesMs);
  return times;
}

async function primitivesSection(): Promise<void> {
  const pools = new Map(engines.map((engine) => [engine, new WorkerPool({ workers: 1, spareContexts: 1, engine })] as const));
  const baseline = await primitiveCpu(emptyLoop, pools);
  const nanoseconds = (time: number | null | undefined, base: number | null | undefined) =>
    time == null || base == null ? null : ((time - base) * 1e6) / LOOPS;
  const rows: string[][] = [];
  for (const primitive of primitives) {
    const times = await primitiveCpu(primitive, pools);
    const cpython = nanoseconds(times.cpython, baseline.cpython);
    const perEngine = engines.map((engine) => nanoseconds(times[engine], baseline[engine]));
    const first = perEngine[0] ?? null;
    progress(`primitive ${primitive.id}: ${perEngine.join(", ")} ns, cpython ${cpython} ns`);
    rows.push([
      primitive.title,
      ...perEngine.map((value) => (value === null ? "n/a" : value.toFixed(0))),
      cpython === null ? "skipped" : cpython.toFixed(0),
      first === null || cpython === null || cpython <= 0 ? "" : `${(first / cpython).toFixed(1)}×`,
    ]);
  }
  for (const pool of pools.values()) await pool.close();
  const headers = ["operation (ns, CPU, loop subtracted)", ...engines, `CPython ${python ?? ""}`.trim(), `${engines[0]}/CPython`];
  console.log(`
${formatTable(headers, rows)}`);
}

/** About 1 KB of snippet: a small asyncio program, made unique by `variant` so nothing is cached. */
function kilobyteSnippet(variant: number): string {
  const lines = [
    `import asyncio from "asyncio";`,
    `// variant ${variant}`,
    `print("started");`,
    `async function worker(name: string, delay: number): Promise<string> {`,
    `  await asyncio.sleep(delay);`,
    `  return name + " done after " + delay;`,
    `}`,
    `async function main(): Promise<void> {`,
    `  const names = ["alpha", "beta", "gamma", "delta", "epsilon"];`,
    `  const tasks = names.map((name, index) => asyncio.createTask(worker(name, index * 0.5)));`,
    `  for (const result of await asyncio.gather(...tasks)) print(result);`,
    `  print("total", asyncio.getRunningLoop().time());`,
    `}`,
    `asyncio.run(main());`,
  ];
  let source = lines.join("\n");
  while (source.length < 1000) source += `\n// padding to one kilobyte, as a commented snippet would be`;
  return source;
}

async function coldStartSection(): Promise<void> {
  const pool = new WorkerPool();
  await pool.start();
  // Runs arrive apart, as people press Run: each finds the pool warm, spare contexts made.
  const measure = async (source: (index: number) => string, count: number) => {
    const times: number[] = [];
    for (let index = 0; index < count; index++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const started = performance.now();
      const events = run(source(index), { pool })[Symbol.asyncIterator]();
      await events.next();
      times.push(performance.now() - started);
      while (!(await events.next()).done) {}
    }
    return times;
  };
  await measure(kilobyteSnippet, 10);
  const fresh = await measure((index) => kilobyteSnippet(1000 + index), 100);
  const cached = await measure(() => kilobyteSnippet(0), 100);
  await pool.close();
  console.log(
    `\n${formatTable(
      ["cold start, source to first event (1 KB snippet, warm pool)", "p50 ms", "p95 ms", "goal p50 ≤ 15 ms"],
      [
        [
          "new source (compiled, then run)",
          ms(percentile(fresh, 0.5)),
          ms(percentile(fresh, 0.95)),
          percentile(fresh, 0.5) <= 15 ? "met" : "NOT met",
        ],
        [
          "same source again (compile cache hit)",
          ms(percentile(cached, 0.5)),
          ms(percentile(cached, 0.95)),
          percentile(cached, 0.5) <= 15 ? "met" : "NOT met",
        ],
      ],
    )}`,
  );
}

/** A trivial program run, each one a new source (so each is compiled, in esbuild's own process). */
function trivialRun(index: number): string {
  return `import asyncio from "asyncio";\nasync function main() {\n  await asyncio.sleep(1);\n  print("run", ${index});\n}\nasyncio.run(main());`;
}

/**
 * Issue 15's first table: trivial runs back to back through run() (runs per second, this
 * process's CPU per run, source to first event), then runs 150 ms apart on a warm pool; each with
 * contexts restored from the snapshot and, side by side, evaluating the bundle as before.
 */
async function runCostSection(): Promise<void> {
  const rows: string[][] = [];
  for (const contextStart of ["evaluate", "snapshot"] as const) {
    const pool = new WorkerPool({ contextStart });
    await pool.start();
    const runOnce = async (index: number) => {
      const started = performance.now();
      const events = run(trivialRun(index), { pool })[Symbol.asyncIterator]();
      await events.next();
      const firstEvent = performance.now() - started;
      // A run that failed fast would flatter the figures: each must print its line and complete.
      let output = "";
      let reason = "";
      for (let next = await events.next(); !next.done; next = await events.next()) {
        if (next.value.type === "output") output += next.value.text;
        if (next.value.type === "end") reason = next.value.reason;
      }
      if (output !== `run ${index}\n` || reason !== "completed")
        throw new Error(`run ${index} printed ${JSON.stringify(output)} and ended ${reason}`);
      return firstEvent;
    };
    for (let index = 0; index < 10; index++) await runOnce(index);
    const count = 60;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const backToBack: number[] = [];
    for (let index = 0; index < count; index++) backToBack.push(await runOnce(100 + index));
    const wall = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const paused: number[] = [];
    for (let index = 0; index < 40; index++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      paused.push(await runOnce(1000 + index));
    }
    await pool.close();
    rows.push([
      contextStart === "snapshot" ? "after: restored from a snapshot" : "before: each context evaluates the bundle",
      (count / (wall / 1000)).toFixed(1),
      ms((cpu.user + cpu.system) / 1000 / count),
      `${ms(percentile(backToBack, 0.5))} / ${ms(percentile(backToBack, 0.9))}`,
      ms(percentile(paused, 0.5)),
    ]);
  }
  rows.push(["goal", "≥ 150", "≤ 8", "≤ 10 / ≤ 25", "≤ 5"]);
  console.log(
    `\n${formatTable(
      [
        `trivial runs (await asyncio.sleep(1); print), load average ${loadavg()[0].toFixed(1)}`,
        "runs/s back to back",
        "CPU ms per run (this process)",
        "first event p50 / p90 ms, back to back",
        "first event p50 ms, warm pool, 150 ms apart",
      ],
      rows,
    )}`,
  );
}

async function sessionSection(): Promise<void> {
  const pool = new WorkerPool({ workers: 0, spareContexts: 1 });
  const session = await openSession({ pool });
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(`const greeting: string = "hello";\nasync function later() { await asyncio.sleep(0.01); return greeting; }`);
  await session.eval(`await later()`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const end = await session.close();
  await pool.close();
  const bytes = end.counters.peakMemoryBytes;
  console.log(
    `\n${formatTable(
      ["idle REPL session (after three inputs)", "QuickJS heap", "goal ≤ 2 MB"],
      [
        [
          "memory held by the session's runtime and context",
          `${(bytes / 1024 / 1024).toFixed(2)} MB`,
          bytes <= 2 * 1024 * 1024 ? "met" : "NOT met",
        ],
      ],
    )}`,
  );
}

function exampleSources(): { name: string; source: string }[] {
  const root = fileURLToPath(new URL("../../examples/", import.meta.url));
  const examples: { name: string; source: string }[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    // NN-name.en.ts and NN-name.zh-CN.ts are translations of NN-name.ts's comments, not examples of their own.
    for (const file of readdirSync(join(root, folder.name)).filter((name) => name.endsWith(".ts") && name.split(".").length === 2)) {
      examples.push({ name: `${folder.name}/${file}`, source: readFileSync(join(root, folder.name, file), "utf8") });
    }
  }
  return examples;
}

async function throughputSection(): Promise<void> {
  const examples = exampleSources();
  const pool = new WorkerPool();
  await pool.start();
  const reasons = new Map<string, number>();
  const runOne = async (index: number) => {
    const example = examples[index % examples.length] as { source: string };
    const { end } = await collect(example.source, pool, "full");
    const reason = end?.type === "end" ? end.reason : "none";
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  // Compile every example once, as a server's cache would have them.
  for (let index = 0; index < examples.length; index++) await runOne(index);
  reasons.clear();
  const started = performance.now();
  let next = 0;
  const lanes = Array.from({ length: 2 * availableParallelism() }, async () => {
    while (performance.now() - started < 10_000) await runOne(next++);
  });
  await Promise.all(lanes);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const runs = [...reasons.values()].reduce((sum, count) => sum + count, 0);
  console.log(
    `\n${formatTable(
      ["program runs of the examples (events on, default limits)", "runs", "seconds", "runs per second", "how they ended"],
      [
        [
          `${examples.length} examples, ${availableParallelism()} cores`,
          String(runs),
          seconds.toFixed(1),
          (runs / seconds).toFixed(1),
          [...reasons].map(([reason, count]) => `${reason} ${count}`).join(", "),
        ],
      ],
    )}`,
  );
}

// On a machine busy enough to slow the compiler, a compile waits rather than being restarted as stalled.
setStallTimeout(120_000);
progress(
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")} on ${availableParallelism()} cores`,
);
if (sections.has("workloads")) await workloadsSection();
if (sections.has("run-cost")) await runCostSection();
if (sections.has("cold-start")) await coldStartSection();
if (sections.has("session")) await sessionSection();
if (sections.has("throughput")) await throughputSection();
if (sections.has("primitives")) await primitivesSection();
if (sections.has("gallery")) await gallerySection(Number(option("gallery-repeat") ?? 5), only, progress);
await stopCompiler();
