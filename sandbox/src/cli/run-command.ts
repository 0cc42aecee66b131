// `looplab run FILE.ts`: the snippet's stdout and stderr as it writes them, its traceback or
// the limit that stopped it on stderr, and an exit status that says which. `--trace FILE.json`
// also records the run's events and writes them as a Chrome Trace Event file (Perfetto).

import { readFile, writeFile } from "node:fs/promises";
import { stopCompiler } from "@looplab/runtime/compile";
import { WorkerPool } from "../pool/worker-pool.js";
import type { EndEvent, RunEvent } from "../protocol-events.js";
import { run } from "../run.js";
import { toChromeTrace } from "../trace/chrome-trace.js";

export interface RunCommandOptions {
  events: boolean;
  stats: boolean;
  realTime: boolean;
  /** Where to write the run as a Chrome Trace Event file, or null. */
  trace?: string | null;
}

export const EXIT_CODES = { completed: 0, error: 1, deadlock: 1, stopped: 1, compileError: 2, limit: 3 } as const;

export async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    process.stderr.write(`looplab: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  let end: EndEvent | null = null;
  let compileFailed = false;
  const trace = options.trace ?? null;
  // With --trace the run records task and step events even when they are not printed.
  const recorded: RunEvent[] | null = trace === null ? null : [];
  // One run needs one worker and one context.
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const clock = options.realTime ? "real" : "virtual";
    const events = options.events || recorded !== null;
    for await (const event of run(source, { filename: file, events, clock, pool })) {
      recorded?.push(event);
      if (event.type === "compile-error") compileFailed = true;
      if (event.type === "end") end = event;
      if (options.events) process.stdout.write(`${JSON.stringify(event)}\n`);
      else show(event);
    }
  } finally {
    await pool.close();
    await stopCompiler();
  }
  if (trace !== null && recorded !== null) {
    try {
      await writeFile(trace, `${JSON.stringify(toChromeTrace(recorded, { processName: `looplab run ${file}` }))}\n`);
    } catch (error) {
      process.stderr.write(`looplab: cannot write ${trace}: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`looplab: wrote the trace to ${trace} (open it in https://ui.perfetto.dev)\n`);
  }
  if (end === null) return 1;
  if (options.stats) process.stderr.write(`${JSON.stringify({ ...end.counters, reason: end.reason, limit: end.limit })}\n`);
  if (compileFailed) return EXIT_CODES.compileError;
  return EXIT_CODES[end.reason];
}

function show(event: RunEvent): void {
  switch (event.type) {
    case "output":
      (event.stream === "stdout" ? process.stdout : process.stderr).write(event.text);
      break;
    case "error":
      process.stderr.write(event.traceback);
      break;
    case "compile-error":
      for (const diagnostic of event.diagnostics) {
        process.stderr.write(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: error: ${diagnostic.message}\n`);
        if (diagnostic.frame !== "") process.stderr.write(`${diagnostic.frame}\n`);
      }
      break;
    case "end":
      if (event.reason === "limit" || event.reason === "stopped") process.stderr.write(`looplab: ${event.message}\n`);
      break;
  }
}
