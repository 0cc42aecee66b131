// One QuickJS runtime and context with the guest bundle evaluated: made ahead of time, used
// by one program run or one REPL session, then disposed, so nothing leaks between users.
// Every call into the guest is an operation with a fresh CPU budget, enforced by the
// interrupt handler; the host functions the guest calls are defined here.

import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { batchNumbers } from "../boundary/batch-numbers.js";
import { guestErrorSchema } from "../boundary/guest-record-schema.js";
import { type CheckedBatch, readGuestBatch } from "../boundary/read-guest-records.js";
import { bounded } from "../guest/bounded-text.js";
import {
  BUNDLE_FILE,
  GUEST_GLOBAL,
  GUEST_METHODS,
  type GuestApi,
  type GuestError,
  type GuestHost,
  type GuestMethod,
  HOST_GLOBAL,
  MAX_ERROR_MESSAGE_CHARACTERS,
  MAX_ERROR_NAME_CHARACTERS,
  MAX_ERROR_STACK_CHARACTERS,
} from "../guest/guest-protocol.js";
import { LIMIT_NAMES, type LimitName } from "../protocol-events.js";
import type { ControlBlock } from "./control-block.js";
import type { CpuVerdict } from "./cpu-verdict.js";
import { landsInSnippet } from "./interrupt-landing.js";
import type { MemoryGuard } from "./memory-guard.js";
import { threadCpuMilliseconds } from "./thread-cpu.js";

export interface EngineLimits {
  cpuMs: number;
  memoryBytes: number;
  stackBytes: number;
  eventBytes: number;
  /** Milliseconds a program run may hold its worker, pauses and blocking sleeps included. */
  wallMs: number;
}

/**
 * Why the engine ended an operation early. `refused`: the guest handed the host something that
 * breaks the boundary's contract (a malformed record, a forbidden call); the message says what.
 * `interrupted`: a Ctrl-C landed where the session can go on (interrupt-landing.ts); the
 * session's recoverInterrupt() comes next.
 */
export type EngineStop =
  /** `cpu`: for the CPU limit, the clock that decided and what it read. */
  | { kind: "limit"; limit: LimitName; cpu?: CpuVerdict }
  | { kind: "stopped"; message: string }
  | { kind: "refused"; message: string }
  | { kind: "interrupted" };

/** The guest API as the host calls it: a compiled function is a handle. */
type HostSideApi = GuestApi<QuickJSHandle>;

/** The guest threw out of a call: a failure of the driver, or a limit QuickJS raised as an error. */
export class GuestCallError extends Error {
  constructor(readonly guestError: GuestError) {
    super(`${guestError.name}: ${guestError.message}`);
  }
}

export type OperationResult<T> = { ok: true; value: T } | { ok: false; stop: EngineStop } | { ok: false; failure: GuestError };

/** Why a run its consumer stopped (a return() of its events, an aborted signal) ended. */
export const STOPPED_BY_CONSUMER = "stopped by its consumer";

/**
 * Why an operation interrupted on request (Ctrl-C in `looplab repl`) ended its session: it was
 * never where the session could go on (interrupt-landing.ts), or the Ctrl-C was a second one.
 */
export const INTERRUPTED = "KeyboardInterrupt: the input was interrupted while it computed";

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
/** How long a Ctrl-C waits for the snippet's own code to land in before it ends the session instead. */
const LANDING_WAIT_MS = 500;

