// `looplab run FILE.ts`: the snippet's stdout and stderr as it writes them, its traceback or
// the limit that stopped it on stderr, and an exit status that says which. `--trace FILE.json`
// also records the run's events and writes them as a Chrome Trace Event file (Perfetto).

import { readFile, writeFile } from "node:fs/promises";
import { stopCompiler } from "@looplab/runtime/compile";
import { WorkerPool } from "../pool/worker-pool.js";
import type { EndEvent, RunEvent } from "../protocol-events.js";
import { run } from "../run.js";
import { toChromeTrace } from "../trace/chrome-trace.js";
import { READER_GONE_STATUS, readerGone, write } from "./reader-gone.js";

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
    const terminal = new Terminal();
    for await (const event of run(source, { filename: file, events, clock, pool, signal: readerGone })) {
      recorded?.push(event);
      if (event.type === "compile-error") compileFailed = true;
      if (event.type === "end") end = event;
      if (options.events) write(process.stdout, `${JSON.stringify(event)}\n`);
      else terminal.show(event);
    }
  } finally {
    await pool.close();
    await stopCompiler();
  }
  // The reader went away (`| head`): the run was stopped, and nobody reads what would follow.
  if (readerGone.aborted) return READER_GONE_STATUS;
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

/**
 * The run as a person at a terminal reads it: stdout and stderr as the snippet wrote them, then
 * the traceback and the limit that ended it, each starting on a line of its own even when the
 * output before it stopped mid-line (the output limit cuts it wherever it falls).
 */
class Terminal {
  /** Whether the last character written, to either stream, ended a line (both show in one terminal). */
  private atLineStart = true;

  show(event: RunEvent): void {
    switch (event.type) {
      case "output":
        this.write(event.stream === "stdout" ? process.stdout : process.stderr, event.text);
        break;
      case "error":
        this.writeLines(event.traceback);
        break;
      case "compile-error":
        for (const diagnostic of event.diagnostics) {
          this.writeLines(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: error: ${diagnostic.message}\n`);
          if (diagnostic.frame !== "") this.writeLines(`${diagnostic.frame}\n`);
        }
        break;
      case "end":
        if (event.reason === "limit" || event.reason === "stopped") this.writeLines(`looplab: ${event.message}\n`);
        break;
    }
  }

  private write(stream: NodeJS.WriteStream, text: string): void {
    if (text === "") return;
    write(stream, text);
    this.atLineStart = text.endsWith("\n");
  }

  /** Writes the command's own lines to stderr, on a line of their own. */
  private writeLines(text: string): void {
    this.write(process.stderr, this.atLineStart ? text : `\n${text}`);
  }
}
