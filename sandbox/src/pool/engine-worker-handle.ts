// The main thread's side of one engine worker: it routes the worker's messages to the run or
// session they belong to, and ends them all if the worker dies or is terminated. It runs in the
// worker's message events on the main thread, where an exception would end the process: a
// listener that throws fails its own operation only.

import { Worker } from "node:worker_threads";
import { recordsOf } from "../boundary/read-guest-records.js";
import { ControlBlock } from "../engine/control-block.js";
import type { EngineEnd, EngineWorkerData, FromWorker, ToWorker } from "../engine/messages.js";
import type { GuestRecord } from "../guest/guest-protocol.js";
import { type EndOfLostOperation, hostFailure, lostToAbort, lostToCrash } from "./operation-ends.js";

export interface OperationListener {
  records(records: GuestRecord[]): void;
  ended(end: EngineEnd): void;
  cancelled?(requestId: number, cancelled: boolean): void;
  interruptMissed?(): void;
}

const WORKER_URL = new URL("../engine/worker-boot.mjs", import.meta.url);
/** Native stack for QuickJS's recursion: well above the engine's own stack limit. */
const WORKER_STACK_MB = 8;

export class EngineWorkerHandle {
  readonly control = new ControlBlock();
  readonly ready: Promise<void>;
  /** Settles when the worker thread has exited. */
  readonly gone: Promise<void>;
  private readonly worker: Worker;
  private readonly listeners = new Map<number, OperationListener>();
  /** Operations whose listener threw, with what it threw: their records are dropped, and they end with that failure. */
  private readonly failed = new Map<number, unknown>();
  private lostOperation: EndOfLostOperation | null = null;
  private exited = false;
  /** Whether it ever became ready: one that failed to start is not replaced (it would fail again). */
  started = false;
  private terminating = false;
  private retiring = false;
  private markGone: () => void = () => {};

  constructor(
    options: Omit<EngineWorkerData, "controlBuffer">,
    private readonly onExit: (handle: EngineWorkerHandle) => void,
  ) {
    const data: EngineWorkerData = { ...options, controlBuffer: this.control.buffer };
    this.worker = new Worker(WORKER_URL, { workerData: data, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    let failure = "";
    this.worker.on("error", (error) => (failure ||= error.message));
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== "ready") return;
        this.worker.off("message", onMessage);
        this.started = true;
        resolve();
      };
      this.worker.on("message", onMessage);
      this.worker.once("exit", () => reject(new Error(`the sandbox engine could not start${failure ? `: ${failure}` : ""}`)));
    });
    this.ready.catch(() => {});
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    this.worker.on("message", (message: FromWorker) => this.receive(message));
    this.worker.on("exit", () => this.exit());
    // Referenced while starting, so a process waiting for the pool stays alive; idle workers never keep it alive.
    this.ready.then(
      () => {
        if (this.listeners.size === 0) this.worker.unref();
      },
      () => {},
    );
  }

  get operations(): number {
    return this.listeners.size;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** False once the worker said it exits after its current run (retiring, or its module aborted). */
  get reusable(): boolean {
    return !this.exited && !this.retiring;
  }

  send(message: ToWorker, listener?: OperationListener): void {
    if (listener) {
      this.listeners.set(message.id, listener);
      this.worker.ref();
    }
    this.control.messagePosted();
    this.worker.postMessage(message);
  }

  /** Stops the worker, whatever its engine is doing; its operations end as `end` says. */
  terminate(end: EndOfLostOperation): void {
    if (this.terminating || this.exited) return;
    this.terminating = true;
    this.lostOperation = end;
    void this.worker.terminate();
  }

  /** Never throws (see the top of the file). */
  private receive(message: FromWorker): void {
    switch (message.type) {
      case "records":
        this.deliver(message.id, (listener) => listener.records(recordsOf(message.batch)));
        break;
      case "ended": {
        const listener = this.listeners.get(message.id);
        const failed = this.failed.has(message.id);
        const error = this.failed.get(message.id);
        this.forget(message.id);
        if (listener !== undefined) this.end(listener, failed ? hostFailure(error, message.end.counters) : message.end);
        break;
      }
      case "cancelled":
        this.deliver(message.id, (listener) => listener.cancelled?.(message.requestId, message.cancelled));
        break;
      case "interrupt-missed":
        this.deliver(message.id, (listener) => listener.interruptMissed?.());
        break;
      case "retiring":
        this.retiring = true;
        break;
      case "poisoned":
        this.retiring = true;
        this.lostOperation ??= message.whileFreeing
          ? lostToAbort(message.message)
          : lostToCrash(`the sandbox engine aborted (${message.message}) and was replaced`);
        break;
    }
  }

  private deliver(id: number, call: (listener: OperationListener) => void): void {
    const listener = this.listeners.get(id);
    if (listener === undefined || this.failed.has(id)) return;
    try {
      call(listener);
    } catch (error) {
      this.fail(id, error);
    }
  }

  /** Stops the operation in the worker (a run at its next interrupt check, a session at once); it ends when the worker says so. */
  private fail(id: number, error: unknown): void {
    this.failed.set(id, error);
    this.control.requestStop(id);
    if (this.alive) this.send({ type: "close-session", id, message: "its records could not be processed" });
  }

  /** A listener that throws as its operation ends has nothing left for its error to end. */
  private end(listener: OperationListener, end: EngineEnd): void {
    try {
      listener.ended(end);
    } catch {
      // Ignored on purpose: the operation is over and forgotten.
    }
  }

  private forget(id: number): void {
    this.listeners.delete(id);
    this.failed.delete(id);
    // A retiring worker stays referenced until it exits: the pool's next run waits for its replacement.
    if (this.listeners.size === 0 && !this.retiring) this.worker.unref();
  }

  private exit(): void {
    this.exited = true;
    const lost = this.lostOperation ?? lostToCrash("the sandbox engine crashed and was replaced");
    for (const [id, listener] of [...this.listeners]) {
      const failed = this.failed.has(id);
      const error = this.failed.get(id);
      this.forget(id);
      this.end(listener, failed ? hostFailure(error) : lost(id));
    }
    this.onExit(this);
    this.markGone();
  }
}
