// One run's runtime inside QuickJS, wired to the host: output and events go to the batcher,
// the clock and blocking sleep to the engine, and the task and clock limits are checked by the
// runtime's hooks where tasks are numbered and where the clock moves. The RuntimeHost made
// here is the runtime's private state: no object a snippet can reach holds it.

import {
  type AwaitFrame,
  awaitFramesOf,
  createRuntime,
  exceptionName,
  globals,
  type LiveRuntime,
  type RuntimeHost,
  repr,
  str,
} from "@looplab/runtime";
import { bounded } from "./bounded-text.js";
import { isArray, max, min, sliceString } from "./captured-intrinsics.js";
import { deadlockGraphOf } from "./deadlock-graph.js";
import {
  type GuestCounters,
  type GuestError,
  type GuestHost,
  type GuestRunConfig,
  MAX_ERROR_MESSAGE_CHARACTERS,
  MAX_ERROR_NAME_CHARACTERS,
  MAX_ERROR_STACK_CHARACTERS,
  MAX_GROUP_DEPTH,
  MAX_GROUP_EXCEPTIONS,
  MAX_GROUP_WIDTH,
  MAX_MEMBER_MESSAGE_CHARACTERS,
  MAX_MEMBER_STACK_CHARACTERS,
} from "./guest-protocol.js";
import { RecordBatcher, recordOwn } from "./record-batcher.js";
import { encodeJson } from "./record-encoder.js";

export class GuestRun {
  readonly live: LiveRuntime;
  readonly batcher: RecordBatcher;

  constructor(host: GuestHost, config: GuestRunConfig) {
    const batcher = new RecordBatcher(host, config.limits);
    const time = () => this.live.runtime.clock.now();
    const { tasks, virtualSeconds } = config.limits;
    const runtimeHost: RuntimeHost = {
      now: () => host.now(),
      blockingSleep: (seconds) => {
        batcher.flush();
        // Never past the clock limit: waking there lets the limit end the run.
        host.blockingSleep(min(seconds, max(0, virtualSeconds - time()) + 0.001));
      },
      runMicrotasks: () => host.runJobs(),
      writeTraceback: (stream, before, error, after) =>
        batcher.event({
          type: "guest-traceback",
          time: time(),
          stream,
          before: bounded(before, MAX_ERROR_MESSAGE_CHARACTERS),
          error: describeError(error),
          after: bounded(after, MAX_ERROR_MESSAGE_CHARACTERS),
        }),
      onTaskNumbered: (count) => {
        if (count > tasks) host.limit("tasks");
      },
      // Virtual seconds, or real ones on the real clock (where sleeping is idle, not CPU).
      onClockMoved: (now) => {
        if (now > virtualSeconds) host.limit("virtual-time");
      },
    };
    // With task events on, output arrives as output events; without, the instrument stays off.
    if (config.events !== false) runtimeHost.recordSink = batcher;
    else runtimeHost.write = (stream, text) => batcher.event({ type: "output", time: time(), stream, text });
    this.batcher = batcher;
    this.live = createRuntime(runtimeHost, {
      clock: config.clock,
      seed: config.seed,
      record: config.events === "tasks" ? "tasks" : "full",
    });
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

  /** Sends what is left and returns the run's counters as JSON (the host validates both). */
  end(): string {
    this.batcher.flush();
    const runtime = this.live.runtime;
    const counters: GuestCounters = {
      tasks: runtime.tasksCreated,
      steps: runtime.steps,
      virtualSeconds: runtime.clock.virtual ? runtime.clock.now() : 0,
    };
    return encodeJson(counters);
  }

  recordError(error: unknown): void {
    recordOwn(this.batcher, { type: "guest-error", time: this.time(), error: describeError(error) });
  }
}

/**
 * Name, message and stack of anything a snippet can throw, even a hostile object (getters that
 * throw, a stack it wrote itself), each cut to the length the host accepts; an exception
 * group's sub-exceptions too, within MAX_GROUP_EXCEPTIONS (a group may even hold itself).
 */
export function describeError(error: unknown): GuestError {
  return describeWithin(error, 0, { left: MAX_GROUP_EXCEPTIONS });
}

function describeWithin(error: unknown, depth: number, budget: { left: number }): GuestError {
  const messageLimit = depth === 0 ? MAX_ERROR_MESSAGE_CHARACTERS : MAX_MEMBER_MESSAGE_CHARACTERS;
  const stackLimit = depth === 0 ? MAX_ERROR_STACK_CHARACTERS : MAX_MEMBER_STACK_CHARACTERS;
  try {
    if (error instanceof Error) {
      const stack: unknown = error.stack;
      const described: GuestError = {
        name: bounded(`${exceptionName(error)}`, MAX_ERROR_NAME_CHARACTERS),
        message: bounded(str(error), messageLimit),
        stack: typeof stack === "string" ? boundedStack(stack, stackLimit) : "",
        awaitFrames: boundedAwaitFrames(error),
        deadlock: depth === 0 ? deadlockGraphOf(error) : undefined,
      };
      const members: unknown = (error as { exceptions?: unknown }).exceptions;
      if (isArray(members) && depth < MAX_GROUP_DEPTH) {
        const kept: GuestError[] = [];
        for (let index = 0; index < members.length && index < MAX_GROUP_WIDTH && budget.left > 0; index++) {
          budget.left--;
          kept[index] = describeWithin(members[index], depth + 1, budget);
        }
        described.exceptions = kept;
        described.exceptionCount = members.length;
      }
      return described;
    }
    return { name: "", message: bounded(repr(error), messageLimit), stack: "" };
  } catch {
    return { name: "", message: "an exception that could not be described", stack: "" };
  }
}

/** The coroutines the error passed through, their names cut as an error's name is. */
function boundedAwaitFrames(error: unknown): AwaitFrame[] {
  const frames = awaitFramesOf(error);
  const kept: AwaitFrame[] = [];
  for (let index = 0; index < frames.length; index++) {
    const frame = frames[index] as AwaitFrame;
    kept[index] = { ...frame, function: bounded(`${frame.function}`, MAX_ERROR_NAME_CHARACTERS) };
  }
  return kept;
}

/** A stack's innermost and outermost frames, which tracebacks show; the middle is dropped. */
function boundedStack(stack: string, limit: number): string {
  if (stack.length <= limit) return stack;
  const half = limit / 2 - 1;
  return `${sliceString(stack, 0, half)}\n${sliceString(stack, stack.length - half)}`;
}
