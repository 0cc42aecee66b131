// The event loop (CPython Lib/asyncio/base_events.py). Invariants:
// - one iteration runs exactly the handles that were ready when it began; what they schedule
//   runs in the next iteration;
// - due timers join the ready queue in (deadline, scheduling order);
// - on the virtual clock, time moves only when nothing is ready: it jumps to the next timer;
// - with nothing ready, no timer and nothing outside the loop able to wake it, the loop can
//   never make progress, and says so with a DeadlockError instead of hanging.

import { repr } from "../builtins/format.js";
import type { Instrument } from "../instrument.js";
import { addSnakeCaseAliases } from "../python-names.js";
import { activeRuntime, formatException, type Runtime } from "../runtime.js";
import type { Clock } from "./clock.js";
import { Coroutine, isCoroutineLike } from "./coroutines.js";
import { describeDeadlock } from "./deadlock.js";
import { registerLoopClass } from "./events.js";
import { DeadlockError, isFatal, RuntimeError, ValueError } from "./exceptions.js";
import { Future } from "./futures.js";
import { type Callback, Handle, TimerHandle } from "./handles.js";
import { ReadyQueue } from "./ready-queue.js";
import { Task, type TaskOptions } from "./tasks.js";
import { TimerHeap } from "./timer-heap.js";

export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future;
  handle?: Handle;
}
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

// CPython rebuilds the heap when more than this many timers, and half of them, are cancelled.
const MIN_CANCELLED_TIMERS_TO_CLEAN = 100;

export class EventLoop {
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly instrument: Instrument | null;
  /** Tasks not yet done, in creation order (Python keeps a WeakSet of all tasks). */
  readonly liveTasks = new Set<Task>();
  currentTask: Task | null = null;
  debug = false;
  private readonly ready = new ReadyQueue();
  private readonly timers = new TimerHeap();
  private timerSequence = 0;
  private cancelledTimers = 0;
  private stopping = false;
  private running = false;
  private closed = false;
  private exceptionHandler: ExceptionHandler | null = null;
  /** Native promises awaited and not settled yet: only they can wake an otherwise idle loop. */
  private unsettledPromises = 0;
  /** The task or future whose completion the current runUntilComplete is waiting for. */
  private mainFuture: Future | null = null;

  constructor(runtime: Runtime = activeRuntime()) {
    this.runtime = runtime;
    this.clock = runtime.clock;
    this.instrument = runtime.instrument;
  }

  time(): number {
    return this.clock.now();
  }

  callSoon(callback: Callback, ...args: unknown[]): Handle {
    this.checkClosed();
    const handle = new Handle(callback, args, this);
    this.ready.push(handle);
    return handle;
  }

  /** callSoon for the runtime's own hot paths: no rest-argument array, no closed check. */
  scheduleInternal(callback: Callback, args: unknown[]): void {
    this.ready.push(new Handle(callback, args, this));
  }

  callLater(delay: number, callback: Callback, ...args: unknown[]): TimerHandle {
    if (typeof delay !== "number" || Number.isNaN(delay)) throw new TypeError("delay must be a number of seconds");
    return this.callAt(this.time() + delay, callback, ...args);
  }

  callAt(when: number, callback: Callback, ...args: unknown[]): TimerHandle {
    this.checkClosed();
    const timer = new TimerHandle(when, this.timerSequence++, callback, args, this);
    this.timers.push(timer);
    return timer;
  }

  timerCancelled(_timer: TimerHandle): void {
    this.cancelledTimers++;
  }

  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  createTask<T = unknown>(coroutine: Coroutine<T> | Generator, options?: TaskOptions): Task<T> {
    this.checkClosed();
    return new Task<T>(coroutine, { ...options, loop: this });
  }

  isRunning(): boolean {
    return this.running;
  }

  isClosed(): boolean {
    return this.closed;
  }

  stop(): void {
    this.stopping = true;
  }

