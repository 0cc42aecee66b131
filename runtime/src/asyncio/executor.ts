// concurrent.futures.ThreadPoolExecutor (CPython Lib/concurrent/futures/thread.py) on the run's
// clock. Each submitted call runs on a simulated worker thread (worker-thread.ts): it executes
// at the instant a worker takes it, and its future completes when the loop's clock reaches the
// end of the time it slept. Invariants:
// - at most maxWorkers calls are running (started, not completed); the rest wait in FIFO order
//   and start, one per freed worker, when a running call completes;
// - a call's completion is a timer on the loop that was current when it was submitted; a
//   blocking wait (result(), shutdown(wait)) drives that loop when nothing runs it, and
//   otherwise blocks the loop's thread, completing calls as their time comes, as a real
//   blocked thread would see them finish.

import { perRun } from "../per-run.js";
import { option } from "../python-names.js";
import { activeRuntime, type Runtime } from "../runtime.js";
import { ConcurrentFuture } from "./concurrent-future.js";
import { getEventLoop } from "./events.js";
import { CancelledError, RuntimeError, ValueError } from "./exceptions.js";
import type { Future } from "./futures.js";
import type { TimerHandle } from "./handles.js";
import type { EventLoop } from "./loop.js";
import { currentWorkerThread, WorkerThread } from "./worker-thread.js";

/** Python sizes the default pool min(32, os.cpu_count() + 4); Looplab's runs reproduce, so it counts one CPU. */
export const DEFAULT_MAX_WORKERS = Math.min(32, 1 + 4);

export interface ExecutorOptions {
  maxWorkers?: number | null;
  threadNamePrefix?: string;
}

type Callable = (...args: unknown[]) => unknown;

/** ThreadPoolExecutor-0, -1, ...: Python counts executors per process, Looplab per run. */
const executorCount = perRun((): { next: number } => ({ next: 0 }));

class WorkItem {
  thread = "";
  finishAt = 0;
  completed = false;
  timer: TimerHandle | null = null;
  outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | null = null;
  readonly lane: { id: number; getName(): string };

  constructor(
    readonly future: ConcurrentFuture,
    readonly call: Callable,
    readonly args: unknown[],
    readonly loop: EventLoop,
    executorName: string,
  ) {
    const runtime = loop.runtime;
    const name = `${call.name || "<lambda>"} in ${executorName}`;
    this.lane = { id: runtime.nextTaskId(), getName: () => name };
    const instrument = runtime.instrument;
    if (instrument === null) return;
    instrument.taskSpawned(this.lane, runtime.runningLoop?.currentTask ?? null, call.name || "<lambda>");
    future.addDoneCallback(() => {
      if (future.cancelled()) instrument.taskFinished(this.lane, "cancelled", new CancelledError());
    });
  }
}

export class ThreadPoolExecutor {
  readonly maxWorkers: number;
  private readonly threadNamePrefix: string;
  private readonly queue: WorkItem[] = [];
  private readonly running = new Set<WorkItem>();
  private readonly idleThreads: string[] = [];
  private threads = 0;
  private shutdownCalled = false;
  /** Blocking waits in progress, each woken when a completion satisfies it. */
  private readonly waiters = new Set<() => void>();

  constructor(maxWorkers?: number | null | ExecutorOptions, options?: ExecutorOptions) {
    if (maxWorkers !== null && typeof maxWorkers === "object") {
      options = maxWorkers;
      maxWorkers = undefined;
    }
    const workers = maxWorkers ?? option(options, "maxWorkers", null) ?? DEFAULT_MAX_WORKERS;
    if (typeof workers !== "number" || workers <= 0) throw new ValueError("max_workers must be greater than 0");
    this.maxWorkers = workers;
    this.threadNamePrefix = option(options, "threadNamePrefix", "") || `ThreadPoolExecutor-${executorCount().next++}`;
    // `using pool = ThreadPoolExecutor()` is Python's `with ThreadPoolExecutor() as pool:`.
    // Defined per instance: QuickJS has no Symbol.dispose until the `using` lowering adds it.
    Object.defineProperty(this, Symbol.dispose, { value: () => this.shutdown(true) });
  }

  /** Schedules `call(...args)` on a worker thread; returns its concurrent.futures Future. */
  submit(call: Callable, ...args: unknown[]): ConcurrentFuture {
    if (typeof call !== "function") throw new TypeError(`'${typeof call}' object is not callable`);
    if (this.shutdownCalled) throw new RuntimeError("cannot schedule new futures after shutdown");
    const future = new ConcurrentFuture((waited, timeout) => this.blockUntil(() => waited.done(), timeout));
    const item = new WorkItem(future, call, args, getEventLoop(), this.threadNamePrefix);
    this.queue.push(item);
    this.startQueued();
    return future;
  }

  /** Python's executor.map: the calls' results in order, each waited for as it is taken. */
  *map(call: Callable, ...iterables: Iterable<unknown>[]): Generator<unknown, void, undefined> {
    const columns = iterables.map((iterable) => [...iterable]);
    const count = Math.min(...columns.map((column) => column.length));
    const futures: ConcurrentFuture[] = [];
    for (let index = 0; index < count; index++) futures.push(this.submit(call, ...columns.map((column) => column[index])));
    for (const future of futures) yield future.result();
  }