export class GuestContext {
  private readonly runtime: QuickJSRuntime;
  private readonly context: QuickJSContext;
  /** The context the host functions act for: this one, or the one that took over its engine. */
  private readonly host: { current: GuestContext };
  private readonly methods = new Map<GuestMethod, QuickJSHandle>();
  /** Set by bindGuest(), once the bundle's state is in the engine's memory. */
  private api!: QuickJSHandle;
  private memoryLimit = 0;
  private operationId = 0;
  // The current operation.
  private deadline = Number.POSITIVE_INFINITY;
  private stop: EngineStop | null = null;
  private sink: (batch: CheckedBatch) => void = () => {};
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
  private stoppable = true;
  /** The operation is a session's tick: a Ctrl-C may land in a task's step and the session go on. */
  private recoverable = false;
  /** When the interrupt handler first saw the Ctrl-C it has not yet landed; 0 for none. */
  private interruptSeenAt = 0;
  /** The last operation ended before a Ctrl-C asked of it could land. */
  private interruptMissed = false;
  /** Calling into the guest from the interrupt handler, whose calls poll it too. */
  private probing = false;
  /** Where the runtime resumes a coroutine (guest/interrupt-probe.ts), read before any snippet runs. */
  private resumeSites: string[] = [];
  /** Characters of records the run may hand over in all (the event-bytes limit). */
  private eventBytes = Number.POSITIVE_INFINITY;
  /** Only a real-clock run may block its thread in time.sleep. */
  private realClock = false;
  /** When a program run's wall budget is spent (performance.now()); no pause or blocking sleep lasts past it. */
  private wallDeadline = Number.POSITIVE_INFINITY;
  // Over the context's life.
  cpuMs = 0;
  peakMemoryBytes = 0;
  /** In the sessions' shared engine, where no end drops the whole engine: its runtime must be freed. */
  inSharedEngine = false;
  private runtimeFreed = false;
  private nextMemorySample = 0;

  /**
   * A runtime and context with the host functions defined, the bundle not yet evaluated. The same
   * calls on a fresh module always allocate the same memory (engine-snapshot.ts relies on it), so
   * nothing here may depend on time or on earlier calls. With `previous`, takes over the runtime
   * and context of a finished context whose memory was reset to the snapshot: its host functions
   * and interrupt handler then act for this one.
   */
  constructor(
    module: QuickJSWASMModule | null,
    private readonly control: ControlBlock,
    /** Bounds this context's own engine memory (each context has its own module instance). */
    private readonly memoryGuard: MemoryGuard,
    previous?: GuestContext,
  ) {
    if (previous !== undefined) {
      this.runtime = previous.runtime;
      this.context = previous.context;
      this.host = previous.host;
      this.host.current = this;
      this.runtime.setInterruptHandler(() => this.shouldInterrupt());
      return;
    }
    if (module === null) throw new Error("a context needs a module or a previous context to take over");
    this.host = { current: this };
    this.runtime = module.newRuntime();
    this.runtime.setInterruptHandler(() => this.shouldInterrupt());
    this.context = this.runtime.newContext();
    this.defineHost();
  }

  /**
   * Whether quickjs-emscripten cached a handle made after the snapshot (it does for symbols and
   * BigInt on first use): such a handle would point into memory a reset takes back.
   */
  get cachesLateHandles(): boolean {
    const cached = this.context as unknown as Record<string, unknown>;
    return ["_BigInt", "_Symbol", "_SymbolIterator", "_SymbolAsyncIterator"].some((field) => cached[field] !== undefined);
  }

  /** The engine's memory, to reset to the snapshot. */
  get engineMemory(): MemoryGuard {
    return this.memoryGuard;
  }

  /** Where the runtime and context live in the engine's memory: a restored context must find them where the snapshot has them. */
  get enginePointers(): { runtime: number; context: number } {
    const pointer = (owner: object, field: string) => (owner as Record<string, { value: number }>)[field]?.value ?? -1;
    return { runtime: pointer(this.runtime, "rt"), context: pointer(this.context, "ctx") };
  }

  /** Evaluates the guest bundle, which takes the host functions and defines the guest's API. */
  evaluateBundle(bundle: string): void {
    this.unwrap(this.context.evalCode(bundle, BUNDLE_FILE)).dispose();
  }

