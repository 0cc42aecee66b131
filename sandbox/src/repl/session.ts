// A REPL session: a sandbox that lives across inputs on the real clock, like
// `python -m asyncio`. Each input may use top-level await; its declarations persist; tasks it
// starts keep running, and printing, between inputs, driven by the worker's own event loop.
// One event stream carries everything the session does; eval() also answers with the
// input's own outcome. A session nobody talks to for idleTimeoutMs is closed.
// A session that ended (a limit, Ctrl-C, a lost connection) can be followed by a new one opened
// with `replay`: the earlier inputs' declarations come back as declarations.ts decides.

import { compilerError } from "@looplab/runtime/compile";
import { AsyncQueue } from "../async-queue.js";
import { defaultPool } from "../default-pool.js";
import type { EngineEnd } from "../engine/messages.js";
import { type GuestRecord, inputFile } from "../guest/guest-protocol.js";
import { endEvent, recordEvent } from "../guest-records.js";
import { describeLimit, engineLimits, type Limits, resolveLimits } from "../limits.js";
import { deferredSessionHandle } from "../pool/deferred-session-handle.js";
import { NO_COUNTERS } from "../pool/operation-ends.js";
import type { SessionHandle, WorkerPool } from "../pool/worker-pool.js";
import type { CompileErrorEvent, EndEvent, ErrorEvent, ResultEvent, RunEvent } from "../protocol-events.js";
import { MAX_REPLAY_INPUTS } from "../protocol-events.js";
import { StackMapper } from "../stack-frames.js";
import { compileInput } from "./compile-input.js";
import { declarationsOf, type NotRestored, type PastInput } from "./declarations.js";

export type { NotRestored, PastInput } from "./declarations.js";

export interface SessionOptions {
  limits?: Partial<Limits>;
  /** Stream task events too (default true). */
  events?: boolean;
  seed?: number;
  /** Milliseconds without eval() or cancel() before the session closes (default 10 minutes). */
  idleTimeoutMs?: number;
  pool?: WorkerPool;
  /** Inputs of an earlier session, oldest first, whose declarations this one starts with (declarations.ts). */
  replay?: readonly PastInput[];
}

/** What replay brought back: each name once, as its last declaration left it. */
export interface ReplaySummary {
  restored: string[];
  notRestored: NotRestored[];
}

/** What one input came to: its value (Python's REPL echo), its error, or its compile error. */
export type EvalOutcome =
  | { kind: "value"; value: string | null }
  | { kind: "error"; error: ErrorEvent }
  | { kind: "compile-error"; error: CompileErrorEvent }
  | { kind: "closed"; end: EndEvent };

