// What a host (Node, the QuickJS sandbox, a browser) supplies to a runtime. Every member is
// optional: with none, output is discarded, the clock is virtual and no events are recorded.

import type { RuntimeEvent } from "./events.js";

export interface RuntimeHost {
  /** Receives print() and console output. */
  write?(stream: "stdout" | "stderr", text: string): void;
  /** Receives every runtime event; when absent the runtime records none and pays nothing. */
  onEvent?(event: RuntimeEvent): void;
  /** Seconds on a monotonic real clock; required for the real-clock mode. */
  now?(): number;
  /** Blocks the calling thread for real seconds (real-clock `time.sleep`). */
  blockingSleep?(seconds: number): void;
  /** Runs the host's pending promise jobs, so awaited native promises settle mid-run. */
  runMicrotasks?(): void;
}

export interface RuntimeOptions {
  /** "virtual" (default): time jumps to the next timer when nothing is ready. */
  clock?: "virtual" | "real";
  /** Seed of the `random` module; every run starts from it unless the snippet reseeds. */
  seed?: number;
}
