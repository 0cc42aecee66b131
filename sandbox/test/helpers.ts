// Shared by the sandbox tests: a pool per test file, and a run collected into its parts.

import { after, before } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { EndEvent, ErrorEvent, RunEvent } from "../src/protocol-events.js";
import { type RunOptions, run } from "../src/run.js";

// Three workers: while the watchdog's replacement for one starts, two still take runs.
const pool = new WorkerPool({ workers: 3, spareContexts: 1 });
before(() => pool.start());
after(() => pool.close());

/** The test file's pool, closed when its tests are done. */
export function testPool(): WorkerPool {
  return pool;
}

export interface CollectedRun {
  events: RunEvent[];
  stdout: string;
  stderr: string;
  error: ErrorEvent | null;
  end: EndEvent;
  wallMs: number;
}

export async function collect(source: string, options: RunOptions = {}): Promise<CollectedRun> {
  const started = performance.now();
  const events: RunEvent[] = [];
  let stdout = "";
  let stderr = "";
  let error: ErrorEvent | null = null;
  let end: EndEvent | null = null;
  for await (const event of run(source, { pool: testPool(), ...options })) {
    events.push(event);
    if (event.type === "output") {
      if (event.stream === "stdout") stdout += event.text;
      else stderr += event.text;
    }
    if (event.type === "error") error = event;
    if (event.type === "end") end = event;
  }
  if (end === null) throw new Error("the run ended without an end event");
  return { events, stdout, stderr, error, end, wallMs: performance.now() - started };
}

/** Dedents a template literal so snippets can be indented inside tests. */
export { ts } from "../../runtime/test/harness.js";
