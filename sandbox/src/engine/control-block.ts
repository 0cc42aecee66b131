// Shared memory between the main thread and one engine worker. The worker cannot read messages
// while guest code runs (QuickJS runs synchronously on its thread), so requests that must reach
// a running snippet, and facts the watchdog needs while the worker may be stuck in a native
// call, live here. Timestamps are milliseconds of performance.timeOrigin + now(), shared by
// threads; CPU times are the worker thread's (thread-cpu.ts), which the main thread can read too.

import { otherThreadCpuMilliseconds } from "./thread-cpu.js";

const INT_FIELDS = 9;
const FLOAT_FIELDS = 5;

// Int32 fields.
/**
 * The operation the main thread asked to stop, 0 for none; only the main thread writes it, and
 * never clears it. A stop names its operation, so one asked before the operation began is kept,
 * and one that arrives after it ended never reaches the next.
 */
const STOP = 0;
/** Batches the main thread's consumers have taken: the worker pauses when too far ahead. */
const TAKEN = 1;
/** The run or session whose operation is running, 0 between operations. */
const OPERATION = 2;
/** The worker thread's kernel id, 0 when unknown. */
const THREAD = 3;
/** Messages the main thread posted that the worker has not yet taken up: others waiting for it. */
const PENDING = 4;
/** The STOP_CODES of the stop's reason, written before STOP. */
const STOP_REASON = 5;
/** Counts the operations begun, so a request can name one operation, never a later one. */
const SEQUENCE = 6;
/** The SEQUENCE of the operation the main thread asked to interrupt (Ctrl-C in a REPL); one-shot. Minus it once that operation ended. */
const INTERRUPT = 7;
/** The SEQUENCE of the operation to interrupt wherever it stands, ending its session (a second Ctrl-C). */
const INTERRUPT_ENDS = 8;

// Float64 fields.
/** When the current guest operation started; 0 when the worker is idle. */
const STARTED_AT = 0;
/** Its CPU budget in milliseconds. */
const BUDGET = 1;
/** Milliseconds it spent paused for backpressure (not guest CPU time). */
const PAUSED_TOTAL = 2;
/** When the current pause began; 0 when not paused. */
const PAUSED_SINCE = 3;
/** The worker thread's CPU milliseconds when the operation started. */
const CPU_AT_START = 4;

/** Why the main thread stops an operation: its consumer is gone, or the run's wall budget is spent. */
export type StopReason = "consumer" | "wall-time";
const STOP_CODES: Record<StopReason, number> = { consumer: 1, "wall-time": 2 };

