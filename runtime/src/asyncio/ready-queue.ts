// The loop's FIFO of ready callbacks: a ring buffer, so taking from the front is O(1) and
// running allocates nothing. An entry is a Handle, or one of the runtime's own callbacks with
// its one argument (a task step, a done-callback) kept in two parallel slots: no Handle object
// per call (two per task in the gather bench, one per step everywhere). Such an entry becomes an
// InternalHandle only if its callback raises, for the exception handler to show.

import { type Callback, Handle, InternalHandle } from "./handles.js";
import type { EventLoop } from "./loop.js";

const INITIAL_CAPACITY = 16;

export class ReadyQueue {
  private callbacks: (Handle | Callback | undefined)[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private callArguments: unknown[] = new Array(INITIAL_CAPACITY).fill(undefined);
  /** capacity - 1; the capacity is a power of two. */
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(handle: Handle): void {
    this.add(handle, undefined);
  }

  /** A runtime callback of one argument, run as `callback(argument)`. */
  pushCall<A>(callback: (argument: A) => unknown, argument: A): void {
    this.add(callback as Callback, argument);
  }

  /**
   * Runs the entries ready now, in order, and not those they add, which wait for the next
   * iteration; a cancelled Handle is dropped.
   */
  runCurrent(loop: EventLoop): void {
    for (let count = this.count; count > 0; count--) {
      const entry = this.callbacks[this.head] as Handle | Callback;
      const argument = this.callArguments[this.head];
      this.dropFirst();
      if (entry instanceof Handle) {
        if (!entry.cancelled()) entry.run();
        continue;
      }
      try {
        entry(argument);
      } catch (error) {
        new InternalHandle(entry, argument, loop).reportException(error);
      }
    }
  }

  clear(): void {
    while (this.count > 0) this.dropFirst();
  }

  private dropFirst(): void {
    this.callbacks[this.head] = undefined;
    this.callArguments[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.count--;
  }

  private add(entry: Handle | Callback, argument: unknown): void {
    if (this.count > this.mask) this.grow();
    const index = (this.head + this.count) & this.mask;
    this.callbacks[index] = entry;
    this.callArguments[index] = argument;
    this.count++;
  }

  /** Doubles the capacity, moving the entries to the front in order. */
  private grow(): void {
    const capacity = 2 * (this.mask + 1);
    const callbacks: (Handle | Callback | undefined)[] = new Array(capacity).fill(undefined);
    const callArguments: unknown[] = new Array(capacity).fill(undefined);
    for (let offset = 0; offset < this.count; offset++) {
      const index = (this.head + offset) & this.mask;
      callbacks[offset] = this.callbacks[index];
      callArguments[offset] = this.callArguments[index];
    }
    this.callbacks = callbacks;
    this.callArguments = callArguments;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
