// concurrent.futures.Future (CPython Lib/concurrent/futures/_base.py), what an executor's
// submit() returns. Unlike asyncio's Future it belongs to no loop: its done-callbacks run at
// once, on the thread that completes it, and result() blocks its caller until it is done.
// It cannot be awaited; asyncio.wrapFuture() makes an asyncio Future that follows it.

import { typeName } from "../builtins/compare.js";
import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { CancelledError, InvalidStateError, RuntimeError, TimeoutError } from "./exceptions.js";

type State = "PENDING" | "RUNNING" | "CANCELLED" | "FINISHED";

/** Blocks the calling thread until `future` is done or `timeout` seconds have passed. */
export type BlockingWait = (future: ConcurrentFuture, timeout: number | null) => void;

export class ConcurrentFuture<T = unknown> {
  private state: State = "PENDING";
  private value: T | undefined = undefined;
  private error: unknown = undefined;
  private hasError = false;
  private callbacks: ((future: ConcurrentFuture<T>) => unknown)[] = [];
  private readonly objectId = activeRuntime().nextObjectId();

  constructor(private readonly blockUntilDone: BlockingWait) {}

  cancel(): boolean {
    if (this.state === "RUNNING" || this.state === "FINISHED") return false;
    if (this.state === "CANCELLED") return true;
    this.state = "CANCELLED";
    this.invokeCallbacks();
    return true;
  }

  cancelled(): boolean {
    return this.state === "CANCELLED";
  }

  running(): boolean {
    return this.state === "RUNNING";
  }

  done(): boolean {
    return this.state === "CANCELLED" || this.state === "FINISHED";
  }

  result(timeout: number | null = null): T {
    this.wait(timeout);
    if (this.hasError) throw this.error;
    return this.value as T;
  }

  exception(timeout: number | null = null): unknown {
    this.wait(timeout);
    return this.hasError ? this.error : null;
  }

  addDoneCallback(callback: (future: ConcurrentFuture<T>) => unknown): void {
    if (!this.done()) {
      this.callbacks.push(callback);
      return;
    }
    this.invoke(callback);
  }

  /** Moves a queued future to RUNNING; false when it was cancelled first (the call is skipped). */
  setRunningOrNotifyCancel(): boolean {
    if (this.state === "CANCELLED") return false;
    if (this.state !== "PENDING") throw new RuntimeError(`Future in unexpected state: ${this.state}`);
    this.state = "RUNNING";
    return true;
  }

  setResult(value: T): void {
    this.checkNotDone();
    this.value = value;
    this.state = "FINISHED";
    this.invokeCallbacks();
  }

  setException(error: unknown): void {
    this.checkNotDone();
    this.error = error;
    this.hasError = true;
    this.state = "FINISHED";
    this.invokeCallbacks();
  }

  __repr__(): string {
    const address = `0x${this.objectId.toString(16)}`;
    if (this.state !== "FINISHED") return `<Future at ${address} state=${this.state.toLowerCase()}>`;
    const outcome = this.hasError ? `raised ${typeName(this.error)}` : `returned ${typeName(this.value)}`;
    return `<Future at ${address} state=finished ${outcome}>`;
  }

  private wait(timeout: number | null): void {
    if (!this.done()) this.blockUntilDone(this as ConcurrentFuture, timeout);
    if (this.state === "CANCELLED") throw new CancelledError();
    if (!this.done()) throw new TimeoutError();
  }

  private checkNotDone(): void {
    if (this.done()) throw new InvalidStateError(`${this.state}: ${repr(this)}`);
  }

  private invokeCallbacks(): void {
    const callbacks = this.callbacks;
    this.callbacks = [];
    for (const callback of callbacks) this.invoke(callback);
  }

  /** CPython logs a failing callback and carries on with the next one. */
  private invoke(callback: (future: ConcurrentFuture<T>) => unknown): void {
    try {
      callback(this);
    } catch (error) {
      activeRuntime().writeException("stderr", `exception calling callback for ${repr(this)}\n`, error);
    }
  }
}
addSnakeCaseAliases(ConcurrentFuture);