  shutdown(wait = true, options?: { cancelFutures?: boolean }): void {
    this.shutdownCalled = true;
    if (option(options, "cancelFutures", false)) {
      for (const item of this.queue.splice(0)) item.future.cancel();
    }
    if (wait) this.blockUntil(() => this.queue.length === 0 && this.running.size === 0, null);
  }

  __enter__(): this {
    return this;
  }

  __exit__(): boolean {
    this.shutdown(true);
    return false;
  }

  /**
   * shutdown(wait=True) on a helper thread, as the loop's shutdown_default_executor runs it:
   * a future of `loop` that is done once every call has completed.
   */
  shutdownInBackground(loop: EventLoop): Future<void> {
    this.shutdownCalled = true;
    const future = loop.createFuture<void>();
    future.waitTarget = { kind: "executor", label: `the threads of ${this.threadNamePrefix}` };
    const wake = () => {
      if (this.queue.length > 0 || this.running.size > 0) return;
      this.waiters.delete(wake);
      if (!future.done()) future.setResult(undefined);
    };
    this.waiters.add(wake);
    wake();
    return future;
  }

  __repr__(): string {
    return `<concurrent.futures.thread.ThreadPoolExecutor object ${this.threadNamePrefix}>`;
  }

  private startQueued(): void {
    while (this.running.size < this.maxWorkers && this.queue.length > 0) {
      const item = this.queue.shift() as WorkItem;
      if (item.future.setRunningOrNotifyCancel()) this.start(item);
    }
  }

  private start(item: WorkItem): void {
    const loop = item.loop;
    this.running.add(item);
    item.thread = this.idleThreads.shift() ?? `${this.threadNamePrefix}_${this.threads++}`;
    const instrument = loop.runtime.instrument;
    // With a listener, the call is a step of the thread's lane, scheduled by the step that
    // submitted it (or that finished the call it queued behind); then what ran goes on.
    const outerStep = instrument?.currentStep ?? 0;
    const outerLane = instrument?.handOffLane ?? null;
    if (instrument !== null) {
      instrument.handOffLane = item.lane;
      instrument.laneStep(item.lane, undefined, false, 0);
      instrument.taskRunning(item.lane);
    }
    const thread = new WorkerThread(loop, currentWorkerThread()?.now ?? loop.time());
    try {
      item.outcome = { ok: true, value: thread.run(() => item.call(...item.args)) };
    } catch (error) {
      item.outcome = { ok: false, error };
    } finally {
      if (instrument !== null) {
        instrument.handOffLane = outerLane;
        instrument.currentStep = outerStep;
      }
    }
    item.finishAt = thread.now;
    if (loop.isClosed()) this.complete(item);
    else item.timer = loop.callAt(item.finishAt, () => this.complete(item));
  }

  private complete(item: WorkItem): void {
    if (item.completed) return;
    item.completed = true;
    item.timer?.cancel();
    this.running.delete(item);
    this.idleThreads.push(item.thread);
    const outcome = item.outcome as NonNullable<WorkItem["outcome"]>;
    const instrument = item.loop.runtime.instrument;
    if (outcome.ok) {
      instrument?.taskFinished(item.lane, "done", outcome.value);
      item.future.setResult(outcome.value);
    } else {
      instrument?.taskFinished(item.lane, "failed", outcome.error);
      item.future.setException(outcome.error);
    }
    this.startQueued();
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Blocks the caller until `done()` or `timeout` passes. With no loop running (the top level),
   * it runs the loop the calls belong to, so their output and completions happen in order;
   * on the loop's own thread it blocks the loop, as a real blocking call does.
   */
  private blockUntil(done: () => boolean, timeout: number | null): void {
    if (done()) return;
    if (currentWorkerThread() !== null) {
      throw new RuntimeError("a worker thread cannot block on another executor call in Looplab: await it from a coroutine instead");
    }
    const runtime = activeRuntime();
    const loops = new Set([...this.queue, ...this.running].map((item) => item.loop));
    const [loop] = loops;
    if (runtime.runningLoop === null && loops.size === 1 && loop !== undefined && !loop.isClosed()) {
      this.driveUntil(loop, done, timeout);
    } else {
      this.blockThread(runtime, done, timeout);
    }
  }

  private driveUntil(loop: EventLoop, done: () => boolean, timeout: number | null): void {
    const waiter = loop.createFuture();
    waiter.waitTarget = { kind: "executor", label: `${this.threadNamePrefix} calls` };
    const wake = () => {
      if (done() && !waiter.done()) waiter.setResult(undefined);
    };
    const timer = timeout === null ? null : loop.callLater(timeout, () => waiter.done() || waiter.setResult(undefined));
    this.waiters.add(wake);
    try {
      loop.runUntilComplete(waiter);
    } finally {
      this.waiters.delete(wake);
      timer?.cancel();
    }
  }

  /** The calling thread sleeps to each running call's end in turn, completing it there. */
  private blockThread(runtime: Runtime, done: () => boolean, timeout: number | null): void {
    const clock = runtime.clock;
    const deadline = timeout === null ? Number.POSITIVE_INFINITY : clock.now() + timeout;
    while (!done()) {
      let next: WorkItem | null = null;
      for (const item of this.running) if (next === null || item.finishAt < next.finishAt) next = item;
      if (next === null) return;
      runtime.blockingSleep(Math.min(next.finishAt, deadline) - clock.now());
      if (next.finishAt > deadline) return;
      this.complete(next);
    }
  }
}
