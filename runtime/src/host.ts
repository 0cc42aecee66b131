// What a host (Node, the QuickJS sandbox, a browser) supplies to a runtime. Every member is
// optional: with none, output is discarded, the clock is virtual and no events are recorded.
// The runtime keeps the host private (no object a snippet can reach holds it), and the limit
// hooks are called from the runtime's own code paths, which a snippet cannot replace.

import type { RuntimeEvent } from "./events.js";
import type { RecordSink } from "./record-sink.js";

export interface RuntimeHost {
  /** Receives print() and console output. */
  write?(stream: "stdout" | "stderr", text: string): void;
  /**
   * Receives output that shows an exception's traceback: `before`, the traceback, `after`. A
   * host that can map the snippet's stack to its source writes it so; when absent, the runtime
   * writes the JavaScript stack through `write` (or an output event).
   */
  writeTraceback?(stream: "stdout" | "stderr", before: string, error: unknown, after: string): void;
  /** Receives every runtime event; when absent (and no recordSink) the runtime records none and pays nothing. */
  onEvent?(event: RuntimeEvent): void;
  /**
   * Receives the record as a sink's calls instead of onEvent's objects: the steps, task states
   * and lock and queue actions as numbers and shared strings (record-sink.ts). Wins over onEvent.
   */
  recordSink?: RecordSink;
  /** Seconds on a monotonic real clock; required for the real-clock mode. */
  now?(): number;
  /** Blocks the calling thread for real seconds (real-clock `time.sleep`). */
  blockingSleep?(seconds: number): void;
  /** Runs the host's pending promise jobs, so awaited native promises settle mid-run. */
  runMicrotasks?(): void;
  /** Called as each task, greenlet or executor lane is numbered, with the count so far. */
  onTaskNumbered?(count: number): void;
  /** Called after the clock moved by sleeping (the loop's jump to a timer, `time.sleep`), with the new time. */
  onClockMoved?(now: number): void;
}

export interface RuntimeOptions {
  /** "virtual" (default): time jumps to the next timer when nothing is ready. */
  clock?: "virtual" | "real";
  /** Seed of the `random` module; every run starts from it unless the snippet reseeds. */
  seed?: number;
  /**
   * With a listener: "full" (default) records everything; "tasks" only task-spawned, task-state
   * and output, the record from before steps, resources and cancellations (the bench's middle column).
   */
  record?: "full" | "tasks";
}
