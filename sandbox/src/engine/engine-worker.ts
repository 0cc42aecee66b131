// An engine worker: QuickJS on its own thread, never the main one. At start it evaluates the
// guest bundle once in a template engine and keeps its memory (engine-snapshot.ts); each
// program run then gets a context restored from it, in an engine instance and memory of its
// own; when it ends, its engine is reset to the snapshot in place and becomes a spare, or is
// dropped whole (a memory that grew). REPL sessions share one engine (session-engine.ts). It keeps spare contexts, runs program runs one
// at a time (each blocks this thread, which is why it is not the main one), and hosts REPL
// sessions between whose inputs it drives the session loops from its own event loop.

import { parentPort, workerData } from "node:worker_threads";
import { type CheckedBatch, hostBatch, readGuestCounters } from "../boundary/read-guest-records.js";
import { type GuestCounters, type GuestError, type GuestRecord, inputFile, SNIPPET_FILE } from "../guest/guest-protocol.js";
import { ControlBlock } from "./control-block.js";
import { EngineModule } from "./engine-module.js";
import { EngineSnapshot } from "./engine-snapshot.js";
import { type EngineStop, type GuestContext, INTERRUPTED, type OperationResult } from "./guest-context.js";
import type { EngineCounters, EngineWorkerData, FromWorker, OperationSettings, ToWorker } from "./messages.js";
import { SessionEngine } from "./session-engine.js";
import { SessionScheduler } from "./session-scheduler.js";
import { currentThreadId } from "./thread-cpu.js";

const data = workerData as EngineWorkerData;
const port = parentPort as NonNullable<typeof parentPort>;
const control = new ControlBlock(data.controlBuffer);
control.setThreadId(currentThreadId());
/** CPU budget of the call that collects what is left of a run after it ended. */
const END_BUDGET_MS = 500;
/** Headroom above the memory limit for that call, so a run that hit the limit can still report. */
const END_MEMORY_HEADROOM = 8 * 1024 * 1024;

const engineModule = await EngineModule.load(data.engine);
/** Made when the first program run's context is needed: a worker that hosts only sessions never makes it. */
let snapshot: EngineSnapshot | null = null;
let snapshotMade: Promise<EngineSnapshot> | null = null;
async function theSnapshot(): Promise<EngineSnapshot> {
  snapshotMade ??= EngineSnapshot.create(engineModule, data.bundle, control, data.moduleMemoryBytes);
  snapshot = await snapshotMade;
  return snapshot;
}
/** A run worker whose run's engine grew past this much retires after the run, so its memory is returned. */
const RETIRE_BYTES = Math.min(data.moduleMemoryBytes / 2, 192 * 1024 * 1024);
const spares: GuestContext[] = [];
/** A context with the bundle's state, made the way the pool asked. */
const newContext = async (): Promise<GuestContext> =>
  data.contextStart === "evaluate" ? (await theSnapshot()).evaluate(data.bundle, control) : (await theSnapshot()).restore(control);
let refillScheduled = false;
const sessionEngine = new SessionEngine(engineModule, data.bundle, control, data.moduleMemoryBytes);

function post(message: FromWorker): void {
  // A batch's numbers are moved, not copied: the worker made them for this message alone.
  port.postMessage(message, message.type === "records" ? [message.batch.numbers.buffer] : []);
}

/** The module aborted (quickjs-emscripten #269, or worse): nothing in it can be trusted again. */
function poisoned(error: unknown): never {
  post({ type: "poisoned", message: error instanceof Error ? error.message : String(error), whileFreeing: false });
  process.exit(1);
}

async function takeContext(): Promise<GuestContext> {
  const context = spares.pop() ?? (await newContext());
  scheduleRefill();
  return context;
}

/** Restores spare contexts one per turn of the event loop, so a run that arrives meanwhile waits for one at most. */
function scheduleRefill(): void {
  if (refillScheduled || spares.length >= data.spareContexts) return;
  refillScheduled = true;
  setImmediate(() => {
    // A run that ended meanwhile may have left its engine, reset, as a spare.
    if (spares.length >= data.spareContexts) {
      refillScheduled = false;
      return;
    }
    newContext().then(
      (context) => {
        refillScheduled = false;
        spares.push(context);
        scheduleRefill();
      },
      (error) => poisoned(error),
    );
  });
}

function guard(body: () => void): void {
  try {
    body();
  } catch (error) {
    poisoned(error);
  }
}

