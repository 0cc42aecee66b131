// Compares this checkout's sandbox with another's on the runtime bench's workloads, their runs
// interleaved in one process. On a shared machine a process's speed drifts by up to half for
// tens of seconds at a time, so two benches run one after the other can disagree by more than
// the change being measured; runs taken in turns, first A then B, then B then A, see the same
// drift, and the ratio of each pair is the reading. Usage (the other checkout needs its own
// `npm install`):
//   npm run compare -w sandbox -- <other checkout> [--only=id,id] [--record=none|tasks|full] [--pairs=N]

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stopCompiler } from "@looplab/runtime/compile";
import { median } from "../../runtime/bench/measure.js";
import { formatTable } from "../../runtime/bench/table.js";
import { BENCH_LIMITS } from "./bench-limits.js";

type Record = "none" | "tasks" | "full";

interface Side {
  label: string;
  close(): Promise<void>;
  /** CPU milliseconds of one run of workload `id`, as its end event counts them. */
  once(id: string): Promise<number>;
}

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const other = args.find((arg) => !arg.startsWith("--"));
const record = (option("record") ?? "none") as Record;
const pairs = Number(option("pairs") ?? 6);
const here = resolve(fileURLToPath(new URL("../..", import.meta.url)));

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run compare -w sandbox -- <other checkout> [--only=id,id] [--record=none|tasks|full] [--pairs=N]`);
  process.exit(2);
}

if (other === undefined) usage("name the checkout to compare with");
const there = resolve(other);
if (!existsSync(resolve(there, "sandbox/src/run.ts"))) usage(`${there} is not a Looplab checkout (no sandbox/src/run.ts)`);
if (!existsSync(resolve(there, "node_modules"))) usage(`${there} has no node_modules: run npm install there first`);
if (!["none", "tasks", "full"].includes(record)) usage(`--record takes none, tasks or full, not ${JSON.stringify(record)}`);
if (!Number.isInteger(pairs) || pairs < 1) usage(`--pairs takes a whole number of at least 1, not ${option("pairs")}`);

/** A checkout's sandbox, loaded from its own files, so each side runs its own runtime bundle. */
async function side(root: string, label: string): Promise<Side> {
  const { workloads } = await import(resolve(root, "runtime/bench/workloads.ts"));
  const { WorkerPool } = await import(resolve(root, "sandbox/src/pool/worker-pool.ts"));
  const { run } = await import(resolve(root, "sandbox/src/run.ts"));
  const pool = new WorkerPool({ workers: 1, spareContexts: 1, engine: "quickjs", moduleMemoryBytes: 2 ** 31 - 2 ** 16 });
  return {
    label,
    close: () => pool.close(),
    async once(id) {
      const workload = workloads.find((each: { id: string }) => each.id === id);
      if (workload === undefined) throw new Error(`${label} has no workload ${id}`);
      let end: { type: string; reason?: string; message?: string; counters?: { cpuMs: number } } | null = null;
      const options = { pool, events: record !== "none", record: record === "tasks" ? "tasks" : "full", limits: BENCH_LIMITS };
      for await (const event of run(workload.typescript.trimStart(), options)) if (event.type === "end") end = event;
      if (end?.reason !== "completed" || end.counters === undefined) throw new Error(`${label}, ${id}: ${end?.reason}: ${end?.message}`);
      return end.counters.cpuMs;
    },
  };
}

const { workloads } = await import("../../runtime/bench/workloads.js");
const only = option("only")?.split(",");
const ids: string[] = workloads
  .map((workload: { id: string }) => workload.id)
  .filter((id: string) => only === undefined || only.includes(id));
const mine = await side(here, "this checkout");
const theirs = await side(there, "the other");
const rows: string[][] = [];
for (const id of ids) {
  // One run each first: the engines compile the hot code and the pools make their contexts.
  await theirs.once(id);
  await mine.once(id);
  const times = { mine: [] as number[], theirs: [] as number[], ratios: [] as number[] };
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? [theirs, mine] : [mine, theirs];
    const measured = new Map<Side, number>();
    for (const each of order) measured.set(each, await each.once(id));
    const a = measured.get(theirs) as number;
    const b = measured.get(mine) as number;
    times.theirs.push(a);
    times.mine.push(b);
    times.ratios.push(b / a);
  }
  process.stderr.write(`${id}: ${times.ratios.map((ratio) => ratio.toFixed(3)).join(" ")}\n`);
  rows.push([
    id,
    median(times.theirs).toFixed(0),
    median(times.mine).toFixed(0),
    `${median(times.ratios).toFixed(3)}×`,
    `${Math.min(...times.ratios).toFixed(3)}–${Math.max(...times.ratios).toFixed(3)}`,
  ]);
}
await mine.close();
await theirs.close();
await stopCompiler();
console.log(`\nrecord: ${record}; ${pairs} pairs; other checkout: ${there}\n`);
console.log(
  formatTable(["workload (CPU ms, median)", "the other", "this checkout", "this / other, median of pairs", "range of pairs"], rows),
);
process.exit(0);
