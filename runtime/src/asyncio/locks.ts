// Synchronisation primitives (CPython Lib/asyncio/locks.py). Invariants, as in CPython 3.12+:
// - waiters wake in FIFO order, and a newcomer never takes a lock or a permit ahead of a queued
//   waiter that is not cancelled;
// - a waiter that was woken and is cancelled before it runs passes the wake-up on, so no wake-up
//   and no permit is lost;
// - Condition.wait() holds the lock again whenever it returns or raises, even when cancelled.

import { Deque } from "../builtins/deque.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { activeInstrument } from "../runtime.js";
import { Coroutine } from "./coroutines.js";
import { runningTask } from "./events.js";
import { BrokenBarrierError, CancelledError, RuntimeError, ValueError } from "./exceptions.js";
import { type FastPath, fastPathCoroutine, NOT_NOW, withFastPath } from "./fast-path.js";
import type { Future, HeldResource } from "./futures.js";
import { LoopBoundMixin } from "./mixins.js";
import type { Task } from "./tasks.js";
import { internalPrimitive, WaitSubject } from "./wait-subject.js";

type Step = Generator<unknown, void, unknown>;

/** Python's _ContextManagerMixin: `async with` acquires, and releases whatever the body did. */
abstract class ContextManagerMixin extends LoopBoundMixin {
  abstract acquire(): Coroutine<boolean>;
  abstract release(): void;

  __aenter__(): Coroutine<undefined> {
    return Coroutine.wrap("_ContextManagerMixin.__aenter__", this.enterBody());
  }

  __aexit__(_type?: unknown, _exception?: unknown, _traceback?: unknown): Coroutine<undefined> {
    return Coroutine.wrap("_ContextManagerMixin.__aexit__", this.exitBody());
  }

  // The coroutines' bodies are generator methods, shared, not closures made per call (see Coroutine.wrap).

  private *enterBody(): Generator<unknown, undefined, unknown> {
    yield this.acquire();
    return undefined;
  }

  private *exitBody(): Generator<unknown, undefined, unknown> {
    this.release();
    return undefined;
  }
}

function isCancelled(waiter: Future<unknown>): boolean {
  return waiter.cancelled();
}

function isPending(waiter: Future<unknown>): boolean {
  return !waiter.done();
}

function waitersSuffix(waiters: Deque<unknown>): string {
  return waiters.length > 0 ? `, waiters:${waiters.length}` : "";
}

const NO_HOLDERS: readonly Task[] = Object.freeze([]);
/** A semaphore remembers at most this many of the tasks holding its permits. */
const MAX_HOLDERS_KEPT = 100;

export class Lock extends ContextManagerMixin implements HeldResource {
  private readonly waiters = new Deque<Future<boolean>>();
  private held = false;
  /** The task that took the lock, for deadlock reports; null when free or taken outside a task. */
  private holder: Task | null = null;
  /** What a task blocked in acquire() is shown waiting on; a Condition or Barrier that owns the lock shows itself. @internal */
  waitSubject = new WaitSubject("lock", "Lock");

  locked(): boolean {
    return this.held;
  }

  acquire(): Coroutine<boolean> {
    return fastPathCoroutine(Lock.ACQUIRE, this, undefined, !this.held && this.waiters.length === 0);
  }

  release(): void {
    if (!this.held) throw new RuntimeError("Lock is not acquired.");
    this.held = false;
    this.holder = null;
    this.recorder?.lockChanged(this.waitSubject, "release");
    this.wakeUpFirst();
  }

  /** @internal */
  holders(): readonly Task[] {
    return this.holder === null ? NO_HOLDERS : [this.holder];
  }

  __repr__(): string {
    return `<Lock [${this.held ? "locked" : "unlocked"}${waitersSuffix(this.waiters)}]>`;
  }

  // acquire() finishes at once when the lock is free (asyncio/fast-path.ts); its body is a
  // generator method, shared, not a closure made per call.
  private static readonly ACQUIRE: FastPath<Lock, undefined, boolean> = withFastPath(Lock.prototype.acquire, {
    name: "Lock.acquire",
    now: (lock) => lock.acquireNow(),
    body: (lock) => lock.acquireBody(),
  });

