// gevent (https://www.gevent.org) on the asyncio loop: a gevent Greenlet is an asyncio Task
// under the hood, gevent.sleep is asyncio.sleep, and the hub is an event loop. Where gevent
// would block the caller (sleep, joinall, join, get, kill), a call inside a running loop (a
// greenlet's body, an asyncio coroutine) returns an awaitable, and a call at the snippet's top
// level runs the hub until it is done, on the virtual clock.
//
// Choices where gevent and asyncio differ:
// - at top level the hub is a loop of its own, not asyncio's current loop, so, as in gevent,
//   a greenlet nobody waits for does not run after the script's last line;
// - kill() cancels the task: the body sees CancelledError at its await where gevent raises
//   GreenletExit; the killed Greenlet then reports as gevent's does (value is the GreenletExit,
//   successful() is true);
// - monkey.patchAll() makes time.sleep() gevent.sleep(): `await time.sleep(s)` in a greenlet
//   lets the others run (an un-awaited one is reported as a never-awaited coroutine).

import { Coroutine, isCoroutineLike } from "../asyncio/coroutines.js";
import { TimeoutError } from "../asyncio/exceptions.js";
import { Future } from "../asyncio/futures.js";
import type { TimerHandle } from "../asyncio/handles.js";
import { EventLoop } from "../asyncio/loop.js";
import { makeModule } from "../asyncio/module.js";
import { sleep as asyncioSleep } from "../asyncio/sleep.js";
import type { Task } from "../asyncio/tasks.js";
import { exceptionName } from "../builtins/exception-name.js";
import { repr } from "../builtins/format.js";
import { perRun } from "../per-run.js";
import { isOptionsObject, option } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { getcurrent as currentRawGreenlet, GreenletExit } from "./greenlet.js";
import { patchSleep, time } from "./time.js";

type Run = (...args: unknown[]) => unknown;

interface Outcome {
  value: unknown;
  exception: unknown;
}

/** The top-level hub loop and the Greenlet-N counter of one run. */
const hub = perRun((): { loop: EventLoop | null; greenlets: number } => ({ loop: null, greenlets: 0 }));

function hubLoop(): EventLoop {
  const state = hub();
  if (state.loop === null || state.loop.isClosed()) {
    state.loop = new EventLoop(activeRuntime());
    // gevent says nothing of greenlets left unfinished at exit.
    activeRuntime().loops.delete(state.loop);
  }
  return state.loop;
}

const greenletOfTask = new WeakMap<Task, Greenlet>();

/** A killed greenlet's outcome: GreenletExit is its value, anything else its exception. */
function killOutcome(error: unknown): Outcome {
  return error instanceof GreenletExit ? { value: error, exception: null } : { value: null, exception: error };
}

function toException(exception: unknown): unknown {
  return typeof exception === "function" ? new (exception as new () => unknown)() : exception;
}

/**
 * What gevent does by switching to the hub: inside a running loop, a coroutine that awaits what
 * `wait(loop)` gives; at top level, the hub loop run until that is done. `wait` gives a plain
 * `{ value }` when there is nothing to wait for, so no loop iteration runs.
 */
function blocking<T, R>(name: string, wait: (loop: EventLoop) => Future<T> | { value: T }, then: (value: T) => R, tracked = true) {
  const running = activeRuntime().runningLoop;
  if (running !== null) {
    return Coroutine.fromFunction(
      name,
      function* () {
        const waited = wait(running);
        return then(waited instanceof Future ? ((yield waited) as T) : waited.value);
      },
      tracked,
    );
  }
  const loop = hubLoop();
  const waited = wait(loop);
  return then(waited instanceof Future ? loop.runUntilComplete(waited) : waited.value);
}

export class Greenlet {
  readonly args: unknown[];
  readonly name: string;
  private readonly run: Run;
  private task: Task | null = null;
  /** What kill() raised, or the GreenletExit standing for a cancellation from elsewhere. */
  private killedWith: unknown = undefined;
  private killedBeforeStart = false;
  /** Stands for the address gevent's repr shows. */
  private readonly objectId = activeRuntime().nextObjectId();

  constructor(run: Run, ...args: unknown[]) {
    if (typeof run !== "function") throw new TypeError("The run argument or self._run must be callable");
    this.run = run;
    this.args = args;
    this.name = `Greenlet-${hub().greenlets++}`;
  }

  static spawn(run: Run, ...args: unknown[]): Greenlet {
    const greenlet = new Greenlet(run, ...args);
    greenlet.start();
    return greenlet;
  }

