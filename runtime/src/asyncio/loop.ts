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
import { activeRuntime, type Runtime } from "../runtime.js";
import type { Clock } from "./clock.js";
import { Coroutine, isCoroutineLike } from "./coroutines.js";
import { deadlockGraph, describeDeadlock } from "./deadlock.js";
import { registerLoopClass } from "./events.js";
import { BaseException, DeadlockError, isFatal, RuntimeError, ValueError } from "./exceptions.js";
import { ThreadPoolExecutor } from "./executor.js";
import { Future } from "./futures.js";
import { gather } from "./gather.js";
import { type Callback, Handle, InternalTimerHandle, TimerHandle } from "./handles.js";
import { LiveTasks } from "./live-tasks.js";
import { ReadyQueue } from "./ready-queue.js";
import { Task, type TaskFactory, type TaskOptions } from "./tasks.js";
import { TimerHeap } from "./timer-heap.js";
import { wrapFuture } from "./wrap-future.js";

/** What call_exception_handler receives: a message and any of CPython's context keys. */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future;
  task?: Future;
  handle?: Handle;
  [key: string]: unknown;
}

/** What shutdownAsyncgens closes: an async generator first iterated on this loop. */
export interface LoopAsyncGenerator {
  aclose(): Coroutine<void>;
}
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

// CPython rebuilds the heap when more than this many timers, and half of them, are cancelled.
const MIN_CANCELLED_TIMERS_TO_CLEAN = 100;

export class EventLoop {
  /** @internal */
  readonly runtime: Runtime;
  /** @internal */
  readonly clock: Clock;
  /** @internal */
  readonly instrument: Instrument | null;
  /** Tasks not yet done, in creation order (Python keeps a WeakSet of all tasks). @internal */
  readonly liveTasks = new LiveTasks<Task>();
  /** @internal */
  currentTask: Task | null = null;
  private taskFactory: TaskFactory | null = null;
  /** @internal */
  debug = false;
  /** Task steps and done-callbacks are pushed on it directly (pushCall): no Handle, and no call to the loop first. @internal */
  readonly ready: ReadyQueue;
  private readonly timers = new TimerHeap();
  private cancelledTimers = 0;
  private stopping = false;
  private running = false;
  private closed = false;
  private exceptionHandler: ExceptionHandler | null = null;
  /** Native promises awaited and not settled yet: only they can wake an otherwise idle loop. */
  private unsettledPromises = 0;
  /** The task or future whose completion the current runUntilComplete is waiting for. */
  private mainFuture: Future | null = null;
  /** Async generators started on this loop and not finished (CPython's _asyncgens). @internal */
  readonly asyncGenerators = new Set<LoopAsyncGenerator>();
  /** What runInExecutor(null, ...) uses, made on first use (CPython's _default_executor). */
  private defaultExecutor: ThreadPoolExecutor | null = null;
  private executorShutdownCalled = false;

  constructor(runtime: Runtime = activeRuntime()) {
    this.runtime = runtime;
    this.clock = runtime.clock;
    this.instrument = runtime.instrument;
    this.ready = new ReadyQueue(this.instrument);
    runtime.loops.add(this);
  }

  /** At exit, CPython collects the tasks still pending (Task.destroyPending); the run's end stands for the exit. @internal */
  destroyPendingTasks(): void {
    for (const task of [...this.liveTasks]) task.destroyPending();
  }

  time(): number {
    return this.clock.now();
  }

  callSoon(callback: Callback, ...args: unknown[]): Handle {
    this.checkClosed();
    checkCallback(callback, "call_soon");
    const handle = new Handle(callback, args, this);
    this.ready.push(handle);
    return handle;
  }

  /** callSoon for the runtime's own hot paths: no rest-argument array, no closed check. @internal */
  scheduleInternal(callback: Callback, args: unknown[]): void {
    this.ready.push(new Handle(callback, args, this));
  }

  callLater(delay: number, callback: Callback, ...args: unknown[]): TimerHandle {
    if (typeof delay !== "number" || Number.isNaN(delay)) throw new TypeError("delay must be a number of seconds");
    return this.callAt(this.time() + delay, callback, ...args);
  }

  callAt(when: number, callback: Callback, ...args: unknown[]): TimerHandle {
    this.checkClosed();
    checkCallback(callback, "call_at");
    return this.addTimer(new TimerHandle(when, callback, args, this));
  }

  /** callAt for a runtime callback of one argument (a sleep's wake-up): no argument array. @internal */
  callAtWithArgument<A>(when: number, callback: (argument: A) => unknown, argument: A): TimerHandle {
    this.checkClosed();
    return this.addTimer(new InternalTimerHandle(when, callback, argument, this));
  }