  private acquireNow(): boolean | typeof NOT_NOW {
    // Fair scheduling: jumping the queue is allowed only when every queued waiter is cancelled.
    if (this.held || (this.waiters.length !== 0 && !this.waiters.every(isCancelled))) return NOT_NOW;
    this.held = true;
    this.holder = runningTask();
    this.recorder?.lockChanged(this.waitSubject, "acquire");
    return true;
  }

  private *acquireBody(): Generator<unknown, boolean, unknown> {
    if (this.acquireNow() === true) return true;
    const waiter = this.createWaiter<boolean>(this.waitSubject);
    waiter.heldBy = this;
    this.waiters.push(waiter);
    this.recorder?.waiterJoined(this.waitSubject, "wait");
    try {
      try {
        yield waiter;
      } finally {
        this.waiters.remove(waiter);
      }
    } catch (error) {
      this.recorder?.waiterLeft(this.waitSubject);
      // While the lock is free, the first waiter must be on its way to take it.
      if (error instanceof CancelledError && !this.held) this.wakeUpFirst();
      throw error;
    }
    this.held = true;
    this.holder = runningTask();
    this.recorder?.lockChanged(this.waitSubject, "acquire");
    return true;
  }

  /** A done first waiter is already on its way to take the lock. */
  private wakeUpFirst(): void {
    if (this.waiters.length === 0) return;
    const first = this.waiters.first();
    if (!first.done()) first.setResult(true);
  }
}
addSnakeCaseAliases(Lock);

export class Event extends LoopBoundMixin {
  private readonly waiters = new Deque<Future<boolean>>();
  private value = false;
  /** What a task blocked in wait() is shown waiting on; a Queue shows its join() here. @internal */
  waitSubject = new WaitSubject("event", "Event");

  isSet(): boolean {
    return this.value;
  }

  set(): void {
    if (this.value) return;
    this.value = true;
    this.recorder?.resourceChanged(this.waitSubject, "set");
    for (const waiter of this.waiters) if (!waiter.done()) waiter.setResult(true);
  }

  clear(): void {
    if (this.value) this.recorder?.resourceChanged(this.waitSubject, "clear");
    this.value = false;
  }

  wait(): Coroutine<boolean> {
    return fastPathCoroutine(Event.WAIT, this, undefined, this.value);
  }

  __repr__(): string {
    return `<Event [${this.value ? "set" : "unset"}${waitersSuffix(this.waiters)}]>`;
  }

  // wait() finishes at once when the event is set (asyncio/fast-path.ts); its body is a
  // generator method, shared, not a closure made per call.
  private static readonly WAIT: FastPath<Event, undefined, boolean> = withFastPath(Event.prototype.wait, {
    name: "Event.wait",
    now: (event) => (event.value ? true : NOT_NOW),
    body: (event) => event.waitBody(),
  });

  private *waitBody(): Generator<unknown, boolean, unknown> {
    if (this.value) return true;
    const waiter = this.createWaiter<boolean>(this.waitSubject);
    this.waiters.push(waiter);
    this.recorder?.waiterJoined(this.waitSubject, "wait");
    try {
      yield waiter;
      return true;
    } finally {
      this.waiters.remove(waiter);
      this.recorder?.waiterLeft(this.waitSubject);
    }
  }
}
addSnakeCaseAliases(Event);

export class Condition extends ContextManagerMixin {
  private readonly lock: Lock;
  private readonly waiters = new Deque<Future<boolean>>();
  /** @internal */
  waitSubject = new WaitSubject("condition", "Condition");

  constructor(lock: Lock | { lock?: Lock | null } | null = null) {
    super();
    const given = isOptionsObject(lock) ? option<Lock | null>(lock, "lock", null) : lock;
    if (given === null || given === undefined) {
      this.lock = internalPrimitive(() => new Lock());
      this.lock.waitSubject = this.waitSubject;
    } else {
      this.lock = given;
    }
  }

  locked(): boolean {
    return this.lock.locked();
  }

