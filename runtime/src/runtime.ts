// One run's state: its clock, output, counters and instrument. Python keeps the equivalent in
// process globals and thread-locals (the running loop, the Task-N counter); here each run gets
// a fresh Runtime so two runs never share a counter, and the one in use is "active", the way
// a Python thread has one running loop.

import { type Clock, RealClock, VirtualClock } from "./asyncio/clock.js";
import { RuntimeError } from "./asyncio/exceptions.js";
import type { EventLoop } from "./asyncio/loop.js";
import { exceptionName } from "./builtins/exception-name.js";
import { repr } from "./builtins/format.js";
import type { RuntimeHost, RuntimeOptions } from "./host.js";
import { Instrument } from "./instrument.js";
import { EventObjectSink } from "./record-sink.js";

/** The few facts about coroutines and futures the end-of-run report needs. */
export interface TrackedCoroutine {
  readonly name: string;
  /** Whether a task or an await has taken it: one never taken is reported. */
  readonly taken: boolean;
}
export interface UnretrievedFailure {
  /** Writes what Python logs when the object is collected with its failure never retrieved. */
  reportUnretrieved(runtime: Runtime): void;
}

const MIN_COROUTINES_TO_COMPACT = 1024;

/** A worker thread's output, made at `time` on the thread's clock. */
export interface ThreadOutput {
  readonly time: number;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
  written: boolean;
}

export class Runtime {
  readonly clock: Clock;
  readonly instrument: Instrument | null;
  /** Python's thread-local running loop. */
  runningLoop: EventLoop | null = null;
  /** The policy's current loop (set_event_loop / get_event_loop). */
  eventLoop: EventLoop | null = null;
  /**
   * Coroutines created, in creation order, to report those never awaited when the run ends.
   * Nearly all are taken at once, so taken ones are dropped in batches, not one by one: a Set's
   * add and delete per coroutine were a quarter of a sleep(0) loop's time. The newest one
   * waits in `newestCoroutine` and joins the list only if the next is made before it is taken:
   * most, awaited as soon as made, never touch the list.
   */
  private readonly coroutines: TrackedCoroutine[] = [];
  private newestCoroutine: TrackedCoroutine | null = null;
  private coroutinesToCompact = MIN_COROUTINES_TO_COMPACT;
  /** The current contextvars Context (modules/context-vars.ts): null until one is needed. */
  context: object | null = null;
  /** Whether a ContextVar was ever set: until then every context is empty, and tasks skip copying one. */
  contextVarsUsed = false;
  /** The run's event loops, whose pending tasks are destroyed when the run ends, as at CPython's exit. */
  readonly loops = new Set<EventLoop>();
  /** Failed futures and tasks whose exception nobody retrieved, reported when the run ends. */
  readonly unretrieved = new Set<UnretrievedFailure>();
  /** Task steps run so far, a host's measure of how much work a run did. */
  steps = 0;
  /** Set while a simulated worker thread runs: takes output to write at the thread's own time. */
  deferOutput: ((stream: "stdout" | "stderr", text: string) => boolean) | null = null;
  /** Output worker threads made at moments the loop has not reached, earliest first (see blockingSleep). */
  readonly #threadOutput: ThreadOutput[] = [];
  // The host and the counters a limit reads are #private, the instance is sealed and the
  // prototype frozen: a snippet reaches this object (loop.runtime) but cannot reach the host's
  // functions, renumber tasks or replace a method to skip a limit's hook.
  readonly #host: RuntimeHost;
  #taskIds = 0;
  #internalTasks = 0;
  #taskNames = 0;
  #objectIds = 0;

  constructor(
    host: RuntimeHost = {},
    readonly options: RuntimeOptions = {},
  ) {
    this.#host = host;
    this.clock = options.clock === "real" ? new RealClock(host) : new VirtualClock(host);
    const sink = host.recordSink ?? (host.onEvent ? new EventObjectSink(host.onEvent) : null);
    this.instrument = sink === null ? null : new Instrument(sink, this.clock, this, options.record !== "tasks");
    Object.seal(this);
  }

  /** Whether the host can run promise jobs mid-run (else an awaited Promise can only deadlock). */
  get runsMicrotasks(): boolean {
    return this.#host.runMicrotasks !== undefined;
  }

  runMicrotasks(): void {
    this.#host.runMicrotasks?.();
  }

  trackCoroutine(coroutine: TrackedCoroutine): void {
    const previous = this.newestCoroutine;
    this.newestCoroutine = coroutine;
    if (previous === null || previous.taken) return;
    this.coroutines.push(previous);
    if (this.coroutines.length >= this.coroutinesToCompact) this.dropTakenCoroutines();
  }

  nextTaskId(): number {
    const id = ++this.#taskIds;
    this.#host.onTaskNumbered?.(id);
    return id;
  }

  /** CPython numbers only the tasks it has to name: Task-1, Task-2, ... */
  nextTaskNumber(): number {
    return ++this.#taskNames;
  }