  /** Takes the guest's API, then removes both globals so that no snippet can reach them. */
  bindGuest(): void {
    this.api = this.context.getProp(this.context.global, GUEST_GLOBAL);
    for (const name of Object.keys(GUEST_METHODS) as GuestMethod[]) this.methods.set(name, this.context.getProp(this.api, name));
    this.resumeSites = this.call("resumeSites")
      .split("\n")
      .filter((site) => site !== "");
    this.unwrap(this.context.evalCode(`delete globalThis.${GUEST_GLOBAL}; delete globalThis.${HOST_GLOBAL};`)).dispose();
  }

  /** Bytes of the engine memory this context's module holds. */
  get memoryBytes(): number {
    return this.memoryGuard.bytes;
  }

  /**
   * `pausable`: the worker may wait for the consumer (program runs; a session's worker is shared).
   * `chargeBlocking`: time blocked in a real-clock sleep counts against the CPU budget (sessions,
   * whose worker others share); otherwise it is idle time, bounded by the run's clock limit.
   */
  configure(
    operationId: number,
    limits: EngineLimits,
    options: { pausable: boolean; chargeBlocking: boolean; clock: "virtual" | "real" },
  ): void {
    this.chargeBlocking = options.chargeBlocking;
    this.operationId = operationId;
    this.memoryLimit = limits.memoryBytes;
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.pausable = options.pausable;
    this.eventBytes = limits.eventBytes;
    this.realClock = options.clock === "real";
    // Time not charged as CPU (pauses, blocking sleeps) is bounded by the wall budget, counted from
    // the run's start; a session charges its blocking as CPU, and its wall time is its own.
    this.wallDeadline = options.chargeBlocking ? Number.POSITIVE_INFINITY : performance.now() + limits.wallMs;
  }

  /** Measures the heap now, whatever the spacing of measurements (once, as a run ends). */
  measureMemory(): void {
    this.sampleMemory(true);
  }

  /** Raises the memory limit, so that a run which reached it can still hand over what it recorded. */
  relaxMemoryLimit(headroomBytes: number): void {
    this.runtime.setMemoryLimit(this.memoryLimit + headroomBytes);
  }

