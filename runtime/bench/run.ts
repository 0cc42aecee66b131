// `npm run bench`: each workload compiled through the real compile path and run by createRuntime
// in Node, then the same program under CPython's asyncio, timed side by side. The goal is Node
// at least 5× faster than CPython on every row. A workload whose feature is missing or broken
// prints "not available: <error>" on its row; the bench goes on.
//
// Each workload also runs with only the task events from before issue 12 (task-spawned,
// task-state, output) and with the full record on (a listener taking every event: steps, task
// states, resources), beside the run with none; --no-record skips those columns.
//
// Options: --repeat=N timed runs (median reported, default 5), --warmup=N untimed runs first
// (default 5: V8 takes about that many runs of a workload to finish optimising it; CPython has
// no JIT, so its warm-ups change little; the table also shows Node's very first run), --only=id,id to pick workloads, --no-python to skip the CPython column, --cpu to
// compare process CPU time instead of wall time (steadier on a busy machine).

import { availableParallelism, loadavg } from "node:os";
import { compile, stopCompiler } from "../src/compile/index.js";
import { cpythonVersion, type Measurement, measureCPython, measureNode, median, type Repetitions } from "./measure.js";
import { formatTable } from "./table.js";
import { type Workload, workloads } from "./workloads.js";

const GOAL = 5;

function readOptions(args: string[]) {
  const value = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value("only")?.split(",");
  return {
    plan: { warmups: Number(value("warmup") ?? 5), repetitions: Number(value("repeat") ?? 9), timeLimitMs: 180_000 } satisfies Repetitions,
    workloads: only ? workloads.filter((workload) => only.includes(workload.id)) : workloads,
    python: !args.includes("--no-python"),
    record: !args.includes("--no-record"),
    cpu: args.includes("--cpu"),
  };
}

function milliseconds(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Node's first run (wall, or CPU with `cpu`), before V8 has optimised the hot code. */
function firstRunOf(measurement: Measurement, cpu: boolean): string {
  if ("error" in measurement) return "–";
  const first = cpu ? measurement.firstCpuMs : measurement.firstMs;
  return first === undefined ? "–" : milliseconds(first);
}

/** The median time (wall, or CPU with `cpu`), or why there is none: an error, or output other than the workload's. */
function timeOf(measurement: Measurement, workload: Workload, cpu: boolean): number | string {
  if ("error" in measurement) return `not available: ${measurement.error}`;
  const output = measurement.output.trim();
  if (output !== workload.expected) return `wrong output: ${JSON.stringify(output)}, expected ${JSON.stringify(workload.expected)}`;
  if (!cpu) return median(measurement.timesMs);
  return measurement.cpuMs === undefined ? "not available: the runner reports no CPU time" : median(measurement.cpuMs);
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const python = options.python ? cpythonVersion() : null;
  const { plan } = options;

  const compilerStarted = performance.now();
  await compile("async function warmUp() { await 0; }");
  const compilerStartMs = performance.now() - compilerStarted;

  const rows: string[][] = [];
  const ratios: number[] = [];
  for (const workload of options.workloads) {
    const compileStarted = performance.now();
    let node: number | string;
    let compileMs = "";
    let nodeFirstRun = "–";
    let recorded: number | string = "skipped";
    let tasksOnly: number | string = "skipped";
    try {
      const { code } = await compile(workload.typescript.trimStart());
      compileMs = milliseconds(performance.now() - compileStarted);
      const measurement = measureNode(code, plan);
      node = timeOf(measurement, workload, options.cpu);
      nodeFirstRun = firstRunOf(measurement, options.cpu);
      if (options.record) {
        tasksOnly = timeOf(measureNode(code, plan, "tasks"), workload, options.cpu);
        recorded = timeOf(measureNode(code, plan, "full"), workload, options.cpu);
      }
    } catch (error) {
      node = `not available: compile failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    progress(`${workload.id}: node ${typeof node === "number" ? `${milliseconds(node)} ms` : node}`);
    const cpython = python === null ? "skipped" : timeOf(measureCPython(workload.python.trimStart(), plan), workload, options.cpu);
    if (python !== null) progress(`${workload.id}: cpython ${typeof cpython === "number" ? `${milliseconds(cpython)} ms` : cpython}`);

    let ratio = "";
    let verdict: string;
    if (typeof node === "string") verdict = node;
    else if (typeof cpython === "string") verdict = python === null ? "no CPython to compare" : `CPython: ${cpython}`;
    else {
      ratios.push(cpython / node);
      ratio = `${(cpython / node).toFixed(2)}×`;
      verdict = cpython / node >= GOAL ? "met" : "NOT met";
    }
    const ratioTo = (value: number | string) =>
      typeof node === "number" && typeof value === "number" ? `${(value / node).toFixed(2)}×` : "–";
    rows.push([
      `${workload.id} (${workload.title})`,
      compileMs,
      nodeFirstRun,
      typeof node === "number" ? milliseconds(node) : "–",
      typeof tasksOnly === "number" ? milliseconds(tasksOnly) : "–",
      ratioTo(tasksOnly),
      typeof recorded === "number" ? milliseconds(recorded) : "–",
      ratioTo(recorded),
      typeof cpython === "number" ? milliseconds(cpython) : "–",
      ratio,
      verdict,
    ]);
  }
  await stopCompiler();

  console.log();
  console.log(
    `Node ${process.version} (Looplab runtime, virtual clock) vs ${python === null ? "no CPython (python3 not found or --no-python: its column is skipped)" : `CPython ${python} asyncio (virtual-clock SelectorEventLoop)`}`,
  );
  const cpus = availableParallelism();
  const load = loadavg()[0] ?? 0;
  const noisy = load > cpus && !options.cpu ? " (busy machine: wall times are noisy, --cpu is steadier)" : "";
  console.log(
    `${cpus} CPUs, load average ${load.toFixed(1)}${noisy}; times are the median of ${plan.repetitions} runs after ${plan.warmups} warm-ups (Node's first run shown apart), in ${options.cpu ? "CPU" : "wall"} ms, run only (compile separate)`,
  );
  console.log();
  const unit = options.cpu ? "CPU ms" : "ms";
  console.log(
    formatTable(
      [
        "workload",
        "compile ms",
        `Node 1st run ${unit}`,
        `Node ${unit}`,
        `Node, task events ${unit}`,
        "task events / none",
        `Node, full record ${unit}`,
        "record / none (goal ≤ 1.5×)",
        `CPython ${unit}`,
        "CPython/Node",
        `goal: Node ≥ ${GOAL}× faster`,
      ],
      rows,
    ),
  );
  console.log();
  console.log(`compiler start-up (first compile, not in the compile column): ${milliseconds(compilerStartMs)} ms`);
  if (ratios.length > 0) {
    const geometricMean = Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
    console.log(`geometric mean of CPython/Node over ${ratios.length} compared workloads: ${geometricMean.toFixed(2)}×`);
  }
}

await main();
