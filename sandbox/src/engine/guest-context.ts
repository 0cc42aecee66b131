// One QuickJS runtime and context with the guest bundle evaluated: made ahead of time, used
// by one program run or one REPL session, then disposed, so nothing leaks between users.
// Every call into the guest is an operation with a fresh CPU budget, enforced by the
// interrupt handler; the host functions the guest calls are defined here.

import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { BUNDLE_FILE, GUEST_GLOBAL, type GuestError, HOST_GLOBAL } from "../guest/guest-protocol.js";
import { LIMIT_NAMES, type LimitName } from "../protocol-events.js";
import type { ControlBlock } from "./control-block.js";
import type { MemoryGuard } from "./memory-guard.js";
import { threadCpuMilliseconds } from "./thread-cpu.js";

export interface EngineLimits {
  cpuMs: number;
  memoryBytes: number;
  stackBytes: number;
}

/** Why the engine ended an operation early. */
export type EngineStop = { kind: "limit"; limit: LimitName } | { kind: "stopped"; message: string };

/** The guest threw out of a call: a failure of the driver, or a limit QuickJS raised as an error. */
export class GuestCallError extends Error {
  constructor(readonly guestError: GuestError) {
    super(`${guestError.name}: ${guestError.message}`);
  }
}

export type OperationResult<T> = { ok: true; value: T } | { ok: false; stop: EngineStop } | { ok: false; failure: GuestError };

/** The code a compiled snippet is wrapped in: its line 1 becomes line 2, columns unchanged. */
export const SNIPPET_LINE_OFFSET = 1;

const MAX_BATCHES_IN_FLIGHT = 64;
/** A program run whose consumer reads nothing for this long is stopped rather than held. */
const MAX_PAUSE_MS = 30_000;
const MEMORY_SAMPLE_INTERVAL_MS = 100;
/** Wall time, in CPU budgets, that an operation may hold its worker however little CPU it gets. */
const WALL_BUDGETS = 3;
/** Time between two measurements, as a multiple of what the last one took. */
const MEMORY_SAMPLE_COST_FACTOR = 30;
/** Records older than this are fetched from the guest by the interrupt handler. */
const MAX_RECORD_AGE_MS = 5;
const GUEST_METHODS = [
  "startProgram",
  "runProgram",
  "endProgram",
  "openSession",
  "evaluateInput",
  "tick",
  "cancelTask",
  "endSession",
  "drain",
] as const;
type GuestMethod = (typeof GUEST_METHODS)[number];

export class GuestContext {
  private readonly runtime: QuickJSRuntime;
  private readonly context: QuickJSContext;
  private readonly methods = new Map<GuestMethod, QuickJSHandle>();
  private api: QuickJSHandle;
  private disposed = false;
  private memoryLimit = 0;
  private operationId = 0;
  // The current operation.
  private deadline = Number.POSITIVE_INFINITY;
  private stop: EngineStop | null = null;
  private sink: (records: string) => void = () => {};
  private pausable = false;
  private chargeBlocking = true;
  private batchesSent = 0;
  private takenBase = 0;
  private pausedMs = 0;
  private flushedCharacters = 0;
  private budgetMs = 0;
  private operationStart = 0;
  private cpuAtStart = 0;
  /** Milliseconds blocked in a real-clock sleep and charged: not CPU, but the shared engine was held. */
  private blockedMs = 0;
  private lastDelivery = 0;
  private draining = false;
  private maxFlushedCharacters = Number.POSITIVE_INFINITY;
  // Over the context's life.
  cpuMs = 0;
  peakMemoryBytes = 0;
  private nextMemorySample = 0;

