// The events a sandbox run adds to the runtime's own (task and output events, defined in
// runtime/src/events.ts): the compile error, the result or error of a run or REPL input, and
// the end. The server and the web page import these types rather than restating them.

import { type DeadlockGraph, type EveryListed, RUNTIME_EVENT_TYPES, type RuntimeEvent } from "@looplab/runtime/events";
import type { CpuVerdict } from "./engine/cpu-verdict.js";

export type * from "@looplab/runtime/events";
/** How a reader rebuilds a lock's or a queue's waiters from its resource events. */
export { updateWaiters } from "@looplab/runtime/events";

/** A position in the snippet's own TypeScript (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface CompileDiagnosticInfo extends SourcePosition {
  message: string;
  /** The offending line with a caret under the column. */
  frame: string;
}

export interface CompileErrorEvent {
  type: "compile-error";
  diagnostics: CompileDiagnosticInfo[];
}

/** One frame of an error's stack, innermost first, in the snippet's TypeScript. */
export interface StackFrame extends SourcePosition {
  /** The function's name, or "<module>" for the snippet's top level. */
  function: string;
  /** The TypeScript line the frame points at, trimmed. */
  code: string;
}

export interface ErrorEvent {
  type: "error";
  time: number;
  /** The exception's class name, e.g. "ValueError" or "DeadlockError". */
  name: string;
  message: string;
  /** Innermost first; frames inside the runtime are left out; deep recursion keeps 50 from each end. */
  frames: StackFrame[];
  /** The Python-style traceback: frames outermost first, then "Name: message". */
  traceback: string;
  /** A DeadlockError's wait-for graph: the pending tasks, what each waits on, who holds it, the cycle. */
  deadlock?: DeadlockGraph;
}

/** The value of a REPL input's last expression, as Python's REPL shows it (repr), when not None. */
export interface ResultEvent {
  type: "result";
  time: number;
  value: string;
}

export type EndReason = "completed" | "error" | "deadlock" | "limit" | "stopped";

/** Every limit that can end a run, by the name its end event carries. */
export const LIMIT_NAMES = [
  "cpu",
  "wall-time",
  "memory",
  "stack",
  "output",
  "event-bytes",
  "events",
  "tasks",
  "virtual-time",
  "snippet-size",
] as const;

export type LimitName = (typeof LIMIT_NAMES)[number];

export interface RunCounters {
  cpuMs: number;
  virtualSeconds: number;
  tasks: number;
  steps: number;
  peakMemoryBytes: number;
}

/** The figures a limit's message names, so that a page can word it in its own language. */
export interface LimitFigures {
  /**
   * The limit: bytes (memory, stack, output, event-bytes, snippet-size), milliseconds (cpu,
   * wall-time), seconds (virtual-time) or a count (events, tasks).
   */
  allowed: number;
  /** What the CPU limit read, and which clock decided (cpu only, when it read one). */
  cpu?: CpuVerdict;
}

export interface EndEvent {
  type: "end";
  reason: EndReason;
  /** Which limit ended the run, when reason is "limit". */
  limit?: LimitName;
  /** The figures of that limit's message. */
  limitFigures?: LimitFigures;
  /** Why the run ended, in words, for every reason but "completed". */
  message?: string;
  counters: RunCounters;
}

export type SandboxEvent = CompileErrorEvent | ErrorEvent | ResultEvent | EndEvent;

/** Everything a run or a REPL session streams, in order. */
export type RunEvent = RuntimeEvent | SandboxEvent;

/** Every event type a run can stream: a client that receives another did not get it from Looplab. */
export const RUN_EVENT_TYPES = [
  ...RUNTIME_EVENT_TYPES,
  "compile-error",
  "error",
  "result",
  "end",
] as const satisfies readonly RunEvent["type"][];
export const EVERY_RUN_EVENT_TYPE_LISTED: EveryListed<RunEvent["type"], (typeof RUN_EVENT_TYPES)[number]> = true;

/** Past inputs a REPL session keeps, and replays at most: each costs a compile on the shared compiler. */
export const MAX_REPLAY_INPUTS = 200;
