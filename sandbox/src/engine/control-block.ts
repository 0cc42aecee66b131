// Shared memory between the main thread and one engine worker. The worker cannot read messages
// while guest code runs (QuickJS runs synchronously on its thread), so requests that must reach
// a running snippet, and facts the watchdog needs while the worker may be stuck in a native
// call, live here. Timestamps are milliseconds of performance.timeOrigin + now(), shared by threads.

const INT_FIELDS = 3;
const FLOAT_FIELDS = 4;

// Int32 fields.
/** Non-zero when the main thread asks the running operation to stop (consumer gone, session closed). */
const STOP = 0;
/** Batches the main thread's consumers have taken: the worker pauses when too far ahead. */
const TAKEN = 1;
/** The run or session whose operation is running (valid while STARTED_AT is set). */
const OPERATION = 2;

// Float64 fields.
/** When the current guest operation started; 0 when the worker is idle. */
const STARTED_AT = 0;
/** Its CPU budget in milliseconds. */
const BUDGET = 1;
/** Milliseconds it spent paused for backpressure (not guest CPU time). */
const PAUSED_TOTAL = 2;
/** When the current pause began; 0 when not paused. */
const PAUSED_SINCE = 3;

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

  requestStop(): void {
    Atomics.store(this.ints, STOP, 1);
    Atomics.notify(this.ints, STOP);
    Atomics.notify(this.ints, TAKEN);
  }

  batchTaken(): void {
    Atomics.add(this.ints, TAKEN, 1);
    Atomics.notify(this.ints, TAKEN);
  }

  /** Milliseconds of guest time the current operation has used, or null when idle. */
  activeMilliseconds(now = wallClock()): number | null {
    const startedAt = this.floats[STARTED_AT] as number;
    if (startedAt === 0) return null;
    const pausedSince = this.floats[PAUSED_SINCE] as number;
    const paused = (this.floats[PAUSED_TOTAL] as number) + (pausedSince === 0 ? 0 : now - pausedSince);
    return now - startedAt - paused;
  }

  budget(): number {
    return this.floats[BUDGET] as number;
  }

  operationId(): number {
    return Atomics.load(this.ints, OPERATION);
  }

  // Worker side.

  beginOperation(operationId: number, budgetMs: number): void {
    Atomics.store(this.ints, STOP, 0);
    Atomics.store(this.ints, OPERATION, operationId);
    this.floats[PAUSED_TOTAL] = 0;
    this.floats[PAUSED_SINCE] = 0;
    this.floats[BUDGET] = budgetMs;
    this.floats[STARTED_AT] = wallClock();
  }

  endOperation(): void {
    this.floats[STARTED_AT] = 0;
  }

  stopRequested(): boolean {
    return Atomics.load(this.ints, STOP) !== 0;
  }

  batchesTaken(): number {
    return Atomics.load(this.ints, TAKEN);
  }

  /** Blocks the thread for `milliseconds`, or until a stop is requested. */
  sleep(milliseconds: number): void {
    if (milliseconds > 0) Atomics.wait(this.ints, STOP, 0, milliseconds);
  }

  /** Blocks until a consumer takes a batch, a stop is requested or `timeoutMs` passes; returns ms paused. */
  pauseUntilTaken(taken: number, timeoutMs: number): number {
    const since = wallClock();
    this.floats[PAUSED_SINCE] = since;
    Atomics.wait(this.ints, TAKEN, taken, timeoutMs);
    const paused = wallClock() - since;
    this.floats[PAUSED_TOTAL] = (this.floats[PAUSED_TOTAL] as number) + paused;
    this.floats[PAUSED_SINCE] = 0;
    return paused;
  }
}
