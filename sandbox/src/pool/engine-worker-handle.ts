// The main thread's side of one engine worker: it routes the worker's messages to the run or
// session they belong to, and ends them all if the worker dies or is terminated.

import { Worker } from "node:worker_threads";
import { ControlBlock } from "../engine/control-block.js";
import type { EngineEnd, EngineName, EngineWorkerData, FromWorker, ToWorker } from "../engine/messages.js";
import type { GuestRecord } from "../guest/guest-protocol.js";

export interface OperationListener {
  records(records: GuestRecord[]): void;
  ended(end: EngineEnd): void;
  cancelled?(requestId: number, cancelled: boolean): void;
}

/** How to end the operations of a worker that is gone, by operation id. */
export type EndOfLostOperation = (operationId: number) => EngineEnd;

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
  private lostOperation: EndOfLostOperation | null = null;
  private exited = false;
  /** Whether it ever became ready: one that failed to start is not replaced (it would fail again). */
  started = false;
  private terminating = false;
  private retiring = false;
  private markGone: () => void = () => {};

  constructor(
    options: { engine: EngineName; bundle: string; spareContexts: number; moduleMemoryBytes: number },
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
    this.worker.postMessage(message);
  }

  /** Stops the worker, whatever its engine is doing; its operations end as `end` says. */
  terminate(end: EndOfLostOperation): void {
    if (this.terminating || this.exited) return;
    this.terminating = true;
    this.lostOperation = end;
    void this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case "records":
        this.listeners.get(message.id)?.records(message.records);
        break;
      case "ended": {
        const listener = this.listeners.get(message.id);
        this.forget(message.id);
        listener?.ended(message.end);
        break;
      }
      case "cancelled":
        this.listeners.get(message.id)?.cancelled?.(message.requestId, message.cancelled);
        break;
      case "retiring":
        this.retiring = true;
        break;
      case "poisoned":
        this.retiring = true;
        this.lostOperation ??= lostToCrash(`the sandbox engine aborted (${message.message}) and was replaced`);
        break;
    }
  }

  private forget(id: number): void {
    this.listeners.delete(id);
    // A retiring worker stays referenced until it exits: the pool's next run waits for its replacement.
    if (this.listeners.size === 0 && !this.retiring) this.worker.unref();
  }

  private exit(): void {
    this.exited = true;
    const end = this.lostOperation ?? lostToCrash("the sandbox engine crashed and was replaced");
    for (const [id, listener] of [...this.listeners]) {
      this.forget(id);
      listener.ended(end(id));
    }
    this.onExit(this);
    this.markGone();
  }
}

export function lostToCrash(message: string): EndOfLostOperation {
  return () => ({
    stop: null,
    failure: { name: "SandboxError", message, stack: "" },
    counters: { cpuMs: 0, peakMemoryBytes: 0, tasks: 0, steps: 0, virtualSeconds: 0 },
  });
}
