// Task (CPython Lib/asyncio/tasks.py). A task drives one chain of coroutines (it is its own
// AwaitChain), one step per loop callback. Invariants:
// - a step runs only from the ready queue, never inline from another task;
// - while suspended, `waiter` is the one future whose completion schedules the next step;
// - cancel() cancels that future (so the CancelledError surfaces at the await) or, when the
//   task is running or between steps, sets mustCancel for the next step to deliver it;
// - a coroutine that catches CancelledError and returns makes the task done, not cancelled.

import { quote, repr } from "../builtins/format.js";
import type { WaitTarget } from "../events.js";
import type { Instrument } from "../instrument.js";
import { Context, copyContext } from "../modules/context-vars.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import {
  type AnyGenerator,
  type AwaitChain,
  advanceChain,
  type Coroutine,
  closeAwaited,
  FINISHED,
  isCoroutineLike,
  parkedSite,
  type Suspension,
  toCoroutine,
} from "./coroutines.js";
import { getEventLoop, getRunningLoop } from "./events.js";
import { CancelledError, InvalidStateError, isFatal, RuntimeError } from "./exceptions.js";
import { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";
import { marksTaskStep } from "./ready-queue.js";

export interface TaskOptions {
  name?: string;
  loop?: EventLoop;
  context?: unknown;
  /** False for the runtime's own bookkeeping tasks (run()'s shutdown steps): kept off the timeline. @internal */
  instrumented?: boolean;
  /** Run the first step now, in createTask, when the loop is running (3.12's eager tasks; `eager_start` too). */
  eagerStart?: boolean;
}

const NO_OPTIONS: TaskOptions = Object.freeze({});

const YIELD_TARGET: WaitTarget = { kind: "yield", label: "the next loop iteration" };

export class Task<T = unknown> extends Future<T> implements AwaitChain {
  readonly coroutine: Coroutine;
  /** The chain's innermost coroutine and the root's return value (see advanceChain). @internal */
  innermost: Coroutine;
  /** @internal */
  returnValue: unknown = undefined;
  private readonly taskId: number;
  /** Built on first use from nameNumber: most tasks are never asked their name. */
  private name: string | null;
  /** The N of "Task-N", taken at creation so that numbers follow creation order. */
  private readonly nameNumber: number = 0;
  /** The future this task is suspended on (CPython's _fut_waiter). */
  private waiter: Future | null = null;
  private mustCancel = false;
  /** Set while cancel() passes the cancellation on to the waiter, to notice a cycle of tasks. */
  private cancellingWaiter = false;
  private cancelRequests = 0;
  /** Whether a step has run: the first one checks that nobody else started the coroutine. */
  private started = false;
  private readonly instrument: Instrument | null;
  // What the next step sends into the coroutine, or throws into it when stepThrows: set by
  // whoever schedules or wakes the task, which has at most one step pending. Kept here, a step
  // runs through one shared callback and a waiting task registers itself on its waiter
  // (addWaitingTask): two closures and an array per task were a sixth of the gather bench's garbage.
  private stepThrows = false;
  private stepValue: unknown = undefined;
  /** The contextvars Context its steps run in; null while no ContextVar was set (an empty one then). */
  private context: Context | null;
  /** Links in the loop's list of live tasks (live-tasks.ts). @internal */
  previousLive: Task | null = null;
  /** @internal */
  nextLive: Task | null = null;

  /** `Task(coro, {name, loop})` as Python has it; `loop.createTask` passes its loop as `loop` (see Future). */
  constructor(coroutine: Coroutine<T> | AnyGenerator, options: TaskOptions = NO_OPTIONS, loop: EventLoop = options.loop ?? getEventLoop()) {
    if (!isCoroutineLike(coroutine)) throw new TypeError(`a coroutine was expected, got ${repr(coroutine)}`);
    super(undefined, loop);
    this.coroutine = toCoroutine(coroutine);
    this.coroutine.take();
    this.innermost = this.coroutine;
    const runtime = this.loop.runtime;
    this.taskId = runtime.nextTaskId();
    if (options.name === undefined || options.name === null) {
      this.name = null;
      this.nameNumber = runtime.nextTaskNumber();
    } else {
      this.name = String(options.name);
    }
    this.context = (options.context as Context | undefined) ?? (runtime.contextVarsUsed ? copyContext() : null);
    this.loop.liveTasks.add(this as Task);
    if (options.instrumented === false) runtime.countInternalTask();
    this.instrument = options.instrumented === false ? null : this.loop.instrument;
    this.instrument?.taskSpawned(this, this.loop.currentTask, this.coroutine.name);
    // CPython's __eager_start: the first step runs inside createTask; a coroutine that finishes
    // without suspending leaves the task done before createTask returns.
    if (options !== NO_OPTIONS && option(options, "eagerStart", false) && this.loop.isRunning()) this.eagerStart();
    else this.scheduleStep(false, undefined);
  }

  /**
   * The eager first step. With a listener it is a hand-off, as a generator's next() is: a step of
   * its own, scheduled by the creator's, then the creator goes on in a new step.
   */
  private eagerStart(): void {
    const instrument = this.instrument;
    const creator = this.loop.currentTask;
    if (instrument === null || creator === null) {
      this.step();
      return;
    }
    instrument.beginStep(instrument.currentStep);
    try {
      this.step();
    } finally {
      instrument.laneStep(creator, undefined, false, 0);
    }
  }

  override get id(): number {
    return this.taskId;
  }

  getName(): string {
    this.name ??= `Task-${this.nameNumber}`;
    return this.name;
  }

  setName(name: unknown): void {
    this.name = String(name);
  }

  getCoro(): Coroutine {
    return this.coroutine;
  }

  /**
   * What CPython does when a pending task is garbage-collected (its loop closed, nothing else
   * holds it): Task.__del__ logs "Task was destroyed but it is pending!", then the coroutine is
   * closed, innermost first, so its `finally` blocks run. The task stays pending.
   * @internal
   */
  destroyPending(): void {
    if (this.done()) return;
    this.loop.liveTasks.delete(this as Task);
    this.loop.callExceptionHandler({ message: "Task was destroyed but it is pending!", task: this });
    try {
      closeAwaited(this);
      this.coroutine.close();
    } catch (error) {
      if (isFatal(error)) throw error;
      // CPython's unraisable hook, for a finally that raised or awaited.
      this.loop.runtime.writeException("stderr", `Exception ignored in: ${repr(this.coroutine)}\n`, error);
    }
  }

  getContext(): Context {
    this.context ??= new Context();
    return this.context;
  }

  getStack(): unknown[] {
    return [];
  }

  /** The number of pending cancellation requests (Python 3.11+). */
  cancelling(): number {
    return this.cancelRequests;
  }

  uncancel(): number {
    if (this.cancelRequests > 0) {
      this.cancelRequests--;
      if (this.cancelRequests === 0) this.mustCancel = false;
      this.instrument?.cancelTakenBack(this, this.cancelRequests);
    }
    return this.cancelRequests;
  }

  override cancel(message?: string): boolean {
    this.stopLogging();
    if (this.done()) return false;
    const waiter = this.waiter;
    if (waiter !== null && this.cancellingWaiter) {
      // Tasks awaiting each other in a cycle (CPython recurses until RecursionError): this one
      // stops waiting and takes the cancellation at its await, which then unwinds the others.
      waiter.removeWaitingTask(this);
      this.waiter = null;
      this.mustCancel = true;
      this.cancelMessage = message;
      this.scheduleStep(false, undefined);
      return true;
    }
    this.cancelRequests++;
    this.instrument?.cancelRequested(this, message, this.cancelRequests);
    if (waiter !== null) {
      // The waiter stays set: it may be a task that swallows the cancellation, to cancel again later.
      this.cancellingWaiter = true;
      // What the waiter cancels in turn (the task or gather it awaits) is this task's cancellation passed on.
      const request = this.instrument?.requestCancelAs("await", this.taskId);
      try {
        if (waiter.cancel(message)) return true;
      } finally {
        this.cancellingWaiter = false;
        this.instrument?.restoreCancelRequest(request);
      }
    }
    this.mustCancel = true;
    this.cancelMessage = message;
    return true;
  }

  override setResult(_value: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  override setException(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  /** @internal */
  override describeWait(): WaitTarget {
    return { kind: "task", taskId: this.taskId, label: this.getName() };
  }

  /** What this task is suspended on, for deadlock reports; null when not waiting. @internal */
  describeOwnWait(): WaitTarget | null {
    return this.waiter?.describeWait() ?? null;
  }

  /** The future this task is suspended on, for deadlock reports; null when not waiting. @internal */
  ownWaiter(): Future | null {
    return this.waiter;
  }

  /** CPython's base_tasks._task_repr_info, without source locations. */
  protected override reprInfo(): string[] {
    const info = super.reprInfo();
    if (this.cancelRequests > 0 && !this.done()) info[0] = "cancelling";
    const coroutineState = this.coroutine.state === "closed" ? "done" : "running";
    info.splice(1, 0, `name=${quote(this.getName())}`, `coro=<${this.coroutine.name}() ${coroutineState}>`);
    return info;
  }

  private scheduleStep(throwing: boolean, value: unknown): void {
    this.stepThrows = throwing;
    this.stepValue = value;
    this.loop.ready.pushCall(runStep, this as Task);
  }

  /** One step of the coroutine with stepThrows and stepValue (CPython's Task.__step). @internal */
  step(): void {
    let throwing = this.stepThrows;
    let value = this.stepValue;
    this.stepValue = undefined;
    if (this.state !== "PENDING") throw new InvalidStateError(`_step(): already done: ${repr(this)}`);
    // The step's record and the task's running state.
    if (this.instrument !== null)
      this.instrument.taskStep(
        this,
        this.mustCancel || (throwing && value instanceof CancelledError),
        this.innermost.site || parkedSite(this),
      );
    // The runtime's own tasks (asyncio.run's shutdown steps) have no lane: their steps are the loop's.
    else this.loop.instrument?.callbackStep(this.coroutine.name, false);
    if (this.mustCancel) {
      if (!(throwing && value instanceof CancelledError)) {
        throwing = true;
        value = this.makeCancelledError();
      }
      this.mustCancel = false;
    }
    this.waiter = null;
    const loop = this.loop;
    const runtime = loop.runtime;
    const previous = loop.currentTask;
    loop.currentTask = this as Task;
    runtime.steps++;
    // The step runs in the task's context, as CPython's Task.__step runs in self._context; a
    // task with none yet gets it when a ContextVar is first set (currentContext).
    const context = this.context;
    const previousContext = runtime.context;
    context?.enter();
    runtime.context = context;
    try {
      this.advance(throwing, value);
    } finally {
      loop.currentTask = previous;
      context?.exit();
      runtime.context = previousContext;
    }
  }

  private advance(throwing: boolean, value: unknown): void {
    let suspension: Suspension | typeof FINISHED;
    try {
      if (!this.started) {
        this.started = true;
        // Throwing into a finished coroutine raises the thrown error itself, as in CPython.
        const error = throwing && this.coroutine.state === "closed" ? null : this.coroutine.startError();
        if (error !== null) throw error;
      }
      suspension = advanceChain(this, throwing, value, this.loop, false) as Suspension | typeof FINISHED;
    } catch (error) {
      if (isFatal(error)) {
        // A host limit or a deadlock ends the run, as SystemExit does in CPython.
        this.finish("failed", error);
        throw error;
      }
      if (error instanceof CancelledError) {
        this.cancelledError = error;
        this.finish("cancelled", error);
      } else {
        this.finish("failed", error);
      }
      return;
    }
    if (suspension === FINISHED) {
      if (this.mustCancel) {
        // Cancelled during its last step: Python reports it cancelled, not done.
        this.mustCancel = false;
        this.finish("cancelled", new CancelledError(this.cancelMessage ?? undefined));
      } else {
        this.finish("done", this.returnValue);
      }
      return;
    }
    const loop = this.loop;
    if (suspension === null) {
      // A bare yield gives up control for exactly one loop iteration.
      this.scheduleStep(false, undefined);
      this.instrument?.taskWaiting(this, YIELD_TARGET, this.innermost.site || parkedSite(this));
      return;
    }
    if (suspension.getLoop() !== loop) {
      this.scheduleStep(true, new RuntimeError(`Task ${repr(this)} got Future ${repr(suspension)} attached to a different loop`));
      return;
    }
    if (suspension === this) {
      this.scheduleStep(true, new RuntimeError(`Task cannot await on itself: ${repr(this)}`));
      return;
    }
    suspension.addWaitingTask(this);
    this.waiter = suspension;
    if (this.mustCancel && suspension.cancel(this.cancelMessage)) this.mustCancel = false;
    // The innermost frame's own site, when it has one, without the call that looks further.
    this.instrument?.taskWaiting(this, suspension.describeWait(), this.innermost.site || parkedSite(this));
  }

  /**
   * The rest of a step that a host interrupt cut short (endInterruptedStep): its context is left,
   * and the next step throws `error` at the coroutine it was running, finished by the interrupt,
   * so that the coroutine awaiting it gets `error` at its await.
   * @internal
   */
  resumeInterrupted(error: unknown): void {
    this.context?.exit();
    this.scheduleStep(true, error);
  }

  /** Steps with the outcome of the future the task waited on: `waiter`, set until the step. @internal */
  wakeUp(): void {
    const future = this.waiter as Future;
    try {
      this.stepValue = future.result();
      this.stepThrows = false;
    } catch (error) {
      this.stepValue = error;
      this.stepThrows = true;
    }
    this.step();
  }

  private finish(state: "done" | "failed" | "cancelled", outcome: unknown): void {
    if (state === "done") super.setResult(outcome as T);
    else if (state === "failed") super.setException(outcome);
    else Future.prototype.cancel.call(this, this.cancelledError === undefined ? this.cancelMessage : undefined);
    this.loop.liveTasks.delete(this as Task);
    this.instrument?.taskFinished(this, state, outcome);
  }
}
addSnakeCaseAliases(Task);

/** The ready queue's callback for every task's step, shared by all tasks: no closure per task. */
function runStep(task: Task): void {
  task.step();
}
marksTaskStep(runStep);

/**
 * Puts the loop right after the host interrupted it in a task's step, in code of the coroutine
 * the step resumed (Ctrl-C in `looplab repl`; sandbox/src/engine/interrupt-landing.ts decides
 * where one may land). QuickJS's interrupt runs no catch or finally on its way out, so this does
 * what the step's and the tick's finally blocks would have, then the task's next step throws
 * `error` where the interrupt landed, as CPython's KeyboardInterrupt does. Null, with nothing
 * changed, when no task's step was resuming a coroutine.
 */
export function endInterruptedStep(loop: EventLoop, error: unknown): Task | null {
  const task = loop.currentTask;
  if (task === null || task.done() || task.innermost.state !== "running") return null;
  loop.leaveInterruptedTick();
  task.resumeInterrupted(error);
  return task;
}

export function currentTask(loop?: EventLoop): Task | null {
  return (loop ?? getRunningLoop()).currentTask;
}

export function allTasks(loop?: EventLoop): Set<Task> {
  return new Set((loop ?? getRunningLoop()).liveTasks);
}

export function createTask<T>(coroutine: Coroutine<T> | AnyGenerator, options?: TaskOptions): Task<T> {
  return getRunningLoop().createTask(coroutine, options);
}

/** What loop.setTaskFactory takes: makes the task for loop.createTask. */
export type TaskFactory = (loop: EventLoop, coroutine: Coroutine | AnyGenerator, options?: TaskOptions) => Task;

/** asyncio.eager_task_factory (3.12): tasks whose first step runs in createTask. */
export function eagerTaskFactory(loop: EventLoop, coroutine: Coroutine | AnyGenerator, options?: TaskOptions): Task {
  return new Task(coroutine, { ...options, loop, eagerStart: true }, loop);
}

/** asyncio.create_eager_task_factory (3.12): an eager factory making `taskClass`es (a Task subclass). */
export function createEagerTaskFactory(taskClass: new (coroutine: Coroutine | AnyGenerator, options?: TaskOptions) => Task): TaskFactory {
  return (loop, coroutine, options) => new taskClass(coroutine, { ...options, loop, eagerStart: true });
}