export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export class ControlBlock {
  readonly buffer: SharedArrayBuffer;
  private readonly floats: Float64Array;
  private readonly ints: Int32Array;

  constructor(buffer = new SharedArrayBuffer(FLOAT_FIELDS * 8 + INT_FIELDS * 4)) {
    this.buffer = buffer;
    this.floats = new Float64Array(buffer, 0, FLOAT_FIELDS);
    this.ints = new Int32Array(buffer, FLOAT_FIELDS * 8, INT_FIELDS);
  }

  // Main thread side.

  /** Asks operation `operationId` to stop, whether it runs now, later or ended; the first reason asked for wins. */
  requestStop(operationId: number, reason: StopReason = "consumer"): void {
    if (Atomics.load(this.ints, STOP) === operationId) return;
    Atomics.store(this.ints, STOP_REASON, STOP_CODES[reason]);
    Atomics.store(this.ints, STOP, operationId);
    Atomics.notify(this.ints, STOP);
    Atomics.notify(this.ints, TAKEN);
  }

  /**
   * Asks the operation running now to stop if it is one of `operationId`'s (a session computing
   * without pause, which Ctrl-C interrupts); false when none of its operations runs. Unlike a
   * stop, it names this one operation: a request that comes late never reaches the next.
   * `endsSession`: interrupt it wherever it stands, which ends the session, rather than where
   * the session can go on (engine/interrupt-landing.ts).
   */
  requestInterrupt(operationId: number, endsSession = false): boolean {
    const sequence = Atomics.load(this.ints, SEQUENCE);
    if (Atomics.load(this.ints, OPERATION) !== operationId || Atomics.load(this.ints, SEQUENCE) !== sequence) return false;
    const before = Atomics.load(this.ints, INTERRUPT);
    if (before === -sequence) return false;
    if (endsSession) Atomics.store(this.ints, INTERRUPT_ENDS, sequence);
    // The worker closes the word as the operation ends (endOperation): a request either lands
    // before that, and the worker sees it, or finds the word closed and says none runs.
    const current = Atomics.compareExchange(this.ints, INTERRUPT, before, sequence);
    return current === before || current === sequence;
  }

  batchTaken(): void {
    Atomics.add(this.ints, TAKEN, 1);
    Atomics.notify(this.ints, TAKEN);
  }

  messagePosted(): void {
    Atomics.add(this.ints, PENDING, 1);
  }

  /** Milliseconds of guest time the current operation has used, or null when idle. */
  activeMilliseconds(now = wallClock()): number | null {
    const startedAt = this.floats[STARTED_AT] as number;
    if (startedAt === 0) return null;
    const pausedSince = this.floats[PAUSED_SINCE] as number;
    const paused = (this.floats[PAUSED_TOTAL] as number) + (pausedSince === 0 ? 0 : now - pausedSince);
    return now - startedAt - paused;
  }

  /** Milliseconds of CPU the current operation has used, or null when idle or not measurable. */
  activeCpuMilliseconds(): number | null {
    const thread = Atomics.load(this.ints, THREAD);
    if (thread === 0 || (this.floats[STARTED_AT] as number) === 0) return null;
    const cpu = otherThreadCpuMilliseconds(thread);
    return cpu === null ? null : cpu - (this.floats[CPU_AT_START] as number);
  }

  budget(): number {
    return this.floats[BUDGET] as number;
  }

  operationId(): number {
    return Atomics.load(this.ints, OPERATION);
  }

  // Worker side.

  setThreadId(threadId: number | null): void {
    Atomics.store(this.ints, THREAD, threadId ?? 0);
  }

  beginOperation(operationId: number, budgetMs: number, cpuAtStart: number): void {
    this.floats[CPU_AT_START] = cpuAtStart;
    Atomics.add(this.ints, SEQUENCE, 1);
    Atomics.store(this.ints, OPERATION, operationId);
    this.floats[PAUSED_TOTAL] = 0;
    this.floats[PAUSED_SINCE] = 0;
    this.floats[BUDGET] = budgetMs;
    this.floats[STARTED_AT] = wallClock();
  }

  /** Ends the current operation; true when an interrupt was asked of it that it never took (a Ctrl-C that came too late to land). */
  endOperation(): boolean {
    this.floats[STARTED_AT] = 0;
    // Between operations no stop applies: the worker makes spare contexts then, under the same control block.
    Atomics.store(this.ints, OPERATION, 0);
    const sequence = Atomics.load(this.ints, SEQUENCE);
    return Atomics.exchange(this.ints, INTERRUPT, -sequence) === sequence;
  }

  /** Whether the current operation (the last one begun) was asked to stop. */
  stopRequested(): boolean {
    const stop = Atomics.load(this.ints, STOP);
    return stop !== 0 && stop === Atomics.load(this.ints, OPERATION);
  }

  /** Whether the main thread asked to interrupt the current operation (requestInterrupt). */
  interruptRequested(): boolean {
    return Atomics.load(this.ints, OPERATION) !== 0 && Atomics.load(this.ints, INTERRUPT) === Atomics.load(this.ints, SEQUENCE);
  }

  /** Whether the interrupt requested may end the session (requestInterrupt's `endsSession`). */
  interruptEndsSession(): boolean {
    return Atomics.load(this.ints, INTERRUPT_ENDS) === Atomics.load(this.ints, SEQUENCE);
  }

  stopReason(): StopReason | null {
    if (!this.stopRequested()) return null;
    return Atomics.load(this.ints, STOP_REASON) === STOP_CODES["wall-time"] ? "wall-time" : "consumer";
  }

  messageTaken(): void {
    Atomics.sub(this.ints, PENDING, 1);
  }

  /** Whether messages wait behind the current operation (another session's input, say). */
  messagesWaiting(): boolean {
    return Atomics.load(this.ints, PENDING) > 0;
  }

  batchesTaken(): number {
    return Atomics.load(this.ints, TAKEN);
  }

  /** Blocks the thread for `milliseconds`, or until the current operation is asked to stop. */
  sleep(milliseconds: number): void {
    const until = performance.now() + milliseconds;
    for (;;) {
      const left = until - performance.now();
      // STOP is read once, before the check, and the wait is on that value: a stop that comes
      // after the check changes STOP, so the wait returns at once instead of sleeping through it.
      const stop = Atomics.load(this.ints, STOP);
      if (left <= 0 || (stop !== 0 && stop === Atomics.load(this.ints, OPERATION))) return;
      // Wakes when STOP changes (a stop for another operation just waits again).
      Atomics.wait(this.ints, STOP, stop, left);
    }
  }

  /** Blocks until a consumer takes a batch, a stop is requested or `timeoutMs` passes; returns ms paused. */
  pauseUntilTaken(taken: number, timeoutMs: number): number {
    return this.paused(() => Atomics.wait(this.ints, TAKEN, taken, timeoutMs));
  }

  /** Blocks for `milliseconds` (or until a stop is requested) as a pause, not as guest work; returns ms paused. */
  pauseFor(milliseconds: number): number {
    return this.paused(() => this.sleep(milliseconds));
  }

  private paused(wait: () => unknown): number {
    const since = wallClock();
    this.floats[PAUSED_SINCE] = since;
    wait();
    const paused = wallClock() - since;
    this.floats[PAUSED_TOTAL] = (this.floats[PAUSED_TOTAL] as number) + paused;
    this.floats[PAUSED_SINCE] = 0;
    return paused;
  }
}