/** `message`: said instead of the limit's own sentence. */
function finish(
  guest: GuestContext,
  id: number,
  method: "endProgram" | "endSession",
  stop: EngineStop | null,
  failure: GuestError | null,
  message?: string,
) {
  const sink = recordSink(id);
  // The snippet's CPU time: the end's bookkeeping below is the sandbox's, so the counter and the
  // CPU limit's message carry the same figure.
  const cpuMs = guest.cpuMs;
  guest.measureMemory();
  guest.relaxMemoryLimit(END_MEMORY_HEADROOM);
  const result = guest.operate(END_BUDGET_MS, sink, () => readGuestCounters(guest.call(method)), { stoppable: false });
  const reading = result.ok ? result.value : null;
  if (reading?.ok === false) stop ??= { kind: "refused", message: `the guest sent ${reading.problem}` };
  const guestCounters: GuestCounters = reading?.ok ? reading.value : { tasks: 0, steps: 0, virtualSeconds: 0 };
  const counters: EngineCounters = { ...guestCounters, cpuMs, peakMemoryBytes: guest.peakMemoryBytes };
  let abort: unknown = null;
  try {
    guest.dispose();
  } catch (error) {
    abort = error;
  }
  const retiring = abort === null && method === "endProgram" && guest.memoryBytes > RETIRE_BYTES;
  if (abort !== null) post({ type: "poisoned", message: abort instanceof Error ? abort.message : String(abort), whileFreeing: true });
  else if (retiring) post({ type: "retiring" });
  post({ type: "ended", id, end: message === undefined ? { stop, failure, counters } : { stop, failure, counters, message } });
  if (abort !== null) process.exit(1);
  if (retiring) process.exit(0);
  // The finished context's engine, reset to the snapshot, is the next spare (cheaper than a restore).
  if (data.contextStart === "snapshot" && snapshot !== null && spares.length < data.spareContexts) {
    const recycled = snapshot.recycle(guest, control);
    if (recycled !== null) spares.push(recycled);
  }
}

function recordSink(id: number): (batch: CheckedBatch) => void {
  return (batch) => post({ type: "records", id, batch });
}

function runProgram(guest: GuestContext, id: number, code: string, settings: OperationSettings): void {
  guest.configure(id, settings.limits, { pausable: true, chargeBlocking: false, clock: settings.config.clock });
  const result = guest.operate(settings.limits.cpuMs, recordSink(id), () => {
    const scopeNames = guest.call("startProgram", JSON.stringify(settings.config));
    const snippet = guest.compile(code, scopeNames, SNIPPET_FILE);
    try {
      guest.call("runProgram", snippet);
    } finally {
      snippet.dispose();
    }
  });
  finish(
    guest,
    id,
    "endProgram",
    result.ok ? null : "stop" in result ? result.stop : null,
    !result.ok && "failure" in result ? result.failure : null,
  );
}

/**
 * A REPL session: its context, ticked by the worker's scheduler. Every operation is accounted
 * against the session's share of the worker, which it shares with other users' sessions.
 */
class WorkerSession {
  private scopeNames = "";
  private ended = false;
  /** Set by an operation that took the session past its share of the worker: the sentence that ends it. */
  private overShare: string | null = null;

  constructor(
    readonly id: number,
    private readonly guest: GuestContext,
    private readonly settings: OperationSettings,
  ) {
    scheduler.add(id, () => guard(() => this.tick()));
  }

  open(): void {
    this.guest.configure(this.id, this.settings.limits, {
      pausable: false,
      chargeBlocking: true,
      clock: this.settings.config.clock,
    });
    this.operate(() => {
      this.scopeNames = this.guest.call("openSession", JSON.stringify(this.settings.config));
    });
  }

  evaluate(inputId: number, code: string): void {
    if (this.ended) return;
    const result = this.accounted(() => {
      const compiled = this.guest.compile(code, this.scopeNames, inputFile(inputId));
      try {
        this.guest.call("evaluateInput", inputId, compiled);
      } finally {
        compiled.dispose();
      }
    });
    if (!result.ok && "stop" in result) {
      this.end(result.stop, null);
      return;
    }
    if (!result.ok) {
      // Code QuickJS cannot run (a syntax it lacks): the input fails, the session goes on.
      const records: GuestRecord[] = [
        { type: "guest-error", time: 0, error: result.failure },
        { type: "input-done", inputId },
      ];
      post({ type: "records", id: this.id, batch: hostBatch(records) });
    }
    if (this.endIfOverShare()) return;
    this.schedule(0);
  }

  cancel(requestId: number, taskId: number): void {
    let cancelled = false;
    this.operate(() => {
      cancelled = this.guest.call("cancelTask", taskId) === 1;
    });
    post({ type: "cancelled", id: this.id, requestId, cancelled });
    this.schedule(0);
  }

  close(message: string): void {
    this.end({ kind: "stopped", message }, null);
  }

