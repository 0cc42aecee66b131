// asyncio.timeout and timeout_at (CPython 3.12 Lib/asyncio/timeouts.py). A Timeout cancels
// the task that entered it when its deadline passes, then turns that one cancellation into
// TimeoutError on exit. Invariants:
// - it knows the cancellation is its own when, after uncancel(), the task's cancelling()
//   count is back to what it was on entry: any further request came from elsewhere and the
//   CancelledError goes on;
// - one deadline, one timer: reschedule() replaces the timer, and exit cancels it.

import { repr } from "../builtins/format.js";
import { cancelOnBehalf, uncancelOnBehalf } from "./cancel-on-behalf.js";
import { isExceptionType } from "./context-managers.js";
import { Coroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { CancelledError, RuntimeError, TimeoutError } from "./exceptions.js";
import type { Handle } from "./handles.js";
import { currentTask, type Task } from "./tasks.js";

/** The states of CPython's _State enum, by their values (what repr shows). */
type TimeoutState = "created" | "active" | "expiring" | "expired" | "finished";

export class Timeout {
  private state: TimeoutState = "created";
  private deadline: number | null;
  private timer: Handle | null = null;
  private task: Task | null = null;
  /** task.cancelling() when entered: requests above it are not this timeout's. */
  private cancellingOnEntry = 0;

  /** A deadline on the loop's clock; null never expires, one already past expires at once. */
  constructor(when?: number | null) {
    this.deadline = when ?? null;
  }

  when(): number | null {
    return this.deadline;
  }

  reschedule(when: number | null): void {
    if (this.state !== "active") {
      if (this.state === "created") throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this.state} Timeout`);
    }
    this.deadline = when ?? null;
    this.timer?.cancel();
    if (this.deadline === null) {
      this.timer = null;
      return;
    }
    const loop = getRunningLoop();
    this.timer = this.deadline <= loop.time() ? loop.callSoon(this.onTimeout) : loop.callAt(this.deadline, this.onTimeout);
  }

  expired(): boolean {
    return this.state === "expiring" || this.state === "expired";
  }

  __repr__(): string {
    if (this.state !== "active") return `<Timeout [${this.state}]>`;
    const when = this.deadline === null ? null : Math.round(this.deadline * 1000) / 1000;
    return `<Timeout [active] when=${repr(when)}>`;
  }

  __aenter__(): Coroutine<Timeout> {
    return Coroutine.wrap("__aenter__", this.enter());
  }

  __aexit__(type: unknown, error: unknown, _traceback: unknown): Coroutine<null> {
    return Coroutine.wrap("__aexit__", this.exit(type, error));
  }

  private *enter(): Generator<unknown, Timeout, unknown> {
    if (this.state !== "created") throw new RuntimeError("Timeout has already been entered");
    const task = currentTask();
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this.state = "active";
    this.task = task;
    this.cancellingOnEntry = task.cancelling();
    this.reschedule(this.deadline);
    return this;
  }

  private *exit(type: unknown, error: unknown): Generator<unknown, null, unknown> {
    if (this.state !== "active" && this.state !== "expiring") {
      throw new RuntimeError(`Cannot exit a ${this.state} Timeout`);
    }
    this.timer?.cancel();
    this.timer = null;
    if (this.state === "expiring") {
      this.state = "expired";
      const task = this.task as Task;
      if (uncancelOnBehalf(task, this.requester()) <= this.cancellingOnEntry && isExceptionType(type, CancelledError)) {
        throw timeoutErrorFrom(error);
      }
    } else {
      this.state = "finished";
    }
    return null;
  }

  /** Who the record names for this timeout's cancel and uncancel. */
  private requester(): "timeout" | "wait-for" {
    return madeByWaitFor.has(this) ? "wait-for" : "timeout";
  }

  private readonly onTimeout = (): void => {
    cancelOnBehalf(this.task as Task, this.requester());
    this.state = "expiring";
    this.timer = null;
  };
}

/** The Timeouts waitFor made: the record names waitFor, not timeout(), as the one that cancelled. */
const madeByWaitFor = new WeakSet<Timeout>();

/** waitFor's Timeout, `delay` seconds from now. */
export function waitForTimeout(delay: number | null): Timeout {
  const made = timeout(delay);
  madeByWaitFor.add(made);
  return made;
}

/** `raise TimeoutError from cause`: the CancelledError stays reachable as the cause. */
export function timeoutErrorFrom(cause: unknown): TimeoutError {
  const error = new TimeoutError();
  error.cause = cause;
  return error;
}

/** A Timeout `delay` seconds from now; null for none. */
export function timeout(delay: number | null): Timeout {
  const loop = getRunningLoop();
  return new Timeout(delay === null || delay === undefined ? null : loop.time() + delay);
}

/** A Timeout at `when` on the loop's clock (loop.time()); null for none. */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}