  /** Schedules the greenlet to run on the running loop (at top level, the hub). */
  start(): void {
    if (this.task !== null || this.killedBeforeStart) return;
    const { run, args } = this;
    const loop = activeRuntime().runningLoop ?? hubLoop();
    const body = Coroutine.fromFunction(
      run.name || "<lambda>",
      function* () {
        const result = run(...args);
        return isCoroutineLike(result) ? yield result : result;
      },
      false,
    );
    const task = loop.createTask(body, { name: this.name });
    this.task = task;
    greenletOfTask.set(task, this);
    task.addDoneCallback(() => this.reportFailure(task));
  }

  get started(): boolean {
    return this.task !== null;
  }

  get dead(): boolean {
    return this.killedBeforeStart || (this.task?.done() ?? false);
  }

  ready(): boolean {
    return this.dead;
  }

  successful(): boolean {
    const outcome = this.outcome();
    return outcome !== null && outcome.exception === null;
  }

  /** What the function returned, once it has; null (None) before that or when it failed. */
  get value(): unknown {
    const outcome = this.outcome();
    return outcome === null ? null : outcome.value;
  }

  /** What the function raised, or null (None). */
  get exception(): unknown {
    return this.outcome()?.exception ?? null;
  }

  /** Waits until the greenlet is dead or `timeout` passes. */
  join(timeout: number | null = null): unknown {
    return blocking(
      "join",
      (loop) => whenDone(loop, [this], { timeout }),
      () => undefined,
    );
  }

  /** The value, or raises the exception, waiting for the greenlet to finish first. */
  get(options?: { block?: boolean; timeout?: number | null }): unknown {
    const then = () => {
      const outcome = this.outcome();
      if (outcome === null) throw new TimeoutError(`${repr(this)} did not finish in time`);
      if (outcome.exception !== null) throw outcome.exception;
      return outcome.value;
    };
    if (!option(options, "block", true)) return then();
    return blocking("get", (loop) => whenDone(loop, [this], { timeout: option(options, "timeout", null) }), then);
  }

  /**
   * Raises `exception` in the greenlet (see the file comment); a greenlet killed before it
   * started never runs. With block (the default) it then waits for the greenlet to die.
   */
  kill(exception: unknown = GreenletExit, options?: { block?: boolean; timeout?: number | null }): unknown {
    if (isOptionsObject(exception)) {
      options = exception;
      exception = GreenletExit;
    }
    if (this.task === null) {
      if (!this.killedBeforeStart) this.killedWith = toException(exception);
      this.killedBeforeStart = true;
    } else if (!this.task.done()) {
      this.killedWith ??= toException(exception);
      this.task.cancel();
    }
    if (!option(options, "block", true)) return undefined;
    const timeout = option(options, "timeout", null);
    return blocking(
      "kill",
      (loop) => whenDone(loop, [this], { timeout }),
      () => undefined,
      false,
    );
  }

  /** The task this greenlet runs as, for whenDone(). */
  get runningTask(): Task | null {
    return this.task;
  }

  /** gevent's repr: its name only once assigned (never, here), its address, the call it runs. */
  __repr__(): string {
    const args = this.args.map((arg) => repr(arg).slice(0, 50)).join(", ");
    return `<Greenlet at 0x${this.objectId.toString(16)}: ${this.run.name || "<lambda>"}${args === "" ? "" : `(${args})`}>`;
  }

  private outcome(): Outcome | null {
    if (this.killedBeforeStart) return killOutcome(this.killedWith);
    const task = this.task;
    if (task === null || !task.done()) return null;
    if (task.cancelled()) return killOutcome((this.killedWith ??= new GreenletExit()));
    const error = task.exception();
    if (error instanceof GreenletExit) return killOutcome(error);
    return error === null ? { value: task.result(), exception: null } : { value: null, exception: error };
  }

  /** gevent's hub prints every greenlet that dies of an exception (Hub.print_exception): the traceback, the time, the greenlet. */
  private reportFailure(task: Task): void {
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null || error instanceof GreenletExit) return;
    const name = error instanceof Error ? exceptionName(error) : typeof error;
    activeRuntime().writeException("stderr", "", error, `${gmctime()} ${repr(this)} failed with ${name}\n\n`);
  }
}

/** gevent._util.gmctime: time.time() as RFC 3339 in UTC, to the second. */
function gmctime(): string {
  return `${new Date(Math.floor(time.time()) * 1000).toISOString().slice(0, 19)}Z`;
}

interface WaitOptions {
  timeout?: number | null;
  count?: number | null;
  raiseError?: boolean;
}

