// The boundary between the engine worker (the host, in Node) and the guest bundle inside
// QuickJS, defined once for both sides: the calls the worker makes into the guest, the host
// functions the guest calls, and the records the guest reports. Everything the guest hands
// over is untrusted (the snippet shares its realm): the worker parses and validates records
// against guest-records-schema.ts and reads results by their expected kind.

import type { AwaitFrame } from "@looplab/runtime/await-trace";
import type { DeadlockGraph, RuntimeEvent } from "@looplab/runtime/events";

/** A compiled snippet or REPL input: a function in the guest, a handle to it on the host. */
export interface GuestApi<Compiled> {
  /** Starts a program run from a JSON GuestRunConfig; returns the scope names, joined by commas. */
  startProgram(config: string): string;
  runProgram(snippet: Compiled): undefined;
  /** Flushes what is left and returns the run's GuestCounters as JSON. */
  endProgram(): string;
  /** Opens a REPL session from a JSON GuestRunConfig; returns the scope names, joined by commas. */
  openSession(config: string): string;
  evaluateInput(inputId: number, compiled: Compiled): undefined;
  /** One loop iteration; seconds until the next one is needed, or -1 when only input can wake it. */
  tick(): number;
  /** 1 when a pending task of that id was cancelled, else 0. */
  cancelTask(taskId: number): number;
  endSession(): string;
  /** Hands the records waiting in the current run's batch to the host's flush, if any. */
  drain(): undefined;
  /** Where the runtime resumes a coroutine, as stack traces show it: "file:line:column" lines (guest/interrupt-probe.ts). */
  resumeSites(): string;
  /** The stack as it stands, from the interrupt handler: where a Ctrl-C would land (engine/interrupt-landing.ts). */
  interruptStack(): string;
  /** After a Ctrl-C landed in a task's step: 1 when that task was given a KeyboardInterrupt and the loop put right, else 0. */
  recoverInterrupt(): number;
}

export type GuestMethod = keyof GuestApi<unknown>;

type ResultKind<T> = T extends string ? "string" : T extends number ? "number" : "undefined";

/** Each guest method with the kind of value it returns: the one list both sides derive from. */
export const GUEST_METHODS = {
  startProgram: "string",
  runProgram: "undefined",
  endProgram: "string",
  openSession: "string",
  evaluateInput: "undefined",
  tick: "number",
  cancelTask: "number",
  endSession: "string",
  drain: "undefined",
  resumeSites: "string",
  interruptStack: "string",
  recoverInterrupt: "number",
} as const satisfies { [Method in GuestMethod]: ResultKind<ReturnType<GuestApi<unknown>[Method]>> };

/**
 * Functions the worker defines in the context before the bundle runs. The bundle keeps them in
 * a closure; the worker checks every argument, since a snippet that found one could call it.
 */
export interface GuestHost {
  /**
   * Receives a batch of records (guest/compact-records.ts): the JSON text of its strings and
   * object records, and its numbers, the first `count` float64s of `numbers`.
   */
  flush(records: string, numbers: ArrayBuffer, count: number): void;
  /** Asks the host to stop the current run because a limit was reached. */
  limit(name: string): void;
  /** Seconds on the host's monotonic clock. */
  now(): number;
  /** Blocks the engine's thread (real-clock time.sleep); the host bounds it by the run's budgets. */
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
  /** The coroutines it was thrown into on its way out, outermost first (runtime/src/asyncio/await-trace.ts). */
  awaitFrames?: AwaitFrame[];
  /** A DeadlockError's wait-for graph, within the bounds of events.ts (MAX_DEADLOCK_NODES...). */
  deadlock?: DeadlockGraph;
  /** An exception group's sub-exceptions, the first MAX_GROUP_WIDTH, within the bounds below. */
  exceptions?: GuestError[];
  /** How many sub-exceptions the group has, described or not. */
  exceptionCount?: number;
}

export type GuestRecord =
  | RuntimeEvent
  | { type: "guest-error"; time: number; error: GuestError }
  | { type: "guest-result"; time: number; value: string }
  /** Output that shows an exception's traceback (asyncio's logs): the host maps the stack and writes `before`, the traceback, `after`. */
  | { type: "guest-traceback"; time: number; stream: "stdout" | "stderr"; before: string; error: GuestError; after: string }
  /** A REPL input's task was created: cancelling it interrupts the input. */
  | { type: "input-started"; inputId: number; taskId: number }
  /** A REPL input's task finished (its result or error record came just before). */
  | { type: "input-done"; inputId: number };

/** Limits the guest enforces itself, for its own run; host resources are bounded by the host. */
export interface GuestLimits {
  outputBytes: number;
  events: number;
  tasks: number;
  virtualSeconds: number;
}

export interface GuestRunConfig {
  clock: "virtual" | "real";
  seed?: number;
  /** Stream task events too, not only output; "tasks": only task-spawned and task-state (the record from before steps, for the bench). */
  events: boolean | "tasks";
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

/** The longest text of an error's parts the guest sends; the host enforces the same bounds. */
export const MAX_ERROR_NAME_CHARACTERS = 200;
export const MAX_ERROR_MESSAGE_CHARACTERS = 64 * 1024;
export const MAX_ERROR_STACK_CHARACTERS = 256 * 1024;
/**
 * An exception group's sub-exceptions: CPython's traceback shows 15 of a group (max_group_width)
 * and 10 levels of nesting (max_group_depth). The guest describes at most MAX_GROUP_EXCEPTIONS
 * over the whole tree, each with shorter texts than a top-level error's.
 */
export const MAX_GROUP_WIDTH = 15;
export const MAX_GROUP_DEPTH = 10;
export const MAX_GROUP_EXCEPTIONS = 32;
export const MAX_MEMBER_MESSAGE_CHARACTERS = 4 * 1024;
export const MAX_MEMBER_STACK_CHARACTERS = 16 * 1024;
/** The longest repr of a REPL input's value the guest sends. */
export const MAX_RESULT_CHARACTERS = 64 * 1024;
