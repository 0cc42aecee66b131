// The bench's gallery section (issue 12, item 10): every example the web gallery offers, run
// through the sandbox's run() under the product's default limits with the full record on, then
// with no listener (`events: false`: only output reaches the host). Per example: the record's
// events by kind, their total and share of the event budget, and CPU with the record beside CPU
// without, as the end event counts it (milliseconds of the worker thread, whole numbers), summed
// over the repetitions: a gallery example takes a few milliseconds, about what one step of the
// thread CPU clock is on some machines (1–4 ms here), so one run's figure is mostly that step.

import { RUNTIME_EVENT_TYPES } from "@looplab/runtime/events";
import { formatTable } from "../../runtime/bench/table.js";
import { DEFAULT_LIMITS } from "../src/limits.js";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { EndEvent, RunEvent } from "../src/protocol-events.js";
import { run } from "../src/run.js";
import { galleryRuns, intendedEnd, type RecordTally, tallyRecord } from "./gallery-examples.js";

interface ExampleFigures {
  path: string;
  tally: RecordTally;
  recordedCpuMs: number;
  bareCpuMs: number;
  problem: string | null;
}

async function runOnce(source: string, pool: WorkerPool, events: boolean): Promise<{ events: RunEvent[]; end: EndEvent }> {
  const collected: RunEvent[] = [];
  for await (const event of run(source, { pool, events })) collected.push(event);
  const end = collected.at(-1);
  if (end?.type !== "end") throw new Error("a run without an end event");
  return { events: collected, end };
}

/** `repetitions` runs each way, alternated, after one of each to compile the example and warm the worker. */
async function measureExample(path: string, source: string, reason: EndEvent["reason"], pool: WorkerPool, repetitions: number) {
  const recorded = await runOnce(source, pool, true);
  await runOnce(source, pool, false);
  const tally = tallyRecord(recorded.events);
  let recordedCpuMs = 0;
  let bareCpuMs = 0;
  let problem = recorded.end.reason === reason ? null : `ended ${recorded.end.reason}, not ${reason}`;
  for (let index = 0; index < repetitions; index++) {
    const withRecord = await runOnce(source, pool, true);
    const without = await runOnce(source, pool, false);
    recordedCpuMs += withRecord.end.counters.cpuMs;
    bareCpuMs += without.end.counters.cpuMs;
    if (without.end.reason !== reason) problem ??= `ended ${without.end.reason} without the record, not ${reason}`;
  }
  return { path, tally, recordedCpuMs, bareCpuMs, problem } satisfies ExampleFigures;
}

function ratio(figures: ExampleFigures): number {
  return figures.recordedCpuMs / Math.max(figures.bareCpuMs, 1);
}

export async function gallerySection(repetitions: number, only: string[] | undefined, progress: (text: string) => void): Promise<void> {
  const examples = galleryRuns().filter((example) => only === undefined || only.some((part) => example.path.includes(part)));
  // Two examples at a time, one per worker: a run's CPU is its own worker thread's, whatever runs beside it.
  const lanes = 2;
  const pool = new WorkerPool({ workers: lanes, spareContexts: 1 });
  const measured: ExampleFigures[] = new Array(examples.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < examples.length; index = next++) {
      const example = examples[index] as (typeof examples)[number];
      const figures = await measureExample(example.path, example.code, intendedEnd(example), pool, repetitions);
      progress(`gallery ${example.path}: ${figures.tally.events} events, ${figures.recordedCpuMs} against ${figures.bareCpuMs} ms`);
      measured[index] = figures;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await pool.close();
  const budget = DEFAULT_LIMITS.events;
  const rows = measured.map((figures) => [
    figures.path,
    ...RUNTIME_EVENT_TYPES.map((kind) => String(figures.tally.byKind.get(kind) ?? 0)),
    String(figures.tally.events),
    `${((100 * figures.tally.events) / budget).toFixed(2)}%`,
    (figures.recordedCpuMs / repetitions).toFixed(1),
    (figures.bareCpuMs / repetitions).toFixed(1),
    `${ratio(figures).toFixed(2)}×`,
    figures.problem ?? "",
  ]);
  const total = (pick: (figures: ExampleFigures) => number) => measured.reduce((sum, figures) => sum + pick(figures), 0);
  const recordedTotal = total((figures) => figures.recordedCpuMs);
  const bareTotal = total((figures) => figures.bareCpuMs);
  rows.push([
    `all ${measured.length} examples`,
    ...RUNTIME_EVENT_TYPES.map((kind) => String(total((figures) => figures.tally.byKind.get(kind) ?? 0))),
    String(total((figures) => figures.tally.events)),
    "",
    (recordedTotal / repetitions).toFixed(1),
    (bareTotal / repetitions).toFixed(1),
    `${(recordedTotal / Math.max(bareTotal, 1)).toFixed(2)}×`,
    "",
  ]);
  const headers = [
    `gallery example (full record, default limits; CPU ms, mean of ${repetitions})`,
    ...RUNTIME_EVENT_TYPES,
    "events",
    `of ${budget.toLocaleString("en")}`,
    "CPU, record",
    "CPU, none",
    "record / none",
    "problem",
  ];
  console.log(`\n${formatTable(headers, rows)}`);
  const worst = measured.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
  const largest = measured.reduce((a, b) => (b.tally.events > a.tally.events ? b : a));
  console.log(
    `worst record / none: ${ratio(worst).toFixed(2)}× (${worst.path}, ${worst.recordedCpuMs} against ${worst.bareCpuMs} ms over ${repetitions} runs)`,
  );
  console.log(
    `largest record: ${largest.tally.events} events (${largest.path}), ${((100 * largest.tally.events) / budget).toFixed(2)}% of the budget`,
  );
}