export interface Session {
  /** Everything the session does, in order, until its end event. Read it, or the session closes when too much waits. */
  readonly events: AsyncIterable<RunEvent>;
  eval(source: string): Promise<EvalOutcome>;
  /** Cancels a task by the id its events carry; false when no such task is pending. */
  cancel(taskId: number): Promise<boolean>;
  /** The task of the input still running, if any (to cancel it, as Ctrl-C does in Python's REPL). */
  readonly runningInputTask: number | null;
  /**
   * Ctrl-C, as in `python -m asyncio`: when the session's sandbox is computing right now, the
   * task computing ends with a KeyboardInterrupt where it stood (its catch and finally blocks do
   * not run) and the running input, if another, is cancelled; the session goes on. When the
   * computation cannot be stopped so (engine/interrupt-landing.ts), or on a second Ctrl-C for
   * the same input, the session ends (reason "stopped", message INTERRUPTED). When nothing
   * computes, the input's task is cancelled (delivered at its await); so it is too when the
   * operation computing ends before the interrupt could land. Returns what it did: "idle" when
   * no input runs.
   */
  interrupt(): "idle" | "cancelled" | "interrupted";
  /** The inputs this session ran, oldest first (replayed declarations first): what a next session's `replay` takes. */
  readonly history: readonly PastInput[];
  /** What `replay` brought back, or null when the session was opened without it. */
  readonly replayed: ReplaySummary | null;
  close(): Promise<EndEvent>;
  readonly ended: Promise<EndEvent>;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Characters of past inputs kept to map tracebacks: a session's memory on the server stays bounded. */
const MAX_SOURCE_CHARACTERS = 8 * 1024 * 1024;
/** Events waiting for a reader before the session is closed instead of buffering more. */
const MAX_UNREAD_EVENTS = 10_000;
/** Characters of past inputs a session keeps for a next session's replay; the oldest go first. */
const MAX_HISTORY_CHARACTERS = 1024 * 1024;

export async function openSession(options: SessionOptions = {}): Promise<Session> {
  const session = new SandboxSession(options);
  await session.open(options.pool ?? defaultPool());
  return session;
}

class SandboxSession implements Session {
  private readonly limits: Limits;
  private readonly stacks = new StackMapper(MAX_SOURCE_CHARACTERS);
  private readonly queue = new AsyncQueue<RunEvent>();
  private readonly pending = new Map<number, (outcome: EvalOutcome) => void>();
  private readonly inputTasks = new Map<number, number>();
  private handle: SessionHandle | null = null;
  private pool: WorkerPool | null = null;
  /** close() was called: an end that would restart the session ends it instead. */
  private closeAsked = false;
  private nextInputId = 1;
  /** The input a Ctrl-C was sent to: another while it still runs ends the session. */
  private interruptedInput: number | null = null;
  private lastOutcome: EvalOutcome = { kind: "value", value: null };
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private finished: EndEvent | null = null;
  private resolveEnded: (end: EndEvent) => void = () => {};
  readonly ended: Promise<EndEvent>;
  readonly history: PastInput[] = [];
  replayed: ReplaySummary | null = null;
  /** Replaying: the replayed inputs' events are not the person's, and are not streamed. */
  private quiet = false;