  constructor(
    module: QuickJSWASMModule,
    bundle: string,
    private readonly control: ControlBlock,
    private readonly memoryGuard: MemoryGuard,
  ) {
    this.runtime = module.newRuntime();
    this.runtime.setInterruptHandler(() => this.shouldInterrupt());
    this.context = this.runtime.newContext();
    this.defineHost();
    this.unwrap(this.context.evalCode(bundle, BUNDLE_FILE)).dispose();
    this.api = this.context.getProp(this.context.global, GUEST_GLOBAL);
    for (const name of GUEST_METHODS) this.methods.set(name, this.context.getProp(this.api, name));
    this.unwrap(this.context.evalCode(`delete globalThis.${GUEST_GLOBAL}; delete globalThis.${HOST_GLOBAL};`)).dispose();
  }

  /**
   * `pausable`: the worker may wait for the consumer (program runs; a session's worker is shared).
   * `chargeBlocking`: time blocked in a real-clock sleep counts against the CPU budget (sessions,
   * whose worker others share); otherwise it is idle time, bounded by the run's clock limit.
   */
  configure(
    operationId: number,
    limits: EngineLimits,
    options: { pausable: boolean; chargeBlocking: boolean; maxFlushedCharacters: number },
  ): void {
    this.chargeBlocking = options.chargeBlocking;
    this.operationId = operationId;
    this.memoryLimit = limits.memoryBytes;
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.pausable = options.pausable;
    this.maxFlushedCharacters = options.maxFlushedCharacters;
  }

  /** Measures the heap now, whatever the spacing of measurements (once, as a run ends). */
  measureMemory(): void {
    this.sampleMemory(true);
  }

  /** Raises the memory limit, so that a run which reached it can still hand over what it recorded. */
  relaxMemoryLimit(headroomBytes: number): void {
    this.runtime.setMemoryLimit(this.memoryLimit + headroomBytes);
  }

  /** Runs `body` as one guest operation: records go to `sink`, the CPU budget starts afresh. */
  operate<T>(budgetMs: number, sink: (records: string) => void, body: () => T): OperationResult<T> {
    this.stop = null;
    this.sink = sink;
    this.batchesSent = 0;
    this.pausedMs = 0;
    this.takenBase = this.control.batchesTaken();
    this.budgetMs = budgetMs;
    this.blockedMs = 0;
    this.cpuAtStart = threadCpuMilliseconds();
    this.operationStart = performance.now();
    this.nextMemorySample = Math.max(this.nextMemorySample, this.operationStart + MEMORY_SAMPLE_INTERVAL_MS);
    this.deadline = this.operationStart + budgetMs;
    this.control.beginOperation(this.operationId, budgetMs, this.cpuAtStart);
    this.memoryGuard.bound(this.memoryLimit, () => this.requestLimit("memory"));
    try {
      const value = body();
      if (this.stop !== null) return { ok: false, stop: this.stop };
      return { ok: true, value };
    } catch (error) {
      if (this.stop !== null) return { ok: false, stop: this.stop };
      if (!(error instanceof GuestCallError)) throw error;
      const limit = limitRaisedAsError(error.guestError);
      if (limit !== null) return { ok: false, stop: this.limitReached(limit) };
      return { ok: false, failure: error.guestError };
    } finally {
      this.memoryGuard.release();
      this.control.endOperation();
      this.deadline = Number.POSITIVE_INFINITY;
      this.cpuMs += this.usedMilliseconds();
      this.sampleMemory(false);
    }
  }

  /** Calls a method of the guest bundle; strings and numbers are passed as values. */
  call(method: GuestMethod, ...args: (string | number | QuickJSHandle)[]): QuickJSHandle {
    const context = this.context;
    const handles = args.map((arg) =>
      typeof arg === "string" ? context.newString(arg) : typeof arg === "number" ? context.newNumber(arg) : arg,
    );
    try {
      return this.unwrap(context.callFunction(this.methods.get(method) as QuickJSHandle, this.api, ...handles));
    } finally {
      args.forEach((arg, index) => {
        if (typeof arg !== "object") (handles[index] as QuickJSHandle).dispose();
      });
    }
  }

  callForString(method: GuestMethod, ...args: (string | number | QuickJSHandle)[]): string {
    const handle = this.call(method, ...args);
    try {
      return this.context.getString(handle);
    } finally {
      handle.dispose();
    }
  }

