// Future (CPython Lib/asyncio/futures.py). Invariants: a future completes at most once; its
// done-callbacks run through the loop's callSoon, in registration order, never inline; an
// exception set on it and never retrieved is reported when the run ends.

import { repr } from "../builtins/format.js";
import type { WaitTarget } from "../events.js";
import { addSnakeCaseAliases } from "../python-names.js";
import type { Runtime } from "../runtime.js";
import { getEventLoop } from "./events.js";
import { CancelledError, exceptionInstance, InvalidStateError, StopIteration } from "./exceptions.js";
import type { EventLoop } from "./loop.js";
import { marksTaskStep } from "./ready-queue.js";
import type { Task } from "./tasks.js";

export type FutureState = "PENDING" | "CANCELLED" | "FINISHED";
export type DoneCallback<T> = (future: Future<T>) => unknown;

/** A task waiting on a future. It registers itself, not a closure made per task (100 bytes each). */
export interface WaitingTask {
  /** Runs from the loop once the future the task waits on is done (CPython's Task.__wakeup). */
  wakeUp(): void;
}
// biome-ignore lint/suspicious/noExplicitAny: callbacks see the future whatever its result type
type Registration = DoneCallback<any> | WaitingTask;

export interface FutureOptions {
  loop?: EventLoop;
}

/** A lock or a semaphore, which knows the tasks holding it (deadlock.ts names them). */
export interface HeldResource {
  holders(): readonly Task[];
}

// The messages of CPython's C Future (_asynciomodule.c), which is what Python programs meet.
const INVALID_STATE = "invalid state";

export class Future<T = unknown> {
  protected state: FutureState = "PENDING";
  protected value: T | undefined = undefined;
  protected error: unknown = undefined;
  protected hasError = false;
  // Done-callbacks in registration order: the first in a field, as CPython's C Future keeps it,
  // the rest in an array made for a second one. Most futures get one (a task waiting), and
  // allocating none for it cut the gather bench's garbage by a tenth.
  private firstCallback: Registration | null = null;
  private laterCallbacks: Registration[] | null = null;
  protected readonly loop: EventLoop;
  // The rarely set fields are declared, not initialised, so they exist only once set: a future
  // is made with seven fields, not eleven (QuickJS adds fields one by one, ~70 ns each, and V8
  // copies every live future at each scavenge).
  /** @internal */
  declare cancelMessage?: string;
  /** The CancelledError that cancelled a task, kept so the same object is re-raised. */
  declare protected cancelledError?: CancelledError;
  /** What a task awaiting this future is shown waiting on; set by locks, queues, wait()... @internal */
  declare waitTarget?: WaitTarget;
  /** The lock or semaphore a task awaiting this future waits to take: who holds it, in deadlock reports. @internal */
  declare heldBy?: HeldResource;
  /** A number for this future in events and messages, assigned on first use (see id). */
  declare private objectId?: number;

  /**
   * `Future({loop})` as Python has it; the runtime passes its loop as `loop` instead, with no
   * options object made per future (one per task and per waiter: garbage the gather bench felt).
   */
  constructor(options?: FutureOptions, loop: EventLoop = options?.loop ?? getEventLoop()) {
    this.loop = loop;
  }

  /** A stable number for this future in events and messages, assigned on first use. */
  get id(): number {
    if (this.objectId === undefined) this.objectId = this.loop.runtime.nextObjectId();
    return this.objectId;
  }

  getLoop(): EventLoop {
    return this.loop;
  }

  done(): boolean {
    return this.state !== "PENDING";
  }

  cancelled(): boolean {
    return this.state === "CANCELLED";
  }

  cancel(message?: string): boolean {
    this.stopLogging();
    if (this.state !== "PENDING") return false;
    this.state = "CANCELLED";
    this.cancelMessage = message;
    this.scheduleCallbacks();
    return true;
  }

  result(): T {
    if (this.state === "CANCELLED") throw this.makeCancelledError();
    if (this.state !== "FINISHED") throw new InvalidStateError("Result is not set.");
    this.stopLogging();
    if (this.hasError) throw this.error;
    return this.value as T;
  }

  exception(): unknown {
    if (this.state === "CANCELLED") throw this.makeCancelledError();
    if (this.state !== "FINISHED") throw new InvalidStateError("Exception is not set.");
    this.stopLogging();
    return this.hasError ? this.error : null;
  }

