// A REPL session inside QuickJS on the real clock, driven by the host: each input is an async
// function (see sandbox/src/repl) whose coroutine becomes a task on the session's loop; the host
// calls tick() from its own event loop, so tasks keep running between inputs.

import { modules, repr } from "@looplab/runtime";
import { KeyboardInterrupt } from "../../../runtime/src/asyncio/exceptions.js";
import type { EventLoop } from "../../../runtime/src/asyncio/loop.js";
import { endInterruptedStep, type Task } from "../../../runtime/src/asyncio/tasks.js";
import { bounded } from "./bounded-text.js";
import { type GuestHost, type GuestRunConfig, MAX_RESULT_CHARACTERS } from "./guest-protocol.js";
import { GuestRun } from "./guest-run.js";
import { recordOwn } from "./record-batcher.js";

type CompiledInput = (...scope: unknown[]) => unknown;
type InputFunction = () => unknown;

/** Extra scope names of a compiled input: how it hands over its function, and the global object. */
export const INPUT_SCOPE_NAMES = ["__replInput", "__replGlobals"];

interface AsyncioModule {
  newEventLoop(): EventLoop;
  setEventLoop(loop: EventLoop | null): void;
}

export class GuestSession {
  private readonly run: GuestRun;
  private readonly loop: EventLoop;
  /** The tasks of the inputs still running. */
  private readonly inputTasks = new Set<Task>();

  constructor(
    host: GuestHost,
    config: GuestRunConfig,
    private readonly global: Record<string, unknown>,
  ) {
    this.run = new GuestRun(host, config);
    this.run.publishGlobals(global);
    const asyncio = modules.asyncio as unknown as AsyncioModule;
    this.loop = asyncio.newEventLoop();
    asyncio.setEventLoop(this.loop);
  }

  get scopeNames(): string[] {
    return [...this.run.live.scopeNames, ...INPUT_SCOPE_NAMES];
  }

  /** Starts an input: its task runs on the following ticks; its outcome is recorded when done. */
  evaluate(inputId: number, compiled: CompiledInput): void {
    const run = this.run;
    run.live.activate();
    let inputFunction: InputFunction | null = null;
    try {
      compiled(...run.live.scopeValues, (fn: InputFunction) => (inputFunction = fn), this.global);
      if (inputFunction === null) throw new Error("the compiled input did not register its function");
      const task: Task = this.loop.createTask((inputFunction as InputFunction)() as Parameters<EventLoop["createTask"]>[0]);
      this.inputTasks.add(task);
      task.addDoneCallback(() => this.report(inputId, task));
      recordOwn(run.batcher, { type: "input-started", inputId, taskId: task.id });
    } catch (error) {
      run.recordError(error);
      recordOwn(run.batcher, { type: "input-done", inputId });
    }
    run.batcher.flush();
  }

  /** One loop iteration; returns seconds until the next one is needed, or -1 when only input can wake it. */
  tick(): number {
    this.run.live.activate();
    try {
      return this.loop.tick() ?? -1;
    } finally {
      this.run.batcher.flush();
    }
  }

  cancel(taskId: number): number {
    this.run.live.activate();
    for (const task of this.loop.liveTasks) {
      if (task.id === taskId) return task.cancel() ? 1 : 0;
    }
    return 0;
  }

  /**
   * A Ctrl-C interrupted a tick in a task's step (engine/interrupt-landing.ts): that task gets a
   * KeyboardInterrupt where it was, and an input still running is cancelled, as in
   * `python -m asyncio`. 1 when done, 0 when the loop was not where the host thought.
   */
  recoverInterrupt(): number {
    this.run.live.activate();
    try {
      const interrupted = endInterruptedStep(this.loop, new KeyboardInterrupt());
      if (interrupted === null) return 0;
      for (const task of this.inputTasks) if (task !== interrupted) task.cancel();
      return 1;
    } finally {
      this.run.batcher.flush();
    }
  }

  drain(): void {
    this.run.batcher.drain();
  }

  end(): string {
    return this.run.end();
  }

  private report(inputId: number, task: Task): void {
    const run = this.run;
    this.inputTasks.delete(task);
    if (task.cancelled()) {
      run.recordError(safely(() => task.exception()));
    } else {
      const error = task.exception();
      if (error !== null) run.recordError(error);
      else {
        const value = task.result();
        if (value !== undefined && value !== null)
          recordOwn(run.batcher, { type: "guest-result", time: run.time(), value: bounded(repr(value), MAX_RESULT_CHARACTERS) });
      }
    }
    recordOwn(run.batcher, { type: "input-done", inputId });
  }
}

/** What a call throws (a cancelled task's exception() throws its CancelledError). */
function safely(call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    return error;
  }
}