  acquire(): Coroutine<boolean> {
    return this.lock.acquire();
  }

  release(): void {
    this.lock.release();
  }

  /** Releases the lock, waits to be notified, and holds the lock again before returning or raising. */
  wait(): Coroutine<boolean> {
    return Coroutine.wrap("Condition.wait", this.waitBody());
  }

  /** Waits until `predicate()` is truthy and returns its value. */
  waitFor<T>(predicate: () => T): Coroutine<T> {
    return Coroutine.wrap("Condition.wait_for", this.waitForBody(predicate));
  }

  notify(count: number | { n?: number } = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    const woken = this.wakeWaiters(isOptionsObject(count) ? option(count, "n", 1) : count);
    this.recorder?.resourceChanged(this.waitSubject, "notify", woken);
  }

  notifyAll(): void {
    this.notify(this.waiters.length);
  }

  __repr__(): string {
    return `<Condition [${this.locked() ? "locked" : "unlocked"}${waitersSuffix(this.waiters)}]>`;
  }

  // The coroutines' bodies are generator methods, shared, not closures made per call (see Coroutine.wrap).

  private *waitBody(): Generator<unknown, boolean, unknown> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    const waiter = this.createWaiter<boolean>(this.waitSubject);
    this.release();
    try {
      try {
        this.waiters.push(waiter);
        this.recorder?.waiterJoined(this.waitSubject, "wait");
        try {
          yield waiter;
          return true;
        } finally {
          this.waiters.remove(waiter);
          this.recorder?.waiterLeft(this.waitSubject);
        }
      } finally {
        yield* this.reacquire();
      }
    } catch (error) {
      // What ended the wait may have come after this task was notified: pass the notification
      // on (at worst a spurious wake-up, which the condition-variable protocol allows).
      this.wakeWaiters(1);
      throw error;
    }
  }

  private *waitForBody<T>(predicate: () => T): Generator<unknown, T, unknown> {
    let result = predicate();
    while (!result) {
      yield this.wait();
      result = predicate();
    }
    return result;
  }

  /** Takes the lock back whatever happens; a cancellation meanwhile is re-raised once it is held. */
  private *reacquire(): Step {
    let cancellation: CancelledError | null = null;
    for (;;) {
      try {
        yield this.acquire();
        break;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        cancellation = error;
      }
    }
    if (cancellation !== null) throw cancellation;
  }

  /** Wakes up to `count` waiters not yet woken, first come first; gives how many it woke. */
  private wakeWaiters(count: number): number {
    let woken = 0;
    for (const waiter of this.waiters) {
      if (woken >= count) break;
      if (!waiter.done()) {
        woken++;
        waiter.setResult(false);
      }
    }
    return woken;
  }
}
addSnakeCaseAliases(Condition);

export class Semaphore extends ContextManagerMixin implements HeldResource {
  protected value: number;
  private readonly waiters = new Deque<Future<boolean>>();
  /** Tasks that took a permit and gave none back, oldest first, for deadlock reports (at most MAX_HOLDERS_KEPT). */
  private readonly holding: Task[] = [];
  /** @internal */
  waitSubject: WaitSubject;

  constructor(value: number | { value?: number } = 1) {
    super();
    const initial = isOptionsObject(value) ? option(value, "value", 1) : value;
    if (initial < 0) throw new ValueError("Semaphore initial value must be >= 0");
    this.value = initial;
    this.waitSubject = new WaitSubject("semaphore", new.target.name);
  }

  /** True when acquire() would block: no permit left, or waiters queued ahead (FIFO). */
  locked(): boolean {
    return this.value === 0 || !this.waiters.every(isCancelled);
  }

  acquire(): Coroutine<boolean> {
    return fastPathCoroutine(Semaphore.ACQUIRE, this as Semaphore, undefined, this.value > 0 && this.waiters.length === 0);
  }

  release(): void {
    this.value++;
    this.gaveBack();
    this.wakeUpNext();
    this.recorder?.resourceChanged(this.waitSubject, "release", this.value);
  }