  private tick(): void {
    let delay = -1;
    const outcome = this.operate(() => {
      delay = this.guest.call("tick");
      // Promise jobs may have settled futures: their callbacks are ready now.
      if (this.guest.runPendingJobs() > 0) delay = 0;
    }, true);
    // The interrupted task's KeyboardInterrupt is its next step.
    this.schedule(outcome === "recovered" ? 0 : delay);
  }

  /**
   * A Ctrl-C landed in a task's step: the guest gives that task a KeyboardInterrupt and puts its
   * loop right, and the session goes on; when it cannot, the session ends as the Ctrl-C asked.
   * A Ctrl-C during this operation ends the session too (only a tick is recoverable).
   */
  private recover(): "recovered" | "ended" {
    const result = this.accounted(() => this.guest.call("recoverInterrupt"));
    if (result.ok && result.value === 1) return this.endIfOverShare() ? "ended" : "recovered";
    // A stop (a limit, a second Ctrl-C) says what ended it; a recovery that failed (a snippet broke the runtime's loop, say) is the Ctrl-C's end.
    const stop = !result.ok && "stop" in result ? result.stop : null;
    this.end(stop ?? { kind: "stopped", message: INTERRUPTED }, null);
    return "ended";
  }

  private schedule(delaySeconds: number): void {
    if (!this.ended) scheduler.wake(this.id, delaySeconds < 0 ? -1 : delaySeconds * 1000);
  }

  /** One guest operation; a limit, a driver failure or passing its share ends the session. */
  private operate(body: () => void, recoverable = false): "ok" | "recovered" | "ended" {
    if (this.ended) return "ended";
    const result = this.accounted(body, recoverable);
    if (!result.ok && "stop" in result && result.stop.kind === "interrupted") {
      if (this.endIfOverShare()) return "ended";
      return this.recover();
    }
    if (!result.ok) {
      if ("stop" in result) this.end(result.stop, null);
      else this.end(null, result.failure);
      return "ended";
    }
    return this.endIfOverShare() ? "ended" : "ok";
  }

  /** Runs one guest operation and accounts the time it held the worker. */
  private accounted<T>(body: () => T, recoverable = false): OperationResult<T> {
    const startedAt = performance.now();
    const result = this.guest.operate(this.settings.limits.cpuMs, recordSink(this.id), body, { recoverable });
    this.overShare ??= scheduler.account(this.id, startedAt, performance.now());
    if (this.guest.missedInterrupt()) post({ type: "interrupt-missed", id: this.id });
    return result;
  }

  /** Ends the session between two of its operations when it took more than its share: the cpu limit, saying why. */
  private endIfOverShare(): boolean {
    if (this.overShare === null) return false;
    this.end({ kind: "limit", limit: "cpu" }, null, this.overShare);
    return true;
  }

  private end(stop: EngineStop | null, failure: GuestError | null, message?: string): void {
    if (this.ended) return;
    // Only a tick's Ctrl-C is recoverable, and recover() handles it; any other ends the session.
    if (stop?.kind === "interrupted") stop = { kind: "stopped", message: INTERRUPTED };
    this.ended = true;
    scheduler.remove(this.id);
    sessions.delete(this.id);
    finish(this.guest, this.id, "endSession", stop, failure, message);
  }
}

const sessions = new Map<number, WorkerSession>();
const scheduler = new SessionScheduler(data.sessionShare, () => control.messagesWaiting());

/** Messages are handled one at a time, in order: one may wait for a context to be restored. */
let handled: Promise<void> = Promise.resolve();

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "run": {
      const guest = await takeContext();
      control.messageTaken();
      guard(() => runProgram(guest, message.id, message.code, message));
      return;
    }
    case "open-session": {
      const guest = await sessionEngine.take();
      control.messageTaken();
      guard(() => {
        const session = new WorkerSession(message.id, guest, message);
        sessions.set(message.id, session);
        session.open();
      });
      return;
    }
  }
  control.messageTaken();
  guard(() => {
    switch (message.type) {
      case "evaluate":
        sessions.get(message.id)?.evaluate(message.inputId, message.code);
        break;
      case "cancel":
        if (sessions.has(message.id)) sessions.get(message.id)?.cancel(message.requestId, message.taskId);
        else post({ type: "cancelled", id: message.id, requestId: message.requestId, cancelled: false });
        break;
      case "close-session":
        sessions.get(message.id)?.close(message.message);
        break;
    }
  });
}

port.on("message", (message: ToWorker) => {
  handled = handled.then(() => handle(message)).catch(poisoned);
});

try {
  while (spares.length < data.spareContexts) spares.push(await newContext());
} catch (error) {
  poisoned(error);
}
post({ type: "ready" });