  /**
   * Runs `body` as one guest operation: batches of records, once checked, go to `sink`; the CPU budget starts afresh.
   * `stoppable: false` for the call that collects a run's last records after it was stopped;
   * `recoverable: true` for a session's tick, where a Ctrl-C may end with the stop `interrupted`.
   */
  operate<T>(
    budgetMs: number,
    sink: (batch: CheckedBatch) => void,
    body: () => T,
    { stoppable = true, recoverable = false }: { stoppable?: boolean; recoverable?: boolean } = {},
  ): OperationResult<T> {
    this.stop = null;
    this.stoppable = stoppable;
    this.recoverable = recoverable;
    this.interruptSeenAt = 0;
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
      this.interruptMissed = this.control.endOperation() && this.stop === null;
      this.deadline = Number.POSITIVE_INFINITY;
      const used = this.usedMilliseconds();
      this.cpuMs += used;
      // The CPU limit's figure is the operation's whole CPU time, as the counters count it.
      const stop = this.stop as EngineStop | null;
      if (stop?.kind === "limit" && stop.cpu !== undefined) stop.cpu.cpuMs = used;
      this.sampleMemory(false);
    }
  }

  /**
   * Calls a method of the guest bundle; strings and numbers are passed as values. The result is
   * read as the kind GUEST_METHODS names, and anything else is the guest breaking the contract.
   */
  call<Method extends GuestMethod>(method: Method, ...args: Parameters<HostSideApi[Method]>): ReturnType<HostSideApi[Method]> {
    const context = this.context;
    const handles = (args as (string | number | QuickJSHandle)[]).map((arg) =>
      typeof arg === "string" ? context.newString(arg) : typeof arg === "number" ? context.newNumber(arg) : arg,
    );
    let result: QuickJSHandle | null = null;
    try {
      result = this.unwrap(context.callFunction(this.methods.get(method) as QuickJSHandle, this.api, ...handles));
      const expected = GUEST_METHODS[method];
      const actual = context.typeof(result);
      if (actual !== expected)
        throw new GuestCallError({
          name: "SandboxError",
          message: `the guest's ${method}() returned ${actual}, not ${expected}`,
          stack: "",
        });
      if (expected === "string") return context.getString(result) as ReturnType<HostSideApi[Method]>;
      if (expected === "number") return context.getNumber(result) as ReturnType<HostSideApi[Method]>;
      return undefined as ReturnType<HostSideApi[Method]>;
    } finally {
      result?.dispose();
      handles.forEach((handle, index) => {
        if (typeof args[index] !== "object") handle.dispose();
      });
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

  /**
   * Ends the context. Its engine instance and memory are its own, so they are dropped whole rather
   * than freed object by object: that costs nothing, and cannot meet quickjs-emscripten #269 (a
   * teardown that aborts the module).
   */
  /**
   * Forgets the guest's API. A context in an engine of its own is dropped with that engine; one
   * in the sessions' shared engine also frees its runtime, whose memory the next session reuses.
   */
  dispose(): void {
    if (this.inSharedEngine && !this.runtimeFreed) {
      this.runtimeFreed = true;
      for (const handle of this.methods.values()) handle.dispose();
      this.api.dispose();
      this.context.dispose();
      this.runtime.dispose();
    }
    this.methods.clear();
  }

  /** Whether the last operation ended before a Ctrl-C asked of it could land: then nothing was interrupted. */
  missedInterrupt(): boolean {
    return this.interruptMissed;
  }

  /** Marks this context as one of several in a shared engine: its runtime is freed at its end. */
  sharesEngine(): this {
    this.inSharedEngine = true;
    return this;
  }

  private shouldInterrupt(): boolean {
    if (this.stop !== null) return true;
    if (this.probing) return false;
    const now = performance.now();
    if (!this.draining && this.deadline !== Number.POSITIVE_INFINITY) {
      if (now - this.lastDelivery >= MAX_RECORD_AGE_MS) this.drainGuest();
      this.sampleMemory(false);
    }
    if (this.takeStopRequest()) return true;
    if (this.stoppable && this.control.interruptRequested() && this.interruptLands(now)) return true;
    if (now > this.deadline) {
      // The wall clock says the budget may be spent; the thread's CPU time decides, unless the
      // machine is so busy that the run has held its worker for several budgets of wall time.
      const used = this.usedMilliseconds();
      const remaining = this.budgetMs - used;
      const held = now - this.operationStart - this.pausedMs - this.blockedMs;
      const wallLimitMs = WALL_BUDGETS * this.budgetMs;
      if (remaining > 0 && held < wallLimitMs) {
        this.deadline = now + remaining;
        return false;
      }
      this.stop = { kind: "limit", limit: "cpu", cpu: { clock: remaining > 0 ? "wall" : "cpu", cpuMs: used, wallMs: held, wallLimitMs } };
      return true;
    }
    return false;
  }

  /**
   * A Ctrl-C: in a tick, it lands only where the snippet's own code runs in a task's step, so
   * that the session can go on (interrupt-landing.ts); anywhere else, after LANDING_WAIT_MS, or
   * when it is a second one, it lands at once and its session ends.
   */
  private interruptLands(now: number): boolean {
    if (this.recoverable && !this.control.interruptEndsSession()) {
      if (this.interruptSeenAt === 0) this.interruptSeenAt = now;
      if (now - this.interruptSeenAt < LANDING_WAIT_MS) {
        if (!landsInSnippet(this.probe("interruptStack"), this.resumeSites)) return false;
        this.stop = { kind: "interrupted" };
        return true;
      }
    }
    this.stop = { kind: "stopped", message: INTERRUPTED };
    return true;
  }

  /** Calls the guest from the interrupt handler; "" when the call fails (out of memory, say). */
  private probe(method: "interruptStack"): string {
    this.probing = true;
    try {
      return this.call(method);
    } catch {
      return "";
    } finally {
      this.probing = false;
    }
  }

  /** Whether the main thread asked this operation to stop; if so, the operation's stop says why. */
  private takeStopRequest(): boolean {
    const reason = this.stoppable ? this.control.stopReason() : null;
    if (reason === null) return false;
    this.stop ??= reason === "wall-time" ? this.limitReached("wall-time") : { kind: "stopped", message: STOPPED_BY_CONSUMER };
    return true;
  }

  /** The current operation's CPU time, plus time blocked in time.sleep. */
  private usedMilliseconds(): number {
    return threadCpuMilliseconds() - this.cpuAtStart + this.blockedMs;
  }

  /** Fetches records the guest holds while it computes (the guest is between two of its own steps). */
  private drainGuest(): void {
    this.draining = true;
    try {
      // Its records come through the flush host function.
      this.call("drain");
      this.lastDelivery = performance.now();
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

  /**
   * The host functions the bundle takes before any snippet runs. A snippet cannot reach them
   * (the bundle keeps them in a closure), but each still checks what it is given, as if it could.
   */
  private defineHost(): void {
    const context = this.context;
    const host = this.host;
    const refuse = (message: string) => {
      host.current.stop ??= { kind: "refused", message };
      return undefined;
    };
    const functions: { [Name in keyof GuestHost]: (...args: QuickJSHandle[]) => QuickJSHandle | undefined } = {
      flush: (records, numbers, count) => {
        if (records === undefined || context.typeof(records) !== "string") return refuse("the guest flushed records that are not text");
        const values = batchNumbers(context, numbers, count);
        if (typeof values === "string") return refuse(`the guest flushed ${values}`);
        host.current.flush(context.getString(records), values);
        return undefined;
      },
      limit: (name) => {
        const limit = name !== undefined && context.typeof(name) === "string" ? context.getString(name) : "";
        if ((LIMIT_NAMES as readonly string[]).includes(limit)) host.current.requestLimit(limit as LimitName);
        return undefined;
      },
      now: () => context.newNumber(performance.now() / 1000),
      blockingSleep: (seconds) => {
        if (!host.current.realClock) return refuse("a blocking sleep was asked for on the virtual clock, where time.sleep never blocks");
        const value = seconds !== undefined && context.typeof(seconds) === "number" ? context.getNumber(seconds) : Number.NaN;
        if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER)) return refuse("a blocking sleep of an invalid length");
        host.current.blockingSleep(value * 1000);
        return undefined;
      },
      runJobs: () => {
        host.current.runPendingJobs();
        return undefined;
      },
    };
    const hostObject = context.newObject();
    for (const [name, body] of Object.entries(functions)) {
      const fn = context.newFunction(name, body);
      context.setProp(hostObject, name, fn);
      fn.dispose();
    }
    context.setProp(context.global, HOST_GLOBAL, hostObject);
    hostObject.dispose();
  }

  /** Counts a batch against the event-bytes limit, then hands on its records if every one is valid. */
  private flush(text: string, numbers: Float64Array<ArrayBuffer>): void {
    // After a refusal nothing more is taken; after a limit, what was recorded before it still is.
    if (this.stop?.kind === "refused") return;
    this.flushedCharacters += text.length;
    if (this.flushedCharacters > this.eventBytes) {
      this.requestLimit("event-bytes");
      return;
    }
    const batch = readGuestBatch(text, numbers);
    if (!batch.ok) {
      this.stop ??= { kind: "refused", message: `the guest sent ${batch.problem}` };
      return;
    }
    // Compact records weigh what their events will (boundary/compact-batch-reader.ts), not their few digits.
    this.flushedCharacters += (batch.characters ?? text.length) - text.length;
    if (this.flushedCharacters > this.eventBytes) {
      this.requestLimit("event-bytes");
      return;
    }
    this.sink({ text, numbers });
    this.lastDelivery = performance.now();
    this.batchesSent++;
    this.sampleMemory(false);
    if (this.pausable) this.waitForConsumer();
  }

  /** Backpressure: a program run waits while its consumer is far behind. */
  private waitForConsumer(): void {
    for (;;) {
      const taken = this.control.batchesTaken();
      if (this.batchesSent - (taken - this.takenBase) <= MAX_BATCHES_IN_FLIGHT || this.takeStopRequest()) return;
      const wallLeft = this.wallDeadline - performance.now();
      if (wallLeft <= 0) {
        this.requestLimit("wall-time");
        return;
      }
      const paused = this.control.pauseUntilTaken(taken, Math.min(250, wallLeft));
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
      // Idle, not CPU, but the worker is held: never past the run's wall budget.
      const wallLeft = Math.max(0, this.wallDeadline - performance.now());
      const paused = this.control.pauseFor(Math.min(milliseconds, wallLeft));
      this.pausedMs += paused;
      this.deadline += paused;
      // A sleep cut short by a stop: the rest of the snippet must not run as if it had slept.
      this.takeStopRequest();
      if (milliseconds > wallLeft) this.requestLimit("wall-time");
      return;
    }
    const remaining = this.budgetMs - this.usedMilliseconds();
    const slept = Math.max(0, Math.min(milliseconds, remaining));
    this.control.sleep(slept);
    this.blockedMs += slept;
    this.deadline += slept;
    this.takeStopRequest();
    if (milliseconds > remaining) {
      // A session's blocking sleep counts as CPU: its worker is held for others all the same.
      const held = performance.now() - this.operationStart - this.pausedMs;
      const cpu: CpuVerdict = { clock: "cpu", cpuMs: this.usedMilliseconds(), wallMs: held, wallLimitMs: WALL_BUDGETS * this.budgetMs };
      this.stop ??= { kind: "limit", limit: "cpu", cpu };
    }
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
      // Read as one number, not dump()ed: dump serialises in the guest, with the guest's toJSON.
      const usage = this.runtime.computeMemoryUsage();
      const size = this.context.getProp(usage, "memory_used_size");
      used = this.context.typeof(size) === "number" ? this.context.getNumber(size) : 0;
      size.dispose();
      usage.dispose();
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

/**
 * An error thrown out of a guest call, read part by part: its name, message and stack may be
 * getters or huge strings a snippet wrote, so each is read as a string only and bounded.
 */
function readGuestError(context: QuickJSContext, handle: QuickJSHandle): GuestError {
  try {
    if (context.typeof(handle) !== "object")
      return { name: "", message: bounded(readText(context, handle), MAX_ERROR_MESSAGE_CHARACTERS), stack: "" };
    const part = (name: string, limit: number) => {
      const value = context.getProp(handle, name);
      try {
        return context.typeof(value) === "string" ? bounded(context.getString(value), limit) : "";
      } finally {
        value.dispose();
      }
    };
    const error = {
      name: part("name", MAX_ERROR_NAME_CHARACTERS) || "Error",
      message: part("message", MAX_ERROR_MESSAGE_CHARACTERS),
      stack: part("stack", MAX_ERROR_STACK_CHARACTERS),
    };
    return guestErrorSchema.parse(error);
  } catch {
    return { name: "InternalError", message: "an error that could not be read (out of memory?)", stack: "" };
  }
}

/** A thrown primitive as text: strings and numbers as they are, anything else by its type. */
function readText(context: QuickJSContext, handle: QuickJSHandle): string {
  const type = context.typeof(handle);
  if (type === "string") return context.getString(handle);
  if (type === "number") return String(context.getNumber(handle));
  return type;
}

/** QuickJS reports exhausted memory and stack as errors; these end the run as limits. */
export function limitRaisedAsError(error: { message: string }): LimitName | null {
  if (error.message === "out of memory") return "memory";
  if (error.message === "stack overflow" || error.message === "Maximum call stack size exceeded") return "stack";
  return null;
}