  private addTimer(timer: TimerHandle): TimerHandle {
    if (this.instrument !== null) timer.scheduledBy = this.instrument.currentStep;
    this.timers.push(timer);
    return timer;
  }

  /** @internal */
  timerCancelled(_timer: TimerHandle): void {
    this.cancelledTimers++;
  }

  createFuture<T = unknown>(): Future<T> {
    return new Future<T>(undefined, this);
  }

  createTask<T = unknown>(coroutine: Coroutine<T> | Generator, options?: TaskOptions): Task<T> {
    this.checkClosed();
    if (this.taskFactory !== null) return this.taskFactory(this, coroutine, options) as Task<T>;
    return new Task<T>(coroutine, options, this);
  }

  /** `factory(loop, coro, options)` makes the loop's tasks from now on; null for the plain Task. */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory != null && typeof factory !== "function") throw new TypeError("task factory must be a callable or None");
    this.taskFactory = factory ?? null;
  }

  getTaskFactory(): TaskFactory | null {
    return this.taskFactory;
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
    this.ready.clear();
    while (this.timers.size > 0) this.timers.pop();
    // With no task pending it has nothing to report at the run's end: a session that runs many
    // asyncio.run()s does not keep their loops.
    if (this.liveTasks[Symbol.iterator]().next().done === true) this.runtime.loops.delete(this);
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

  /** Runs until nothing is ready and no timer is left: how top-level timers run after a script. @internal */
  runUntilIdle(): void {
    this.checkClosed();
    this.checkNotRunning();
    const previousLoop = this.runtime.runningLoop;
    this.running = true;
    this.runtime.runningLoop = this;
    try {
      for (;;) {
        if (this.cancelledTimers > 0) this.dropCancelledTimersAtTop();
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
   * @internal
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
    if (this.cancelledTimers > 0) this.dropCancelledTimersAtTop();
    const next = this.timers.peek();
    return next === undefined ? null : Math.max(0, next.when() - this.time());
  }

  /**
   * What tick() and a task's step restore on their way out, for a tick a host interrupt ended
   * mid-step (endInterruptedStep in tasks.ts). A tick is the host's own call, so no loop ran
   * around it and no step was running outside it.
   * @internal
   */
  leaveInterruptedTick(): void {
    this.currentTask = null;
    this.running = false;
    this.runtime.runningLoop = null;
    this.runtime.context = null;
    if (this.instrument !== null) this.instrument.currentStep = 0;
  }

  callExceptionHandler(context: ExceptionContext): void {
    if (this.exceptionHandler) {
      try {
        this.exceptionHandler(this, context);
        return;
      } catch (error) {
        if (isFatal(error)) throw error;
        this.defaultExceptionHandler({ message: "Unhandled error in exception handler", exception: error, context });
        return;
      }
    }
    this.defaultExceptionHandler(context);
  }

  /** CPython's default_exception_handler: the message, the other keys sorted, the traceback. */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || "Unhandled exception in event loop"];
    for (const key of Object.keys(context).sort()) {
      if (key !== "message" && key !== "exception") lines.push(`${key}: ${repr(context[key])}`);
    }
    if (context.exception == null) this.runtime.write("stderr", `${lines.join("\n")}\n`);
    else this.runtime.writeException("stderr", `${lines.join("\n")}\n`, context.exception);
  }

  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler != null && typeof handler !== "function") {
      throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
    }
    this.exceptionHandler = handler ?? null;
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

  /** Wraps an awaited native promise or thenable in a Future of this loop. @internal */
  futureFromThenable<T>(thenable: PromiseLike<T>): Future<T> {
    const future = this.createFuture<T>();
    future.waitTarget = { kind: "promise", label: thenable instanceof Promise ? "a JavaScript Promise" : "a thenable" };
    this.unsettledPromises++;
    // A thenable may call back synchronously, more than once, or throw: the first outcome wins.
    let settled = false;
    const settle = (complete: () => void) => {
      if (settled) return;
      settled = true;
      this.unsettledPromises--;
      if (!future.done()) complete();
    };
    try {
      thenable.then(
        (value) => settle(() => future.setResult(value)),
        (error: unknown) => settle(() => future.setException(error)),
      );
    } catch (error) {
      settle(() => future.setException(error));
    }
    return future;
  }

  /** Closes the async generators still open on this loop (CPython's shutdown_asyncgens). */
  shutdownAsyncgens(): Coroutine<void> {
    const loop = this;
    return Coroutine.fromFunction("shutdown_asyncgens", function* () {
      const closing = [...loop.asyncGenerators];
      loop.asyncGenerators.clear();
      if (closing.length === 0) return;
      const results = (yield gather(...closing.map((generator) => generator.aclose()), { returnExceptions: true })) as unknown[];
      results.forEach((result, index) => {
        if (result instanceof Error && !(result instanceof BaseException)) {
          const generator = closing[index];
          loop.callExceptionHandler({
            message: `an error occurred during closing of asynchronous generator ${repr(generator)}`,
            exception: result,
            asyncgen: generator,
          });
        }
      });
    });
  }

  /** Runs `call(...args)` on a worker thread of `executor` (null: the default one); the loop runs on. */
  runInExecutor<T>(executor: ThreadPoolExecutor | null | undefined, call: (...args: unknown[]) => T, ...args: unknown[]): Future<T> {
    this.checkClosed();
    if (executor === null || executor === undefined) {
      if (this.executorShutdownCalled) throw new RuntimeError("Executor shutdown has been called");
      executor = this.defaultExecutor ??= new ThreadPoolExecutor({ threadNamePrefix: "asyncio" });
    }
    const future = wrapFuture(executor.submit(call, ...args), { loop: this }) as Future<T>;
    future.waitTarget = { kind: "executor", label: `${call.name || "<lambda>"}() on a worker thread` };
    return future;
  }

  setDefaultExecutor(executor: ThreadPoolExecutor): void {
    if (!(executor instanceof ThreadPoolExecutor)) throw new TypeError("executor must be ThreadPoolExecutor");
    this.defaultExecutor = executor;
  }

  /** Waits for the default executor's calls to finish, as asyncio.run() does at its end. */
  shutdownDefaultExecutor(): Coroutine<void> {
    const loop = this;
    return Coroutine.fromFunction("shutdown_default_executor", function* () {
      loop.executorShutdownCalled = true;
      if (loop.defaultExecutor !== null) yield loop.defaultExecutor.shutdownInBackground(loop);
    });
  }

  __repr__(): string {
    return `<EventLoop running=${this.running ? "True" : "False"} closed=${this.closed ? "True" : "False"} debug=${this.debug ? "True" : "False"}>`;
  }

  private runOnce(): void {
    if (this.unsettledPromises > 0) this.runtime.runMicrotasks();
    if (this.cancelledTimers > 0) this.dropCancelledTimersAtTop();
    if (this.ready.length === 0 && !this.stopping) {
      const next = this.timers.peek();
      if (next === undefined) throw this.deadlock();
      const wait = next.when() - this.time();
      if (wait > 0) this.clock.sleep(wait);
    }
    this.runReadyAndDue();
  }

  private runReadyAndDue(): void {
    this.instrument?.iterationStarted();
    // The clock is read only when a timer may be due: a call costs ~50 ns in QuickJS.
    if (this.timers.peek() !== undefined) {
      const now = this.time();
      for (let timer = this.timers.peek(); timer !== undefined && timer.when() <= now; timer = this.timers.peek()) {
        this.timers.pop();
        if (!timer.cancelled()) this.ready.push(timer);
        else this.cancelledTimers--;
      }
    }
    this.ready.runCurrent(this);
  }

  /** Called only when some timer in the heap is cancelled (cancelledTimers > 0): once per iteration, a call saved. */
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
    const graph = deadlockGraph(this.liveTasks);
    if (this.unsettledPromises > 0 && !this.runtime.runsMicrotasks) {
      const cause =
        "a task awaits a JavaScript Promise, and this host runs promise jobs only after the synchronous run returns; await an asyncio future, task or sleep() instead";
      return new DeadlockError(describeDeadlock(this.mainFuture, this.liveTasks, cause), graph);
    }
    return new DeadlockError(describeDeadlock(this.mainFuture, this.liveTasks), graph);
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
  if (typeof (awaitable as { __await__?: unknown } | null)?.__await__ === "function") {
    const wrapper = Coroutine.fromFunction("_wrap_awaitable", function* () {
      return (yield awaitable) as T;
    });
    return loop.createTask(wrapper, options);
  }
  if (awaitable !== null && typeof awaitable === "object" && typeof (awaitable as PromiseLike<T>).then === "function") {
    return loop.futureFromThenable(awaitable as PromiseLike<T>);
  }
  throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required, got ${repr(awaitable)}`);
}

/** CPython's _check_callback. */
function checkCallback(callback: unknown, method: string): void {
  if (typeof callback !== "function") {
    throw new TypeError(`a callable object was expected by ${method}(), got ${repr(callback)}`);
  }
}

registerLoopClass((runtime) => new EventLoop(runtime));