  /** @internal */
  holders(): readonly Task[] {
    return this.holding;
  }

  __repr__(): string {
    const state = this.locked() ? "locked" : `unlocked, value:${this.value}`;
    return `<${this.constructor.name} [${state}${waitersSuffix(this.waiters)}]>`;
  }

  // acquire() finishes at once when a permit is free (asyncio/fast-path.ts); its body is a
  // generator method, shared, not a closure made per call.
  private static readonly ACQUIRE: FastPath<Semaphore, undefined, boolean> = withFastPath(Semaphore.prototype.acquire, {
    name: "Semaphore.acquire",
    now: (semaphore) => semaphore.acquireNow(),
    body: (semaphore) => semaphore.acquireBody(),
  });

  private acquireNow(): boolean | typeof NOT_NOW {
    if (this.locked()) return NOT_NOW;
    this.value--;
    this.took();
    this.recorder?.resourceChanged(this.waitSubject, "acquire", this.value);
    return true;
  }

  private *acquireBody(): Generator<unknown, boolean, unknown> {
    if (this.acquireNow() === true) return true;
    const waiter = this.createWaiter<boolean>(this.waitSubject);
    waiter.heldBy = this;
    this.waiters.push(waiter);
    this.recorder?.waiterJoined(this.waitSubject, "wait", this.value);
    try {
      try {
        yield waiter;
      } finally {
        this.waiters.remove(waiter);
      }
    } catch (error) {
      // Woken (the permit was taken on our behalf) but cancelled before running: give it back.
      if (error instanceof CancelledError && waiter.done() && !waiter.cancelled()) this.value++;
      this.recorder?.waiterLeft(this.waitSubject, this.value);
      throw error;
    } finally {
      // Waiters that arrived meanwhile had to queue behind us: wake as many as permits allow.
      while (this.value > 0 && this.wakeUpNext()) {}
    }
    this.took();
    this.recorder?.resourceChanged(this.waitSubject, "acquire", this.value);
    return true;
  }

  /** The running task took a permit. */
  private took(): void {
    const task = runningTask();
    if (task !== null && this.holding.length < MAX_HOLDERS_KEPT) this.holding.push(task);
  }

  /** A permit came back: the releasing task's own if it holds one, else the oldest holder's. */
  private gaveBack(): void {
    if (this.holding.length === 0) return;
    const task = runningTask();
    const index = task === null ? -1 : this.holding.lastIndexOf(task);
    this.holding.splice(Math.max(index, 0), 1);
  }

  /** Hands a permit to the first waiter not yet woken; false when there is none. */
  private wakeUpNext(): boolean {
    const waiter = this.waiters.find(isPending);
    if (waiter === undefined) return false;
    this.value--;
    waiter.setResult(true);
    return true;
  }
}
addSnakeCaseAliases(Semaphore);

/** A Semaphore whose release() refuses to raise the value above the initial one. */
export class BoundedSemaphore extends Semaphore {
  private readonly bound: number;

  constructor(value: number | { value?: number } = 1) {
    super(value);
    this.bound = this.value;
  }

  override release(): void {
    if (this.value >= this.bound) throw new ValueError("BoundedSemaphore released too many times");
    super.release();
  }
}
addSnakeCaseAliases(BoundedSemaphore);

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/** A meeting point for a fixed number of tasks (Python's asyncio.Barrier, after threading.Barrier). */
export class Barrier {
  /** Notifies every waiting task whenever the state changes. */
  private readonly condition: Condition;
  private readonly partyCount: number;
  private state: BarrierState = "filling";
  /** Tasks inside wait(): filling up, or draining out. */
  private count = 0;
  private readonly subject: WaitSubject;
  /** Records arrivals, aborts and resets; the barrier's own lock and condition record nothing. */
  private readonly recorder = activeInstrument();

  constructor(parties: number | { parties: number }) {
    const count = isOptionsObject(parties) ? option(parties, "parties", 0) : parties;
    if (count < 1) throw new ValueError("parties must be >= 1");
    this.partyCount = count;
    const subject = new WaitSubject("barrier", "Barrier");
    this.subject = subject;
    const lock = new Lock();
    lock.waitSubject = subject;
    lock.recorder = null;
    this.condition = new Condition(lock);
    this.condition.waitSubject = subject;
    this.condition.recorder = null;
  }

