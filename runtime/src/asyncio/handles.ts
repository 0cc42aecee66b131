// Handles returned by callSoon/callLater/callAt (CPython events.Handle and TimerHandle).

import { repr } from "../builtins/format.js";
import { isFatal } from "./exceptions.js";
import type { EventLoop } from "./loop.js";

// biome-ignore lint/suspicious/noExplicitAny: callbacks take whatever the caller passes
export type Callback = (...args: any[]) => unknown;

export class Handle {
  protected callback: Callback | null;
  protected args: unknown[] | null;
  private isCancelled = false;

  constructor(
    callback: Callback,
    args: unknown[] | null,
    readonly loop: EventLoop,
  ) {
    this.callback = callback;
    this.args = args;
  }

  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    // Drop references so a cancelled far-future timer does not keep its closure alive.
    this.callback = null;
    this.args = null;
  }

  cancelled(): boolean {
    return this.isCancelled;
  }

  /** The callback's name, as a step of the loop shows it. */
  callbackName(): string {
    return this.callback?.name || "<lambda>";
  }

  /** Runs the callback; an exception goes to the loop's exception handler, as in CPython. */
  run(): void {
    const callback = this.callback as Callback;
    try {
      this.invoke(callback);
    } catch (error) {
      this.reportException(error);
    }
  }

  /** What run() does with an exception from the callback. */
  reportException(error: unknown): void {
    if (isFatal(error)) throw error;
    this.loop.callExceptionHandler({
      message: `Exception in callback ${this.describeCallback(this.callback as Callback)}`,
      exception: error,
      handle: this,
    });
  }

  protected invoke(callback: Callback): void {
    callback.apply(undefined, this.args as unknown[]);
  }

  protected callArguments(): unknown[] {
    return this.args ?? [];
  }

  protected describeCallback(callback: Callback): string {
    const args = this.callArguments()
      .map((arg) => repr(arg))
      .join(", ");
    return `${callback.name || "<lambda>"}(${args})`;
  }

  __repr__(): string {
    if (this.isCancelled) return "<Handle cancelled>";
    return `<Handle ${this.describeCallback(this.callback as Callback)}>`;
  }
}

/**
 * A runtime callback of one argument (a task's step, a future's done-callback), which the
 * ready queue keeps without a handle: it makes one only to report an exception the callback
 * raised. Never cancelled.
 */
export class InternalHandle extends Handle {
  constructor(
    callback: Callback,
    private readonly argument: unknown,
    loop: EventLoop,
  ) {
    super(callback, null, loop);
  }

  protected override invoke(callback: Callback): void {
    callback(this.argument);
  }

  protected override callArguments(): unknown[] {
    return [this.argument];
  }
}

export class TimerHandle extends Handle {
  /** In the loop's heap: only then does cancelling it count towards the heap's clean-up. */
  scheduled = false;
  /** The step that set the timer, when steps are recorded. */
  scheduledBy = 0;
  /** The timer heap's: the next timer of the same deadline, and at a list's head, its last (timer-heap.ts). */
  nextSameDeadline: TimerHandle | null = null;
  sameDeadlineTail: TimerHandle | null = null;

  constructor(
    /** when(), as a field the timer heap compares without a call. */
    readonly deadline: number,
    callback: Callback,
    args: unknown[] | null,
    loop: EventLoop,
  ) {
    super(callback, args, loop);
  }

  when(): number {
    return this.deadline;
  }

  override cancel(): void {
    if (!this.cancelled() && this.scheduled) this.loop.timerCancelled(this);
    super.cancel();
  }

  override __repr__(): string {
    if (this.cancelled()) return `<TimerHandle cancelled when=${this.deadline}>`;
    return `<TimerHandle when=${this.deadline} ${this.describeCallback(this.callback as Callback)}>`;
  }
}

/** A timer for a runtime callback of one argument (a sleep's wake-up): no argument array. */
export class InternalTimerHandle extends TimerHandle {
  constructor(
    deadline: number,
    callback: Callback,
    private argument: unknown,
    loop: EventLoop,
  ) {
    super(deadline, callback, null, loop);
  }

  override cancel(): void {
    super.cancel();
    this.argument = undefined;
  }

  protected override invoke(callback: Callback): void {
    callback(this.argument);
  }

  protected override callArguments(): unknown[] {
    return [this.argument];
  }
}
