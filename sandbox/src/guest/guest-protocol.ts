// What crosses between the engine worker and the guest bundle inside QuickJS. The guest calls
// the host functions below; it reports everything else as records in its event batches, so a
// result or an error arrives in order after the output that preceded it.

import type { RuntimeEvent } from "@looplab/runtime/events";
import type { LimitName } from "../protocol-events.js";

/** Functions the worker defines in the context before the bundle runs; the bundle keeps them privately. */
export interface GuestHost {
  /** Receives a JSON array of GuestRecords. */
  flush(records: string): void;
  /** Asks the host to stop the current run because a limit was reached. */
  limit(name: LimitName): void;
  /** Seconds on the host's monotonic clock. */
  now(): number;
  /** Blocks the engine's thread (real-clock time.sleep). */
  blockingSleep(seconds: number): void;
  /** Runs QuickJS's pending promise jobs. */
  runJobs(): void;
}

/** An uncaught error as the guest sees it; the host maps its stack to TypeScript. */
export interface GuestError {
  name: string;
  message: string;
  /** QuickJS's stack text: lines like "    at f (snippet.js:137:13)". */
  stack: string;
}

export type GuestRecord =
  | RuntimeEvent
  | { type: "guest-error"; time: number; error: GuestError }
  | { type: "guest-result"; time: number; value: string }
  /** A REPL input's task was created: cancelling it interrupts the input. */
  | { type: "input-started"; inputId: number; taskId: number }
  /** A REPL input's task finished (its result or error record came just before). */
  | { type: "input-done"; inputId: number };

/** Limits the guest enforces itself; CPU, memory and stack are the engine's. */
export interface GuestLimits {
  outputBytes: number;
  events: number;
  tasks: number;
  virtualSeconds: number;
}

export interface GuestRunConfig {
  clock: "virtual" | "real";
  seed?: number;
  /** Stream task events too, not only output. */
  events: boolean;
  limits: GuestLimits;
}

export interface GuestCounters {
  tasks: number;
  steps: number;
  virtualSeconds: number;
}

/** The file names QuickJS shows in stack frames. */
export const SNIPPET_FILE = "snippet.js";
export const BUNDLE_FILE = "looplab-runtime.js";

/** The file name of a REPL input's compiled code. */
export function inputFile(inputId: number): string {
  return `input-${inputId}.js`;
}

/** The global the bundle defines and the worker removes before any snippet runs. */
export const GUEST_GLOBAL = "__looplab";
export const HOST_GLOBAL = "__looplabHost";