  nextObjectId(): number {
    return ++this.#objectIds;
  }

  /** The runtime's own bookkeeping tasks (run()'s shutdown steps), left out of tasksCreated. */
  countInternalTask(): void {
    this.#internalTasks++;
  }

  /** Tasks the snippet made: the count a run reports, matching the lanes on its timeline. */
  get tasksCreated(): number {
    return this.#taskIds - this.#internalTasks;
  }

  write(stream: "stdout" | "stderr", text: string): void {
    if (text === "") return;
    if (this.deferOutput?.(stream, text)) return;
    this.#host.write?.(stream, text);
    this.instrument?.output(stream, text);
  }

  /**
   * Output showing an exception's traceback between two texts, as asyncio's logs do. A host that
   * maps the snippet's stack to its TypeScript (the sandbox) formats the traceback; without one,
   * it is the JavaScript stack. Output a worker thread defers keeps the JavaScript form.
   */
  writeException(stream: "stdout" | "stderr", before: string, error: unknown, after = ""): void {
    const writeTraceback = this.#host.writeTraceback;
    if (writeTraceback !== undefined && this.deferOutput === null) writeTraceback(stream, before, error, after);
    else this.write(stream, `${before}${formatException(error)}\n${after}`);
  }

  /**
   * Keeps a worker thread's output for the moment `time` it was made at. The loop writes it
   * when its clock gets there (writeThreadOutput from a timer), or a blocking sleep of the
   * loop's thread does as it passes that moment: a real thread runs while the loop is blocked.
   */
  deferThreadOutput(time: number, stream: "stdout" | "stderr", text: string): ThreadOutput {
    const output: ThreadOutput = { time, stream, text, written: false };
    const list = this.#threadOutput;
    let index = list.length;
    while (index > 0 && (list[index - 1] as ThreadOutput).time > time) index--;
    list.splice(index, 0, output);
    return output;
  }

  writeThreadOutput(output: ThreadOutput): void {
    if (output.written) return;
    output.written = true;
    const index = this.#threadOutput.indexOf(output);
    if (index !== -1) this.#threadOutput.splice(index, 1);
    this.write(output.stream, output.text);
  }

  /** time.sleep() on the loop's thread: the clock passes `seconds`, writing worker threads' output at its moments on the way. */
  blockingSleep(seconds: number): void {
    if (!(seconds > 0)) return;
    const until = this.clock.now() + seconds;
    const list = this.#threadOutput;
    while (list.length > 0 && (list[0] as ThreadOutput).time <= until) {
      const output = list[0] as ThreadOutput;
      this.clock.sleep(output.time - this.clock.now());
      this.writeThreadOutput(output);
    }
    this.clock.sleep(until - this.clock.now());
  }

  /** End-of-run report of what Python would report at garbage collection. */
  finish(): void {
    for (const loop of this.loops) if (!loop.isRunning()) loop.destroyPendingTasks();
    if (this.newestCoroutine !== null) this.coroutines.push(this.newestCoroutine);
    this.newestCoroutine = null;
    this.dropTakenCoroutines();
    for (const coroutine of this.coroutines) {
      this.write("stderr", `RuntimeWarning: coroutine '${coroutine.name}' was never awaited\n`);
    }
    this.coroutines.length = 0;
    for (const failure of this.unretrieved) failure.reportUnretrieved(this);
    this.unretrieved.clear();
    this.instrument?.topLevelEnded();
  }

  /** Keeps the pass amortised O(1): it runs again only when the untaken ones have doubled. */
  private dropTakenCoroutines(): void {
    let kept = 0;
    for (const coroutine of this.coroutines) if (!coroutine.taken) this.coroutines[kept++] = coroutine;
    this.coroutines.length = kept;
    this.coroutinesToCompact = Math.max(MIN_COROUTINES_TO_COMPACT, 2 * kept);
  }
}

Object.freeze(Runtime.prototype);

let active: Runtime | null = null;

/** The active run's runtime, or null outside a run. */
export function activeRuntimeOrNull(): Runtime | null {
  return active;
}

export function activeRuntime(): Runtime {
  if (active === null) throw new RuntimeError("no Looplab runtime is active: create one with createRuntime()");
  return active;
}

/** The active run's instrument: null without a listener or outside a run. What a lock or a queue made now records to. */
export function activeInstrument(): Instrument | null {
  return active === null ? null : active.instrument;
}

export function setActiveRuntime(runtime: Runtime | null): void {
  active = runtime;
}

/** Formats an exception the way the default exception handler prints it. */
export function formatException(error: unknown): string {
  if (error instanceof Error && typeof error.stack === "string" && error.stack.includes("\n")) {
    // V8 heads its stack with "Error: message" for a snippet's `class Boom extends Error`.
    const frames = error.stack.split("\n").filter((line) => /^\s+at /.test(line));
    const name = exceptionName(error);
    return `${error.message === "" ? name : `${name}: ${error.message}`}\n${frames.join("\n")}`;
  }
  return repr(error);
}
