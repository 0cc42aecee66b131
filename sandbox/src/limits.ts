// Per-run limits (product.md, "Limits"). Each one that ends a run names itself in the end
// event, so a run never stops silently.

import type { CpuVerdict } from "./engine/cpu-verdict.js";
import type { EngineLimits } from "./engine/guest-context.js";
import type { EndEvent, LimitFigures, LimitName } from "./protocol-events.js";

export interface Limits {
  /** Milliseconds of guest execution per program run, per REPL input and per REPL tick. */
  cpuMs: number;
  /** Milliseconds a program run may hold its worker, paused or blocked included. */
  wallMs: number;
  /** Bytes the QuickJS runtime may allocate. */
  memoryBytes: number;
  /** Bytes of native stack the QuickJS runtime may use. */
  stackBytes: number;
  /** Characters of stdout and stderr together. */
  outputBytes: number;
  /** Characters of every event together: output, names, reprs, labels, tracebacks. */
  eventBytes: number;
  /** Runtime events (task and output events) in one run. */
  events: number;
  /** Tasks created in one run. */
  tasks: number;
  /** Seconds the run's clock may advance: virtual ones, or real ones for a real-clock run. */
  virtualSeconds: number;
  /** Characters of TypeScript source. */
  snippetBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  cpuMs: 2000,
  wallMs: 30_000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 1024 * 1024,
  outputBytes: 1024 * 1024,
  eventBytes: 16 * 1024 * 1024,
  events: 100_000,
  tasks: 1_000_000,
  virtualSeconds: 86_400,
  snippetBytes: 64 * 1024,
});

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value !== undefined) {
      if (!(typeof value === "number" && value > 0)) throw new RangeError(`limit ${key} must be a positive number, got ${value}`);
      limits[key] = value;
    }
  }
  return limits;
}

/** The limits the engine worker enforces on the host, whatever the guest does. */
export function engineLimits(limits: Limits): EngineLimits {
  const { cpuMs, wallMs, memoryBytes, stackBytes, eventBytes } = limits;
  return { cpuMs, wallMs, memoryBytes, stackBytes, eventBytes };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function milliseconds(value: number): string {
  return `${Math.round(value).toLocaleString("en-US")} ms`;
}

function seconds(value: number): string {
  return `${Math.round(value / 100) / 10} s`;
}

/**
 * The CPU limit's sentence, naming the clock that decided and the figure it read; a program
 * run's `cpuMs` counter is the same figure (a session's counts all its inputs).
 */
function describeCpuLimit(limits: Limits, verdict: CpuVerdict | undefined): string {
  const limit = `${limits.cpuMs / 1000} s`;
  if (verdict === undefined) return `CPU time limit exceeded: the snippet ran for more than ${limit} of CPU time`;
  if (verdict.clock === "cpu") {
    return `CPU time limit exceeded: the snippet ran for ${milliseconds(verdict.cpuMs)} of CPU time, more than ${limit} (read on its thread's CPU clock)`;
  }
  return (
    `CPU time limit exceeded: the snippet held its sandbox for ${seconds(verdict.wallMs)} of wall time, past the ${seconds(verdict.wallLimitMs)} ` +
    `a ${limit} CPU limit allows, while the busy machine gave it ${milliseconds(verdict.cpuMs)} of CPU time (the wall clock decided)`
  );
}

/** Each limit's figure in the unit `LimitFigures.allowed` documents. */
const ALLOWED: { [Name in LimitName]: (limits: Limits) => number } = {
  cpu: (limits) => limits.cpuMs,
  "wall-time": (limits) => limits.wallMs,
  memory: (limits) => limits.memoryBytes,
  stack: (limits) => limits.stackBytes,
  output: (limits) => limits.outputBytes,
  "event-bytes": (limits) => limits.eventBytes,
  events: (limits) => limits.events,
  tasks: (limits) => limits.tasks,
  "virtual-time": (limits) => limits.virtualSeconds,
  "snippet-size": (limits) => limits.snippetBytes,
};

/** The fields of an end event when `limit` ended the run: its name, its sentence and the sentence's figures. */
export function limitEnd(
  limit: LimitName,
  limits: Limits,
  cpu?: CpuVerdict,
): Pick<EndEvent, "reason" | "limit" | "message" | "limitFigures"> {
  const limitFigures: LimitFigures = cpu === undefined ? { allowed: ALLOWED[limit](limits) } : { allowed: ALLOWED[limit](limits), cpu };
  return { reason: "limit", limit, message: describeLimit(limit, limits, cpu), limitFigures };
}

/** The sentence an end event carries when `limit` ended the run; `cpu`: what the CPU limit read. */
export function describeLimit(limit: LimitName, limits: Limits, cpu?: CpuVerdict): string {
  switch (limit) {
    case "cpu":
      return describeCpuLimit(limits, cpu);
    case "wall-time":
      return `wall time limit exceeded: the run held its sandbox for more than ${limits.wallMs / 1000} s`;
    case "memory":
      return `memory limit exceeded: the snippet needed more than ${megabytes(limits.memoryBytes)}`;
    case "stack":
      return `stack limit exceeded: the recursion went deeper than ${limits.stackBytes / 1024} KB of stack allows`;
    case "output":
      return `output limit exceeded: the snippet printed more than ${megabytes(limits.outputBytes)}`;
    case "event-bytes":
      return `event size limit exceeded: the run's events (output, names, reprs, tracebacks) took more than ${megabytes(limits.eventBytes)}`;
    case "events":
      return `event limit exceeded: the run produced more than ${limits.events.toLocaleString("en-US")} events`;
    case "tasks":
      return `task limit exceeded: the snippet created more than ${limits.tasks.toLocaleString("en-US")} tasks`;
    case "virtual-time":
      return `virtual time limit exceeded: the clock passed ${limits.virtualSeconds.toLocaleString("en-US")} seconds`;
    case "snippet-size":
      return `snippet size limit exceeded: the source is longer than ${limits.snippetBytes / 1024} KB`;
  }
}