  get parties(): number {
    return this.partyCount;
  }

  /** Tasks waiting for the barrier to fill; 0 while it drains, resets or is broken. */
  get nWaiting(): number {
    return this.state === "filling" ? this.count : 0;
  }

  get broken(): boolean {
    return this.state === "broken";
  }

  /** Waits until `parties` tasks wait; returns this task's index of arrival, 0 to parties-1. */
  wait(): Coroutine<number> {
    const barrier = this;
    return Coroutine.fromFunction("Barrier.wait", function* () {
      const condition = barrier.condition;
      yield condition.acquire();
      try {
        yield* barrier.blockWhileDrainingOrResetting();
        const index = barrier.count;
        barrier.count++;
        try {
          if (index + 1 === barrier.partyCount) {
            barrier.recorder?.resourceChanged(barrier.subject, "trip", barrier.count);
            barrier.trip();
          } else {
            barrier.recorder?.waiterJoined(barrier.subject, "arrive", barrier.count);
            try {
              yield* barrier.waitUntilTripped();
            } finally {
              barrier.recorder?.waiterLeft(barrier.subject);
            }
          }
          return index;
        } finally {
          barrier.count--;
          barrier.exit();
        }
      } finally {
        condition.release();
      }
    });
  }

  /** Returns the barrier to filling; tasks waiting in it get BrokenBarrierError. */
  reset(): Coroutine<undefined> {
    const barrier = this;
    return Coroutine.fromFunction("Barrier.reset", function* () {
      yield barrier.condition.acquire();
      try {
        barrier.state = barrier.count > 0 ? "resetting" : "filling";
        barrier.recorder?.resourceChanged(barrier.subject, "reset");
        barrier.condition.notifyAll();
      } finally {
        barrier.condition.release();
      }
      return undefined;
    });
  }

  /** Breaks the barrier: waiting tasks, and any that call wait() later, get BrokenBarrierError. */
  abort(): Coroutine<undefined> {
    const barrier = this;
    return Coroutine.fromFunction("Barrier.abort", function* () {
      yield barrier.condition.acquire();
      try {
        barrier.state = "broken";
        barrier.recorder?.resourceChanged(barrier.subject, "abort");
        barrier.condition.notifyAll();
      } finally {
        barrier.condition.release();
      }
      return undefined;
    });
  }

  __aenter__(): Coroutine<number> {
    const barrier = this;
    return Coroutine.fromFunction("Barrier.__aenter__", function* () {
      return (yield barrier.wait()) as number;
    });
  }

  __aexit__(_type?: unknown, _exception?: unknown, _traceback?: unknown): Coroutine<undefined> {
    return Coroutine.fromFunction("Barrier.__aexit__", function* () {
      return undefined;
    });
  }

  __repr__(): string {
    const waiting = this.broken ? "" : `, waiters:${this.nWaiting}/${this.partyCount}`;
    return `<Barrier [${this.state}${waiting}]>`;
  }

  private *blockWhileDrainingOrResetting(): Step {
    yield this.condition.waitFor(() => this.state !== "draining" && this.state !== "resetting");
    if (this.state === "broken") throw new BrokenBarrierError("Barrier aborted");
  }

  /** The last party has arrived: let everyone out; newcomers wait for the draining to end. */
  private trip(): void {
    this.state = "draining";
    this.condition.notifyAll();
  }

  private *waitUntilTripped(): Step {
    yield this.condition.waitFor(() => this.state !== "filling");
    if (this.state === "broken" || this.state === "resetting") throw new BrokenBarrierError("Abort or reset of barrier");
  }

  /** The last task out lets the tasks blocked by draining or resetting in. */
  private exit(): void {
    if (this.count !== 0) return;
    if (this.state === "resetting" || this.state === "draining") this.state = "filling";
    this.condition.notifyAll();
  }
}
addSnakeCaseAliases(Barrier);
