// asyncio.run and its shutdown (CPython Lib/asyncio/runners.py): run the main coroutine to
// completion on a new loop, then cancel whatever is left, wait for it, and close the loop.

import { repr } from "../builtins/format.js";
import { type Context, copyContext } from "../modules/context-vars.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { cancelOnBehalf } from "./cancel-on-behalf.js";
import { isCoroutineLike } from "./coroutines.js";
import { setEventLoop } from "./events.js";
import { DeadlockError, RuntimeError, ValueError } from "./exceptions.js";
import { gather } from "./gather.js";
import { EventLoop } from "./loop.js";

export interface RunOptions {
  debug?: boolean | null;
  /** Makes the loop (`loop_factory`); without one, a new EventLoop that becomes the current loop. */
  loopFactory?: (() => EventLoop) | null;
}

/** asyncio.run: `with Runner(debug, loop_factory) as runner: return runner.run(main)`, as 3.12 writes it. */
export function run<T>(main: unknown, options?: RunOptions): T {
  if (activeRuntime().runningLoop !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const runner = new Runner(options);
  try {
    return runner.run(main) as T;
  } finally {
    runner.close();
  }
}

type RunnerState = "created" | "initialized" | "closed";

/**
 * asyncio.Runner (3.11+): one loop for several run() calls, which share one contextvars
 * Context; close() cancels what is left and closes the loop, as asyncio.run does at its end.
 */
export class Runner {
  private state: RunnerState = "created";
  private loop: EventLoop | null = null;
  private context: Context | null = null;
  private readonly debug: boolean | null;
  private readonly loopFactory: (() => EventLoop) | null;
  /** The current loop before this runner set its own, restored by close(). */
  private scriptLoop: EventLoop | null | undefined = undefined;

  constructor(options?: RunOptions) {
    this.debug = option(options, "debug", null);
    this.loopFactory = option(options, "loopFactory", null);
    // `using runner = new asyncio.Runner()` is Python's `with asyncio.Runner() as runner:`.
    // Defined per instance: QuickJS has no Symbol.dispose until the `using` lowering adds it.
    Object.defineProperty(this, Symbol.dispose, { value: () => this.close() });
  }

  run<T>(main: unknown, options?: { context?: Context | null }): T {
    const runtime = activeRuntime();
    if (runtime.runningLoop !== null) throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    const loop = this.lazyInit();
    if (!isCoroutineLike(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
    const context = option(options, "context", null) ?? this.context;
    return loop.runUntilComplete(loop.createTask(main, { context })) as T;
  }

  getLoop(): EventLoop {
    return this.lazyInit();
  }

  close(): void {
    if (this.state !== "initialized") return;
    const loop = this.loop as EventLoop;
    try {
      cancelAllTasks(loop);
      // CPython runs these as tasks too (they take Task-N names); the timeline leaves them out.
      loop.runUntilComplete(loop.createTask(loop.shutdownAsyncgens(), { instrumented: false }));
      loop.runUntilComplete(loop.createTask(loop.shutdownDefaultExecutor(), { instrumented: false }));
    } finally {
      // CPython leaves no current loop behind; here the script's own loop comes back, so timers
      // the script set before run() still fire when the script ends, as they would in Node.
      if (this.scriptLoop !== undefined) setEventLoop(this.scriptLoop !== null && !this.scriptLoop.isClosed() ? this.scriptLoop : null);
      loop.close();
      this.loop = null;
      this.state = "closed";
    }
  }

  __enter__(): this {
    this.lazyInit();
    return this;
  }

  __exit__(): boolean {
    this.close();
    return false;
  }

  private lazyInit(): EventLoop {
    if (this.state === "closed") throw new RuntimeError("Runner is closed");
    if (this.state === "initialized") return this.loop as EventLoop;
    const runtime = activeRuntime();
    let loop: EventLoop;
    if (this.loopFactory === null) {
      loop = new EventLoop(runtime);
      this.scriptLoop = runtime.eventLoop;
      setEventLoop(loop);
    } else {
      loop = this.loopFactory();
    }
    if (this.debug !== null) loop.setDebug(this.debug);
    this.loop = loop;
    this.context = copyContext();
    this.state = "initialized";
    return loop;
  }
}
addSnakeCaseAliases(Runner);

function cancelAllTasks(loop: EventLoop): void {
  const remaining = [...loop.liveTasks];
  if (remaining.length === 0) return;
  for (const task of remaining) cancelOnBehalf(task, "shutdown");
  try {
    loop.runUntilComplete(gather(...remaining, { returnExceptions: true }));
  } catch (error) {
    // A task that refuses to die cannot be waited for; the main error already told the story.
    if (error instanceof DeadlockError) return;
    throw error;
  }
  for (const task of remaining) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: "unhandled exception during asyncio.run() shutdown", exception, task });
    }
  }
}
