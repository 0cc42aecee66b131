// One run's runtime inside QuickJS, wired to the host: output and events go to the batcher,
// the clock and blocking sleep to the engine, and the task and clock limits are checked where
// tasks are numbered and where the clock moves.

import { createRuntime, globals, type LiveRuntime, type RuntimeHost, repr, str } from "@looplab/runtime";
import type { GuestCounters, GuestError, GuestHost, GuestRunConfig } from "./guest-protocol.js";
import { RecordBatcher } from "./record-batcher.js";

export class GuestRun {
  readonly live: LiveRuntime;
  readonly batcher: RecordBatcher;

  constructor(host: GuestHost, config: GuestRunConfig) {
    const batcher = new RecordBatcher(host, config.limits);
    const time = () => this.live.runtime.clock.now();
    const runtimeHost: RuntimeHost = {
      now: () => host.now(),
      blockingSleep: (seconds) => {
        batcher.flush();
        // Never past the clock limit: waking there lets the limit end the run.
        host.blockingSleep(Math.min(seconds, Math.max(0, config.limits.virtualSeconds - time()) + 0.001));
      },
      runMicrotasks: () => host.runJobs(),
    };
    // With task events on, output arrives as output events; without, the instrument stays off.
    if (config.events) runtimeHost.onEvent = (event) => batcher.event(event);
    else runtimeHost.write = (stream, text) => batcher.event({ type: "output", time: time(), stream, text });
    this.batcher = batcher;
    this.live = createRuntime(runtimeHost, { clock: config.clock, seed: config.seed });
    this.limitTasks(host, config.limits.tasks);
    this.limitClock(host, config.limits.virtualSeconds);
  }

  time(): number {
    return this.live.runtime.clock.now();
  }

  /** Puts the snippet globals (print, console, timers) on the global object too, for code run by eval or Function. */
  publishGlobals(global: Record<string, unknown>): void {
    const { scopeNames, scopeValues } = this.live;
    scopeNames.forEach((name, index) => {
      if (name in globals) global[name] = scopeValues[index];
    });
  }

  counters(): GuestCounters {
    const runtime = this.live.runtime;
    return { tasks: runtime.tasksCreated, steps: runtime.steps, virtualSeconds: runtime.clock.virtual ? runtime.clock.now() : 0 };
  }

  recordError(error: unknown): void {
    this.batcher.record({ type: "guest-error", time: this.time(), error: describeError(error) });
  }

  private limitTasks(host: GuestHost, limit: number): void {
    const runtime = this.live.runtime;
    const nextTaskId = runtime.nextTaskId.bind(runtime);
    runtime.nextTaskId = () => {
      const id = nextTaskId();
      if (id > limit) host.limit("tasks");
      return id;
    };
  }

  /** The clock limit: virtual seconds, or real ones on the real clock (where sleeping is idle, not CPU). */
  private limitClock(host: GuestHost, limit: number): void {
    const clock = this.live.runtime.clock;
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (seconds) => {
      sleep(seconds);
      if (clock.now() > limit) host.limit("virtual-time");
    };
  }
}

/** Name, message and stack of anything a snippet can throw, even a hostile object. */
export function describeError(error: unknown): GuestError {
  try {
    if (error instanceof Error) {
      return { name: String(error.name || "Error"), message: str(error), stack: typeof error.stack === "string" ? error.stack : "" };
    }
    return { name: "", message: repr(error), stack: "" };
  } catch {
    return { name: "", message: "an exception that could not be described", stack: "" };
  }
}