  addDoneCallback(callback: DoneCallback<T>, _options?: { context?: unknown }): void {
    this.register(callback);
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    return this.unregister(callback);
  }

  /** Wakes `task` once this future is done, in order with the done-callbacks. @internal */
  addWaitingTask(task: WaitingTask): void {
    this.register(task);
  }

  /** @internal */
  removeWaitingTask(task: WaitingTask): void {
    this.unregister(task);
  }

  setResult(value: T): void {
    if (this.state !== "PENDING") throw new InvalidStateError(INVALID_STATE);
    this.value = value;
    this.state = "FINISHED";
    this.scheduleCallbacks();
  }

  setException(exception: unknown): void {
    if (this.state !== "PENDING") throw new InvalidStateError(INVALID_STATE);
    const error = exceptionInstance(exception);
    if (error instanceof StopIteration) {
      throw new TypeError("StopIteration interacts badly with generators and cannot be raised into a Future");
    }
    this.error = error;
    this.hasError = true;
    this.state = "FINISHED";
    this.scheduleCallbacks();
    this.loop.runtime.unretrieved.add(this);
  }

  /** What a task awaiting this future waits on, for the timeline and deadlock reports. @internal */
  describeWait(): WaitTarget {
    return this.waitTarget ?? { kind: "future", futureId: this.id, label: `Future #${this.id}` };
  }

  /** @internal */
  reportUnretrieved(runtime: Runtime): void {
    const kind = this.constructor.name === "Task" ? "Task" : "Future";
    runtime.writeException("stderr", `${kind} exception was never retrieved\nfuture: ${repr(this)}\n`, this.error);
  }

  /** Python's Future._make_cancelled_error. @internal */
  makeCancelledError(): CancelledError {
    if (this.cancelledError !== undefined) {
      const error = this.cancelledError;
      this.cancelledError = undefined;
      return error;
    }
    return new CancelledError(this.cancelMessage ?? undefined);
  }

  __repr__(): string {
    return `<${this.constructor.name} ${this.reprInfo().join(" ")}>`;
  }

  /** CPython's _repr_info: the words between the class name and the closing bracket. */
  protected reprInfo(): string[] {
    const info = [this.state.toLowerCase()];
    if (this.state === "FINISHED") info.push(this.hasError ? `exception=${repr(this.error)}` : `result=${repr(this.value)}`);
    return info;
  }

  protected stopLogging(): void {
    if (this.hasError) this.loop.runtime.unretrieved.delete(this);
  }

  /** Whether `callback` is the done-callback registered last: gather() uses it to spot a future given twice. @internal */
  hasLastDoneCallback(callback: DoneCallback<T>): boolean {
    const later = this.laterCallbacks;
    return later !== null && later.length > 0 ? later[later.length - 1] === callback : this.firstCallback === callback;
  }

  private register(registration: Registration): void {
    if (this.state !== "PENDING") this.schedule(registration);
    else if (this.firstCallback === null && this.laterCallbacks === null) this.firstCallback = registration;
    else (this.laterCallbacks ??= []).push(registration);
  }

  private unregister(registration: Registration): number {
    let removed = 0;
    if (this.firstCallback === registration) {
      this.firstCallback = null;
      removed++;
    }
    if (this.laterCallbacks !== null) {
      const kept = this.laterCallbacks.filter((registered) => registered !== registration);
      removed += this.laterCallbacks.length - kept.length;
      this.laterCallbacks = kept.length > 0 ? kept : null;
    }
    return removed;
  }

  private schedule(registration: Registration): void {
    if (typeof registration === "function") this.loop.ready.pushCall(registration, this);
    else this.loop.ready.pushCall(wakeUp, registration);
  }

  private scheduleCallbacks(): void {
    if (this.firstCallback !== null) this.schedule(this.firstCallback);
    if (this.laterCallbacks !== null) {
      for (const registration of this.laterCallbacks) this.schedule(registration);
    }
    this.firstCallback = null;
    this.laterCallbacks = null;
  }
}
addSnakeCaseAliases(Future);

/** The ready queue's callback for every waiting task, shared by all of them. */
function wakeUp(task: WaitingTask): void {
  task.wakeUp();
}
marksTaskStep(wakeUp);

export function isFuture(value: unknown): value is Future {
  return value instanceof Future;
}

/** futures._set_result_unless_cancelled, used by sleep(). */
export function setResultUnlessCancelled<T>(future: Future<T>, value: T): void {
  if (!future.cancelled()) future.setResult(value);
}