  constructor(private readonly options: SessionOptions) {
    this.limits = resolveLimits(options.limits);
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  async open(pool: WorkerPool): Promise<void> {
    this.pool = pool;
    this.handle = this.watched(await this.connect(pool));
    if (this.options.replay !== undefined) await this.replay(this.options.replay);
    this.touch();
  }

  /** Evaluates the declarations of `inputs` that declarations.ts brings back, one input at a time, in order. */
  private async replay(inputs: readonly PastInput[]): Promise<void> {
    // name -> what its last declaration came to: null when restored, else why not.
    const names = new Map<string, string | null>();
    this.quiet = true;
    try {
      for (const input of keepLatest(inputs)) {
        if (input.source.length > this.limits.snippetBytes) continue;
        const declarations = await declarationsOf(input);
        for (const { name, reason } of declarations.notRestored) names.set(name, reason);
        if (declarations.code === "") continue;
        const outcome = await this.eval(declarations.code, false);
        if (outcome.kind === "closed") break;
        const failure = outcome.kind === "value" ? null : `replaying it failed: ${outcomeText(outcome)}`;
        for (const name of declarations.restored) names.set(name, failure);
        if (failure === null) this.remember({ source: declarations.code, completed: true });
      }
      // A name restored from an earlier input but left out from a later one would hold a stale value.
      const stale = [...names].filter(([, reason]) => reason !== null).map(([name]) => name);
      if (stale.length > 0 && this.finished === null)
        await this.eval(`for (const name of ${JSON.stringify(stale)}) delete globalThis[name];`, false);
    } finally {
      this.quiet = false;
    }
    this.replayed = {
      restored: [...names].filter(([, reason]) => reason === null).map(([name]) => name),
      notRestored: [...names].flatMap(([name, reason]) => (reason === null ? [] : [{ name, reason }])),
    };
  }

  private remember(input: PastInput): void {
    this.history.push(input);
    let characters = this.history.reduce((sum, past) => sum + past.source.length, 0);
    while ((characters > MAX_HISTORY_CHARACTERS || this.history.length > MAX_REPLAY_INPUTS) && this.history.length > 0)
      characters -= (this.history.shift() as PastInput).source.length;
  }

  /** Opens the session's sandbox on a worker of `pool`. */
  private connect(pool: WorkerPool): Promise<SessionHandle> {
    const limits = this.limits;
    return pool.openSession(
      {
        config: {
          clock: "real",
          seed: this.options.seed,
          events: this.options.events ?? true,
          limits: { outputBytes: limits.outputBytes, events: limits.events, tasks: limits.tasks, virtualSeconds: limits.virtualSeconds },
        },
        limits: engineLimits(limits),
      },
      {
        records: (records) => this.receive(records),
        ended: (end) => this.end(end),
        // The Ctrl-C came as the operation was ending (the input reaching its await, say): it is not lost.
        interruptMissed: () => {
          const input = this.runningInput();
          if (input !== null) void this.cancel(input.taskId);
        },
      },
    );
  }

  /** The handle, noting a close asked for: a session being closed is never restarted. */
  private watched(handle: SessionHandle): SessionHandle {
    return {
      ...handle,
      close: (message) => {
        this.closeAsked = true;
        handle.close(message);
      },
    };
  }

  /**
   * The session's sandbox was lost with its worker through no fault of its own: a fresh one takes
   * its place under the same session object and event stream, which says so. Inputs in flight
   * end with the notice as their error; calls made meanwhile wait for the new sandbox.
   */
  private restart(pool: WorkerPool, notice: string): void {
    const error: ErrorEvent = {
      type: "error",
      time: 0,
      name: "SandboxError",
      message: notice,
      frames: [],
      traceback: `SandboxError: ${notice}\n`,
    };
    for (const resolve of this.pending.values()) resolve({ kind: "error", error });
    this.pending.clear();
    this.inputTasks.clear();
    this.lastOutcome = { kind: "value", value: null };
    this.queue.push({ type: "output", time: 0, stream: "stderr", text: `${notice}\n` });
    const opening = this.connect(pool);
    this.handle = this.watched(deferredSessionHandle(opening));
    opening.catch((reason: unknown) =>
      this.end({
        stop: { kind: "stopped", message: `its sandbox was lost and could not be restarted: ${String(reason)}` },
        failure: null,
        counters: NO_COUNTERS,
      }),
    );
  }

  get events(): AsyncIterable<RunEvent> {
    const queue = this.queue;
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const event = await queue.shift();
          yield event;
          if (event.type === "end") return;
        }
      },
    };
  }

  get runningInputTask(): number | null {
    return this.runningInput()?.taskId ?? null;
  }

  private runningInput(): { inputId: number; taskId: number } | null {
    const last = [...this.inputTasks].at(-1);
    return last === undefined ? null : { inputId: last[0], taskId: last[1] };
  }

  async eval(source: string, remembered = true): Promise<EvalOutcome> {
    const open = this.finished === null;
    const outcome = await this.evaluate(source);
    // A compile error never ran; an input that ended the session ran until that end.
    if (remembered && open && outcome.kind !== "compile-error") this.remember({ source, completed: outcome.kind === "value" });
    return outcome;
  }

  interrupt(): "idle" | "cancelled" | "interrupted" {
    const input = this.runningInput();
    // An input sent but not started yet waits behind whatever computes: a background task, say.
    const inputId = input?.inputId ?? [...this.pending.keys()].at(-1);
    if (inputId === undefined || this.handle === null) return "idle";
    const again = this.interruptedInput === inputId;
    this.interruptedInput = inputId;
    if (this.handle.interrupt(again)) return "interrupted";
    if (input === null) return "idle";
    void this.cancel(input.taskId);
    return "cancelled";
  }

  private async evaluate(source: string): Promise<EvalOutcome> {
    if (this.finished !== null) return { kind: "closed", end: this.finished };
    this.touch();
    const inputId = this.nextInputId++;
    if (source.length > this.limits.snippetBytes) {
      const message = describeLimit("snippet-size", this.limits);
      const error: ErrorEvent = { type: "error", time: 0, name: "", message, frames: [], traceback: `${message}\n` };
      this.emit(error);
      return { kind: "error", error };
    }
    const filename = `<input-${inputId}>`;
    let compiled: Awaited<ReturnType<typeof compileInput>>;
    try {
      compiled = await compileInput(source, filename, inputId);
    } catch (error) {
      // Whatever the compiler threw, the input gets a compile error that says so.
      const event: CompileErrorEvent = { type: "compile-error", diagnostics: compilerError(error, filename).diagnostics };
      this.emit(event);
      return { kind: "compile-error", error: event };
    }
    if (this.finished !== null) return { kind: "closed", end: this.finished };
    // The input's lines and its two source maps, about three times its length.
    this.stacks.register(inputFile(inputId), compiled.source, 3 * source.length + compiled.code.length);
    const outcome = new Promise<EvalOutcome>((resolve) => this.pending.set(inputId, resolve));
    this.handle?.evaluate(inputId, compiled.code);
    return outcome;
  }

  async cancel(taskId: number): Promise<boolean> {
    if (this.finished !== null || this.handle === null) return false;
    this.touch();
    return this.handle.cancel(taskId);
  }

  close(message = "closed"): Promise<EndEvent> {
    if (this.finished === null) this.handle?.close(message);
    return this.ended;
  }

  private emit(event: RunEvent): void {
    if (!this.quiet) this.queue.push(event);
  }

  private touch(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    const timeout = this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (!Number.isFinite(timeout)) return;
    this.idleTimer = setTimeout(() => void this.close(`closed after ${Math.round(timeout / 1000)} s without input`), timeout);
    this.idleTimer.unref();
  }

  private receive(records: GuestRecord[]): void {
    for (const record of records) {
      if (record.type === "input-started") {
        this.inputTasks.set(record.inputId, record.taskId);
        continue;
      }
      if (record.type === "input-done") {
        this.inputTasks.delete(record.inputId);
        this.pending.get(record.inputId)?.(this.lastOutcome);
        this.pending.delete(record.inputId);
        this.lastOutcome = { kind: "value", value: null };
        continue;
      }
      const event = recordEvent(record, this.stacks);
      if (event === null) continue;
      if (event.type === "error") this.lastOutcome = { kind: "error", error: event };
      if (event.type === "result") this.lastOutcome = { kind: "value", value: (event as ResultEvent).value };
      this.emit(event);
    }
    if (this.queue.length > MAX_UNREAD_EVENTS)
      void this.close(`closed: more than ${MAX_UNREAD_EVENTS.toLocaleString("en-US")} events were left unread`);
  }

  private end(engineEnd: EngineEnd): void {
    if (engineEnd.restartNotice !== undefined && !this.closeAsked && this.pool !== null && this.finished === null) {
      this.restart(this.pool, engineEnd.restartNotice);
      return;
    }
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    const end = endEvent(engineEnd, null, this.limits);
    if (engineEnd.failure !== null) end.message = `${engineEnd.failure.name}: ${engineEnd.failure.message}`;
    if (engineEnd.message !== undefined) end.message = engineEnd.message;
    this.finished = end;
    this.queue.push(end);
    for (const resolve of this.pending.values()) resolve({ kind: "closed", end });
    this.pending.clear();
    this.inputTasks.clear();
    this.resolveEnded(end);
  }
}

/** The latest inputs whose sources fit the history's bound. */
function keepLatest(inputs: readonly PastInput[]): PastInput[] {
  const kept: PastInput[] = [];
  let characters = 0;
  for (let index = inputs.length - 1; index >= 0 && kept.length < MAX_REPLAY_INPUTS; index--) {
    const input = inputs[index] as PastInput;
    characters += input.source.length;
    if (characters > MAX_HISTORY_CHARACTERS) break;
    kept.unshift(input);
  }
  return kept;
}

function outcomeText(outcome: EvalOutcome): string {
  switch (outcome.kind) {
    case "value":
      return "";
    case "error":
      return outcome.error.name === "" ? outcome.error.message : `${outcome.error.name}: ${outcome.error.message}`;
    case "compile-error":
      return outcome.error.diagnostics[0]?.message ?? "it did not compile";
    case "closed":
      return outcome.end.message ?? "the session ended";
  }
}