/**
 * The greenlets that died, in the order they died, once `count` of them (default: all) have or
 * `timeout` has passed: a future of `loop`, or `{ value }` when that is so already. With
 * raiseError, it fails with the first exception a greenlet dies of.
 */
function whenDone(loop: EventLoop, greenlets: Greenlet[], options: WaitOptions): Future<Greenlet[]> | { value: Greenlet[] } {
  const wanted = Math.min(options.count ?? greenlets.length, greenlets.length);
  const done: Greenlet[] = [];
  let failure: { error: unknown } | null = null;
  const arrive = (greenlet: Greenlet) => {
    if (failure !== null || done.length >= wanted) return;
    if (options.raiseError && greenlet.exception !== null) failure = { error: greenlet.exception };
    else done.push(greenlet);
  };
  const settled = () => failure !== null || done.length >= wanted;
  for (const greenlet of greenlets) if (greenlet.dead) arrive(greenlet);
  if (failure !== null) throw (failure as { error: unknown }).error;
  if (settled() || options.timeout === 0) return { value: done };
  const future = loop.createFuture<Greenlet[]>();
  const pending = greenlets.filter((greenlet) => !greenlet.dead);
  const taskIds = pending.flatMap((greenlet) => (greenlet.runningTask === null ? [] : [greenlet.runningTask.id]));
  future.waitTarget = { kind: "tasks", taskIds, label: pending.map((greenlet) => greenlet.name).join(", ") };
  let timer: TimerHandle | null = null;
  const settle = () => {
    if (future.done()) return;
    timer?.cancel();
    if (failure !== null) future.setException(failure.error);
    else future.setResult(done);
  };
  for (const greenlet of pending) {
    greenlet.runningTask?.addDoneCallback(() => {
      arrive(greenlet);
      if (settled()) settle();
    });
  }
  if (options.timeout !== null && options.timeout !== undefined) timer = loop.callLater(options.timeout, settle);
  return future;
}

export function spawn(run: Run, ...args: unknown[]): Greenlet {
  return Greenlet.spawn(run, ...args);
}

/** Waits for the greenlets; returns those that finished, in the order they finished. */
export function joinall(greenlets: Iterable<Greenlet>, options?: number | null | WaitOptions): unknown {
  const settings: WaitOptions = isOptionsObject(options)
    ? { timeout: option(options, "timeout", null), count: option(options, "count", null), raiseError: option(options, "raiseError", false) }
    : { timeout: (options as number | null | undefined) ?? null };
  const list = [...greenlets];
  return blocking(
    "joinall",
    (loop) => whenDone(loop, list, settings),
    (done) => done,
  );
}

/** Kills every greenlet, then (with block, the default) waits for them all to die. */
export function killall(
  greenlets: Iterable<Greenlet>,
  exception: unknown = GreenletExit,
  options?: { block?: boolean; timeout?: number | null },
) {
  const list = [...greenlets];
  for (const greenlet of list) greenlet.kill(exception, { block: false });
  if (!option(options, "block", true)) return undefined;
  const timeout = option(options, "timeout", null);
  return blocking(
    "killall",
    (loop) => whenDone(loop, list, { timeout }),
    () => undefined,
    false,
  );
}

export function sleep(seconds = 0): unknown {
  if (activeRuntime().runningLoop !== null) return asyncioSleep(seconds);
  if (seconds <= 0) {
    // gevent's sleep(0) in the main greenlet: the hub runs one round of callbacks (the other
    // greenlets' turns), main's wake-up last. Stopping after it, not when a future's done
    // callback runs, is what keeps main from waiting a second round.
    const loop = hubLoop();
    const wakeMain = () => loop.stop();
    loop.callSoon(wakeMain);
    loop.runForever();
    return undefined;
  }
  const wait = (loop: EventLoop) => {
    const future = loop.createFuture();
    future.waitTarget = { kind: "sleep", until: loop.time() + seconds, label: `gevent.sleep(${seconds})` };
    loop.callLater(seconds, () => future.done() || future.setResult(undefined));
    return future;
  };
  return blocking("sleep", wait, () => undefined);
}

/** The Greenlet running now; outside any, the raw main greenlet, as in gevent. */
export function getcurrent(): unknown {
  const task = activeRuntime().runningLoop?.currentTask;
  return (task && greenletOfTask.get(task)) ?? currentRawGreenlet();
}

export const monkey = makeModule({
  patchAll(): void {
    patchSleep(sleep);
  },
  patchTime(): void {
    patchSleep(sleep);
  },
});

export const gevent = makeModule({ spawn, joinall, killall, sleep, getcurrent, Greenlet, GreenletExit, monkey });