  close(): void {
    if (this.running) throw new RuntimeError("Cannot close a running event loop");
    if (this.closed) return;
    this.closed = true;
    this.timers.removeCancelled();
    while (this.ready.length > 0) this.ready.shift();
    while (this.timers.size > 0) this.timers.pop();
  }

  runForever(): void {
    this.checkClosed();
    this.checkNotRunning();
    const previousLoop = this.runtime.runningLoop;
    this.running = true;
    this.runtime.runningLoop = this;
    try {
      for (;;) {
        this.runOnce();
        if (this.stopping) break;
      }
    } finally {
      this.stopping = false;
      this.running = false;
      this.runtime.runningLoop = previousLoop;
    }
  }

  runUntilComplete<T>(awaitable: Future<T> | Coroutine<T> | PromiseLike<T>): T {
    this.checkClosed();
    this.checkNotRunning();
    const isNewTask = !(awaitable instanceof Future);
    const future = ensureFutureOn(this, awaitable) as Future<T>;
    const stopWhenDone = () => this.stop();
    future.addDoneCallback(stopWhenDone);
    const previousMain = this.mainFuture;
    this.mainFuture = future as Future;
    try {
      this.runForever();
    } catch (error) {
      // The loop broke out with an error: the task's own exception is not lost, only unlogged.
      if (isNewTask && future.done() && !future.cancelled()) future.exception();
      throw error;
    } finally {
      this.mainFuture = previousMain;
      future.removeDoneCallback(stopWhenDone);
    }
    if (!future.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return future.result();
  }

  /** Runs until nothing is ready and no timer is left: how top-level timers run after a script. */
  runUntilIdle(): void {
    this.checkClosed();
    this.checkNotRunning();
    const previousLoop = this.runtime.runningLoop;
    this.running = true;
    this.runtime.runningLoop = this;
    try {
      for (;;) {
        this.dropCancelledTimersAtTop();
        if (this.ready.length === 0 && this.timers.size === 0) break;
        this.runOnce();
      }
    } finally {
      this.running = false;
      this.runtime.runningLoop = previousLoop;
    }
  }

  /**
   * One iteration for a host that drives the loop from its own event loop (the real-clock REPL):
   * runs what is ready or due and returns the seconds until the loop next needs a tick, 0 if
   * it has ready work, or null when only outside events (new input, a promise) can wake it.
   */
  tick(): number | null {
    this.checkClosed();
    const previousLoop = this.runtime.runningLoop;
    this.running = true;
    this.runtime.runningLoop = this;
    try {
      this.runReadyAndDue();
    } finally {
      this.running = false;
      this.runtime.runningLoop = previousLoop;
    }
    if (this.ready.length > 0) return 0;
    this.dropCancelledTimersAtTop();
    const next = this.timers.peek();
    return next === undefined ? null : Math.max(0, next.when() - this.time());
  }

  handleCallbackError(error: unknown, message: string): void {
    if (isFatal(error)) throw error;
    this.callExceptionHandler({ message, exception: error });
  }

  callExceptionHandler(context: ExceptionContext): void {
    if (this.exceptionHandler) {
      try {
        this.exceptionHandler(this, context);
        return;
      } catch (error) {
        if (isFatal(error)) throw error;
        this.defaultExceptionHandler({ message: "Unhandled error in exception handler", exception: error });
      }
    }
    this.defaultExceptionHandler(context);
  }

  defaultExceptionHandler(context: ExceptionContext): void {
    let text = context.message;
    if (context.future) text += `\nfuture: ${repr(context.future)}`;
    if (context.exception !== undefined) text += `\n${formatException(context.exception)}`;
    this.runtime.write("stderr", `${text}\n`);
  }

  setExceptionHandler(handler: ExceptionHandler | null): void {
    this.exceptionHandler = handler;
  }

  getExceptionHandler(): ExceptionHandler | null {
    return this.exceptionHandler;
  }

  getDebug(): boolean {
    return this.debug;
  }

  setDebug(enabled: boolean): void {
    this.debug = enabled;
  }

  /** Wraps an awaited native promise or thenable in a Future of this loop. */
  futureFromThenable<T>(thenable: PromiseLike<T>): Future<T> {
    const future = this.createFuture<T>();
    future.waitTarget = { kind: "promise", label: "a promise" };
    this.unsettledPromises++;
    thenable.then(
      (value) => {
        this.unsettledPromises--;
        if (!future.done()) future.setResult(value);
      },
      (error: unknown) => {
        this.unsettledPromises--;
        if (!future.done()) future.setException(error);
      },
    );
    return future;
  }

  shutdownAsyncgens(): Coroutine<void> {
    return Coroutine.fromFunction("shutdown_asyncgens", function* () {});
  }

  __repr__(): string {
    return `<EventLoop running=${this.running ? "True" : "False"} closed=${this.closed ? "True" : "False"} debug=${this.debug ? "True" : "False"}>`;
  }

  private runOnce(): void {
    if (this.unsettledPromises > 0) this.runtime.host.runMicrotasks?.();
    this.dropCancelledTimersAtTop();
    if (this.ready.length === 0 && !this.stopping) {
      const next = this.timers.peek();
      if (next === undefined) throw this.deadlock();
      const wait = next.when() - this.time();
      if (wait > 0) this.clock.sleep(wait);
    }
    this.runReadyAndDue();
  }

  private runReadyAndDue(): void {
    const now = this.time();
    for (let timer = this.timers.peek(); timer !== undefined && timer.when() <= now; timer = this.timers.peek()) {
      this.timers.pop();
      if (!timer.cancelled()) this.ready.push(timer);
      else this.cancelledTimers--;
    }
    // Only what was ready when the iteration began: callbacks scheduled now wait for the next.
    for (let count = this.ready.length; count > 0; count--) {
      const handle = this.ready.shift();
      if (!handle.cancelled()) handle.run();
    }
  }

  private dropCancelledTimersAtTop(): void {
    if (this.cancelledTimers > MIN_CANCELLED_TIMERS_TO_CLEAN && this.cancelledTimers * 2 > this.timers.size) {
      this.timers.removeCancelled();
      this.cancelledTimers = 0;
      return;
    }
    for (let timer = this.timers.peek(); timer?.cancelled(); timer = this.timers.peek()) {
      this.timers.pop();
      this.cancelledTimers--;
    }
  }

  private deadlock(): DeadlockError {
    if (this.unsettledPromises > 0 && this.runtime.host.runMicrotasks === undefined) {
      return new DeadlockError(
        "the loop is idle, waiting only on native promises, and this host cannot run promise jobs during a synchronous run",
      );
    }
    return new DeadlockError(describeDeadlock(this.mainFuture, this.liveTasks));
  }

  private checkClosed(): void {
    if (this.closed) throw new RuntimeError("Event loop is closed");
  }

  private checkNotRunning(): void {
    if (this.running) throw new RuntimeError("This event loop is already running");
    if (this.runtime.runningLoop !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }
}
addSnakeCaseAliases(EventLoop);

/** ensure_future: a Future as is, a coroutine as a new Task, a thenable as a Future. */
export function ensureFutureOn<T>(loop: EventLoop, awaitable: unknown, options?: TaskOptions): Future<T> {
  if (awaitable instanceof Future) {
    if (awaitable.getLoop() !== loop) {
      throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
    }
    return awaitable as Future<T>;
  }
  if (isCoroutineLike(awaitable)) return loop.createTask(awaitable as Coroutine<T>, options);
  if (awaitable !== null && typeof awaitable === "object" && typeof (awaitable as PromiseLike<T>).then === "function") {
    return loop.futureFromThenable(awaitable as PromiseLike<T>);
  }
  throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required, got ${repr(awaitable)}`);
}

registerLoopClass((runtime) => new EventLoop(runtime));
