// The loop's FIFO of ready callbacks: a ring buffer, so taking from the front is O(1) and
// running allocates nothing. An entry is a Handle, or one of the runtime's own callbacks with
// its one argument (a task step, a done-callback) kept in two parallel slots: no Handle object
// per call (two per task in the gather bench, one per step everywhere). Such an entry becomes an
// InternalHandle only if its callback raises, for the exception handler to show.
// With an instrument, each entry also keeps the step that scheduled it, and each entry run is
// a numbered step; without one, that costs a null check per entry.

import type { Instrument } from "../instrument.js";
import { type Callback, Handle, InternalHandle, TimerHandle } from "./handles.js";
import type { EventLoop } from "./loop.js";

const INITIAL_CAPACITY = 16;

/**
 * Marks the runtime's callbacks that run a task's step, which records itself (tasks.ts): a
 * property of the function, which QuickJS reads for less than a call to look it up elsewhere.
 * Snippets cannot reach the symbol.
 */
const TASK_STEP = Symbol("runs a task's step");

type MarkedCallback = Callback & { [TASK_STEP]?: true };

export function marksTaskStep<A>(callback: (argument: A) => unknown): void {
  (callback as MarkedCallback)[TASK_STEP] = true;
}

export class ReadyQueue {
  private callbacks: (Handle | Callback | undefined)[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private callArguments: unknown[] = new Array(INITIAL_CAPACITY).fill(undefined);
  /** Parallel to the entries, with an instrument: the step each was scheduled in. */
  private scheduledBy: number[] | null;
  /** capacity - 1; the capacity is a power of two. */
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private count = 0;

  constructor(private readonly instrument: Instrument | null) {
    this.scheduledBy = instrument === null ? null : new Array(INITIAL_CAPACITY).fill(0);
  }

  get length(): number {
    return this.count;
  }

  push(handle: Handle): void {
    this.pushCall(handle as unknown as Callback, undefined);
  }

  /** A runtime callback of one argument, run as `callback(argument)`, or a Handle (from push). Every task step comes through here. */
  pushCall<A>(callback: (argument: A) => unknown, argument: A): void {
    if (this.count > this.mask) this.grow();
    const index = (this.head + this.count) & this.mask;
    const entry = callback as Callback;
    this.callbacks[index] = entry;
    this.callArguments[index] = argument;
    // A due timer was scheduled when it was set, not now (outside any step).
    if (this.scheduledBy !== null)
      this.scheduledBy[index] = entry instanceof TimerHandle ? entry.scheduledBy : (this.instrument as Instrument).currentStep;
    this.count++;
  }

  /**
   * Runs the entries ready now, in order, and not those they add, which wait for the next
   * iteration; a cancelled Handle is dropped.
   */
  runCurrent(loop: EventLoop): void {
    const instrument = this.instrument;
    for (let count = this.count; count > 0; count--) {
      // The first entry taken off, inline: this runs once per step.
      const head = this.head;
      const entry = this.callbacks[head] as Handle | Callback;
      const argument = this.callArguments[head];
      const scheduledBy = this.scheduledBy === null ? 0 : (this.scheduledBy[head] as number);
      if (this.scheduledBy !== null) this.scheduledBy[head] = 0;
      this.callbacks[head] = undefined;
      this.callArguments[head] = undefined;
      this.head = (head + 1) & this.mask;
      this.count--;
      if (instrument !== null) recordedStep(instrument, entry, argument, loop, scheduledBy);
      else if (entry instanceof Handle) {
        // run()'s body, written out: this runs once per step.
        if (!entry.cancelled()) entry.run();
      } else {
        try {
          entry(argument);
        } catch (error) {
          new InternalHandle(entry, argument, loop).reportException(error);
        }
      }
    }
  }

  clear(): void {
    this.callbacks.fill(undefined);
    this.callArguments.fill(undefined);
    this.scheduledBy?.fill(0);
    this.head = 0;
    this.count = 0;
  }

  /** Doubles the capacity, moving the entries to the front in order. */
  private grow(): void {
    const capacity = 2 * (this.mask + 1);
    const callbacks: (Handle | Callback | undefined)[] = new Array(capacity).fill(undefined);
    const callArguments: unknown[] = new Array(capacity).fill(undefined);
    const scheduledBy = this.scheduledBy === null ? null : new Array<number>(capacity).fill(0);
    for (let offset = 0; offset < this.count; offset++) {
      const index = (this.head + offset) & this.mask;
      callbacks[offset] = this.callbacks[index];
      callArguments[offset] = this.callArguments[index];
      if (scheduledBy !== null) scheduledBy[offset] = this.scheduledBy?.[index] ?? 0;
    }
    this.callbacks = callbacks;
    this.callArguments = callArguments;
    this.scheduledBy = scheduledBy;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

/**
 * An entry run as a numbered step: a callback records itself here, a task's step in Task.step.
 * runCurrent's body is repeated rather than called: this runs at every step of a recorded run.
 */
function recordedStep(instrument: Instrument, entry: Handle | Callback, argument: unknown, loop: EventLoop, scheduledBy: number): void {
  const outer = instrument.currentStep;
  try {
    if (entry instanceof Handle) {
      if (entry.cancelled()) return;
      instrument.beginStep(scheduledBy);
      instrument.callbackStep(entry.callbackName(), entry instanceof TimerHandle);
      entry.run();
      return;
    }
    instrument.beginStep(scheduledBy);
    if ((entry as MarkedCallback)[TASK_STEP] !== true) instrument.callbackStep(entry.name || "<lambda>", false);
    try {
      entry(argument);
    } catch (error) {
      new InternalHandle(entry, argument, loop).reportException(error);
    }
  } finally {
    instrument.currentStep = outer;
  }
}