  callForNumber(method: GuestMethod, ...args: (string | number | QuickJSHandle)[]): number {
    const handle = this.call(method, ...args);
    try {
      return this.context.getNumber(handle);
    } finally {
      handle.dispose();
    }
  }

  callForBoolean(method: GuestMethod, ...args: (string | number | QuickJSHandle)[]): boolean {
    const handle = this.call(method, ...args);
    try {
      return this.context.dump(handle) === true;
    } finally {
      handle.dispose();
    }
  }

  /** Evaluates compiled code as the body of a function of `scopeNames`, returning that function. */
  compile(code: string, scopeNames: string, filename: string): QuickJSHandle {
    return this.unwrap(this.context.evalCode(`(function(${scopeNames}){\n${code}\n})`, filename));
  }

  /** Runs promise jobs the guest queued (an awaited native promise settles through them). */
  runPendingJobs(): number {
    const result = this.runtime.executePendingJobs();
    if (result.error) {
      result.error.dispose();
      return 1;
    }
    return result.value;
  }

  /** Frees the runtime; throws when the module aborted, which leaves it unusable (poisoned). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const handle of this.methods.values()) handle.dispose();
    this.api.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }

  private shouldInterrupt(): boolean {
    if (this.stop !== null) return true;
    const now = performance.now();
    if (!this.draining && this.deadline !== Number.POSITIVE_INFINITY) {
      if (now - this.lastDelivery >= MAX_RECORD_AGE_MS) this.drainGuest();
      this.sampleMemory(false);
    }
    if (this.control.stopRequested()) {
      this.stop = { kind: "stopped", message: "stopped by its consumer" };
      return true;
    }
    if (now > this.deadline) {
      // The wall clock says the budget may be spent; the thread's CPU time decides, unless the
      // machine is so busy that the run has held its worker for several budgets of wall time.
      const remaining = this.budgetMs - this.usedMilliseconds();
      if (remaining > 0 && now - this.operationStart < WALL_BUDGETS * this.budgetMs + this.pausedMs + this.blockedMs) {
        this.deadline = now + remaining;
        return false;
      }
      this.stop = { kind: "limit", limit: "cpu" };
      return true;
    }
    return false;
  }

  /** The current operation's CPU time, plus time blocked in time.sleep. */
  private usedMilliseconds(): number {
    return threadCpuMilliseconds() - this.cpuAtStart + this.blockedMs;
  }

  /** Fetches records the guest holds while it computes (the guest is between two of its own steps). */
  private drainGuest(): void {
    this.draining = true;
    try {
      const records = this.callForString("drain");
      if (records !== "") this.flush(records);
      else this.lastDelivery = performance.now();
    } catch {
      // Out of memory, or interrupted itself: the records go out with the next flush or at the end.
    } finally {
      this.draining = false;
    }
  }

  private requestLimit(limit: LimitName): void {
    this.stop ??= this.limitReached(limit);
  }

  private limitReached(limit: LimitName): EngineStop {
    // The peak is sampled; a run stopped by the memory limit reached it.
    if (limit === "memory") this.peakMemoryBytes = Math.max(this.peakMemoryBytes, this.memoryLimit);
    return { kind: "limit", limit };
  }

  private defineHost(): void {
    const context = this.context;
    const host = context.newObject();
    const define = (name: string, body: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
      const fn = context.newFunction(name, body);
      context.setProp(host, name, fn);
      fn.dispose();
    };
    define("flush", (records) => {
      this.flush(context.getString(records));
      return undefined;
    });
    define("limit", (name) => {
      const limit = context.getString(name);
      if ((LIMIT_NAMES as readonly string[]).includes(limit)) this.requestLimit(limit as LimitName);
      return undefined;
    });
    define("now", () => context.newNumber(performance.now() / 1000));
    define("blockingSleep", (seconds) => {
      this.blockingSleep(context.getNumber(seconds) * 1000);
      return undefined;
    });
    define("runJobs", () => {
      this.runPendingJobs();
      return undefined;
    });
    context.setProp(context.global, HOST_GLOBAL, host);
    host.dispose();
  }

  private flush(records: string): void {
    this.flushedCharacters += records.length;
    if (this.flushedCharacters > this.maxFlushedCharacters) {
      // The guest's own accounting was bypassed: the host's bound on what it accepts still holds.
      this.requestLimit("output");
      return;
    }
    this.sink(records);
    this.lastDelivery = performance.now();
    this.batchesSent++;
    this.sampleMemory(false);
    if (this.pausable) this.waitForConsumer();
  }

  /** Backpressure: a program run waits while its consumer is far behind. */
  private waitForConsumer(): void {
    for (;;) {
      const taken = this.control.batchesTaken();
      if (this.batchesSent - (taken - this.takenBase) <= MAX_BATCHES_IN_FLIGHT || this.control.stopRequested()) return;
      const paused = this.control.pauseUntilTaken(taken, 250);
      this.pausedMs += paused;
      this.deadline += paused;
      if (this.pausedMs > MAX_PAUSE_MS) {
        this.stop ??= { kind: "stopped", message: `stopped: nobody read its events for ${MAX_PAUSE_MS / 1000} s` };
        return;
      }
    }
  }

  private blockingSleep(milliseconds: number): void {
    if (!this.chargeBlocking) {
      const paused = this.control.pauseFor(milliseconds);
      this.pausedMs += paused;
      this.deadline += paused;
      return;
    }
    const remaining = this.budgetMs - this.usedMilliseconds();
    const slept = Math.max(0, Math.min(milliseconds, remaining));
    this.control.sleep(slept);
    this.blockedMs += slept;
    this.deadline += slept;
    if (milliseconds > remaining) this.requestLimit("cpu");
  }

  /**
   * A run's memory as QuickJS counts it (every object, string and buffer), for the peak counter
   * and the memory limit: the guard bounds how fast memory can grow, this measures what is held.
   * A measurement walks the whole heap, so it is spaced to cost at most a few percent of the run.
   */
  private sampleMemory(force: boolean): void {
    const started = performance.now();
    if (!force && started < this.nextMemorySample) return;
    let used = 0;
    try {
      const handle = this.runtime.computeMemoryUsage();
      used = (this.context.dump(handle) as { memory_used_size?: number }).memory_used_size ?? 0;
      handle.dispose();
    } catch {
      // Out of memory while measuring memory: the run is ending on its memory limit anyway.
      return;
    } finally {
      const cost = performance.now() - started;
      this.nextMemorySample = started + Math.max(MEMORY_SAMPLE_INTERVAL_MS, MEMORY_SAMPLE_COST_FACTOR * cost);
    }
    this.peakMemoryBytes = Math.max(this.peakMemoryBytes, used);
    if (used > this.memoryLimit && this.deadline !== Number.POSITIVE_INFINITY) this.requestLimit("memory");
  }

  private unwrap(result: { error?: QuickJSHandle; value?: QuickJSHandle }): QuickJSHandle {
    if (result.error) {
      const error = readGuestError(this.context, result.error);
      result.error.dispose();
      throw new GuestCallError(error);
    }
    return result.value as QuickJSHandle;
  }
}

function readGuestError(context: QuickJSContext, handle: QuickJSHandle): GuestError {
  try {
    const value = context.dump(handle) as unknown;
    if (value !== null && typeof value === "object") {
      const { name, message, stack } = value as Record<string, unknown>;
      return { name: String(name ?? "Error"), message: String(message ?? ""), stack: typeof stack === "string" ? stack : "" };
    }
    return { name: "", message: String(value), stack: "" };
  } catch {
    return { name: "InternalError", message: "an error that could not be read (out of memory?)", stack: "" };
  }
}

/** QuickJS reports exhausted memory and stack as errors; these end the run as limits. */
export function limitRaisedAsError(error: { message: string }): LimitName | null {
  if (error.message === "out of memory") return "memory";
  if (error.message === "stack overflow" || error.message === "Maximum call stack size exceeded") return "stack";
  return null;
}
