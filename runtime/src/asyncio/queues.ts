// Queues (CPython 3.13 Lib/asyncio/queues.py). Invariants, as in CPython:
// - getters and putters are woken one at a time in FIFO order, each by the put or get that made
//   room for it;
// - a cancelled get() takes nothing and a cancelled put() adds nothing; a waiter woken and then
//   cancelled passes its wake-up to the next one in line;
// - after shutdown() puts raise QueueShutDown, gets drain what is left (nothing, if immediate)
//   and then raise it, and every blocked getter and putter is woken to find that out.

import { Deque } from "../builtins/deque.js";
import { repr } from "../builtins/format.js";
import { heappop, heappush } from "../builtins/heapq.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import type { Coroutine } from "./coroutines.js";
import { QueueEmpty, QueueFull, QueueShutDown, ValueError } from "./exceptions.js";
import { type FastPath, fastPathCoroutine, NOT_NOW, withFastPath } from "./fast-path.js";
import type { Future } from "./futures.js";
import { Event } from "./locks.js";
import { LoopBoundMixin } from "./mixins.js";
import { internalPrimitive, WaitSubject } from "./wait-subject.js";

/** Where a queue keeps its items: the one thing the subclasses change (Python's _init, _get, _put). */
export interface QueueItems<T> extends Iterable<T> {
  readonly length: number;
  put(item: T): void;
  /** Only called when not empty. */
  get(): T;
}

/** The deque itself, not a wrapper around one: a call and a getter fewer per put and per get. */
class FifoItems<T> extends Deque<T> implements QueueItems<T> {
  declare put: (item: T) => void;
  declare get: () => T;
}
FifoItems.prototype.put = Deque.prototype.push;
FifoItems.prototype.get = Deque.prototype.shift;

class LifoItems<T> implements QueueItems<T> {
  private readonly items: T[] = [];
  get length(): number {
    return this.items.length;
  }
  put(item: T): void {
    this.items.push(item);
  }
  get(): T {
    return this.items.pop() as T;
  }
  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

class HeapItems<T> implements QueueItems<T> {
  private readonly heap: T[] = [];
  get length(): number {
    return this.heap.length;
  }
  put(item: T): void {
    heappush(this.heap, item);
  }
  get(): T {
    return heappop(this.heap);
  }
  [Symbol.iterator](): Iterator<T> {
    return this.heap[Symbol.iterator]();
  }
}

/** The methods the fast paths inline for a queue whose class does not override them. */
const INLINED_METHODS = ["full", "empty", "putNowait", "getNowait"] as const;

/** A FIFO queue for producer and consumer tasks; maxsize <= 0 means unbounded. */
export class Queue<T = unknown> extends LoopBoundMixin {
  private readonly capacity: number;
  private readonly items: QueueItems<T>;
  private readonly getters = new Deque<Future<undefined>>();
  private readonly putters = new Deque<Future<undefined>>();
  private unfinishedTasks = 0;
  private readonly finished = internalPrimitive(() => new Event());
  private isShutdown = false;
  /** The queue itself, whose number its get, put and join waits show. */
  private readonly subject: WaitSubject;
  private readonly getSubject: WaitSubject;
  private readonly putSubject: WaitSubject;
  /** Whether its class keeps Queue's full, empty, putNowait and getNowait, so the fast paths may inline them. */
  private readonly ownChecks: boolean;

  constructor(maxsize: number | { maxsize?: number } = 0) {
    super();
    this.capacity = isOptionsObject(maxsize) ? option(maxsize, "maxsize", 0) : maxsize;
    this.items = this.createItems();
    // The queue records its join's waits itself, not as an Event.
    this.finished.recorder = null;
    this.finished.set();
    const subject = new WaitSubject("queue", new.target.name);
    this.subject = subject;
    this.getSubject = subject.operationOf("get");
    this.putSubject = subject.operationOf("put");
    this.finished.waitSubject = subject.operationOf("join");
    const prototype = new.target.prototype as Queue;
    this.ownChecks = INLINED_METHODS.every((name) => prototype[name] === Queue.prototype[name]);
  }

  /** The storage that decides the order items leave in; subclasses override it. */
  protected createItems(): QueueItems<T> {
    return new FifoItems<T>();
  }

  get maxsize(): number {
    return this.capacity;
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  /** Never true for an unbounded queue. */
  full(): boolean {
    return this.capacity > 0 && this.items.length >= this.capacity;
  }

  /** Waits for a free slot if the queue is full, then adds the item. */
  put(item: T): Coroutine<undefined> {
    return fastPathCoroutine(Queue.PUT, this as Queue, item, !this.full());
  }

  putNowait(item: T): void {
    if (this.isShutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this.add(item);
  }

  /** put_nowait() once it has checked: the queue is not shut down and not full. */
  private add(item: T): void {
    const items = this.items;
    items.put(item);
    // `finished` is set exactly when no task is unfinished: clearing it again would change nothing.
    if (this.unfinishedTasks++ === 0) this.finished.clear();
    this.recorder?.queueChanged(this.subject, "put", item, items.length);
    if (this.getters.length > 0) this.wakeUpNext(this.getters);
  }

  /** Waits for an item if the queue is empty, then removes and returns it. */
  get(): Coroutine<T> {
    return fastPathCoroutine(Queue.GET as FastPath<Queue<T>, undefined, T>, this, undefined, !this.empty());
  }

  getNowait(): T {
    if (this.empty()) {
      if (this.isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    return this.take();
  }

  /** get_nowait() once it has checked: the queue is not empty. */
  private take(): T {
    const items = this.items;
    const item = items.get();
    this.recorder?.queueChanged(this.subject, "get", item, items.length);
    if (this.putters.length > 0) this.wakeUpNext(this.putters);
    return item;
  }

  /** Marks one item taken with get() as processed; join() returns when every item is. */
  taskDone(): void {
    if (this.unfinishedTasks <= 0) throw new ValueError("task_done() called too many times");
    this.unfinishedTasks--;
    this.recorder?.resourceChanged(this.subject, "task-done", this.unfinishedTasks);
    if (this.unfinishedTasks === 0) this.finished.set();
  }

  /** Waits until every item put has been marked done with taskDone(). */
  join(): Coroutine<undefined> {
    return fastPathCoroutine(Queue.JOIN, this as Queue, undefined, this.unfinishedTasks === 0);
  }

  /**
   * Makes puts raise QueueShutDown, and gets too once the queue is empty; `immediate` empties it
   * now, counting the dropped items as done. Every blocked getter and putter wakes to re-check.
   */
  shutdown(immediate: boolean | { immediate?: boolean } = false): void {
    const drop = isOptionsObject(immediate) ? option(immediate, "immediate", false) : immediate;
    this.isShutdown = true;
    if (drop) {
      while (!this.empty()) {
        this.items.get();
        if (this.unfinishedTasks > 0) this.unfinishedTasks--;
      }
      if (this.unfinishedTasks === 0) this.finished.set();
    }
    this.recorder?.queueShutDown(this.subject, this.items.length);
    for (const waiters of [this.getters, this.putters]) {
      while (waiters.length > 0) {
        const waiter = waiters.shift();
        if (!waiter.done()) waiter.setResult(undefined);
      }
    }
  }

  __repr__(): string {
    let text = `<${this.constructor.name} maxsize=${repr(this.capacity)}`;
    if (this.items.length > 0) text += ` _queue=${repr([...this.items])}`;
    if (this.getters.length > 0) text += ` _getters[${this.getters.length}]`;
    if (this.putters.length > 0) text += ` _putters[${this.putters.length}]`;
    if (this.unfinishedTasks > 0) text += ` tasks=${this.unfinishedTasks}`;
    if (this.isShutdown) text += " shutdown";
    return `${text}>`;
  }

  // Each coroutine finishes at once when it need not wait (asyncio/fast-path.ts), as CPython's
  // does when its `while` loop is not entered; the bodies are generator methods, not closures.

  private static readonly PUT: FastPath<Queue, unknown, undefined> = withFastPath(Queue.prototype.put, {
    name: "Queue.put",
    // CPython's put() calls put_nowait() once not full, which raises if shut down; for a queue
    // whose class keeps Queue's checks, they are inlined here.
    now: (queue, item) => {
      if (!queue.ownChecks) {
        if (queue.full()) return NOT_NOW;
        queue.putNowait(item);
        return undefined;
      }
      const items = queue.items;
      if (queue.capacity > 0 && items.length >= queue.capacity) return NOT_NOW;
      if (queue.isShutdown) throw new QueueShutDown();
      // add(), written out: a call is a seventh of what an item costs QuickJS here.
      items.put(item);
      if (queue.unfinishedTasks++ === 0) queue.finished.clear();
      queue.recorder?.queueChanged(queue.subject, "put", item, items.length);
      if (queue.getters.length > 0) queue.wakeUpNext(queue.getters);
      return undefined;
    },
    body: (queue, item) => queue.putBody(item),
  });

  private static readonly GET: FastPath<Queue, undefined, unknown> = withFastPath(Queue.prototype.get, {
    name: "Queue.get",
    now: (queue) => {
      if (!queue.ownChecks) return queue.empty() ? NOT_NOW : queue.getNowait();
      const items = queue.items;
      if (items.length === 0) return NOT_NOW;
      // take(), written out, as add() in PUT.
      const item = items.get();
      queue.recorder?.queueChanged(queue.subject, "get", item, items.length);
      if (queue.putters.length > 0) queue.wakeUpNext(queue.putters);
      return item;
    },
    body: (queue) => queue.getBody(),
  });

  private static readonly JOIN: FastPath<Queue, undefined, undefined> = withFastPath(Queue.prototype.join, {
    name: "Queue.join",
    now: (queue) => (queue.unfinishedTasks > 0 ? NOT_NOW : undefined),
    body: (queue) => queue.joinBody(),
  });

  private *putBody(item: T): Generator<unknown, undefined, unknown> {
    while (this.full()) {
      if (this.isShutdown) {
        this.recorder?.waiterLeft(this.subject);
        throw new QueueShutDown();
      }
      const putter = this.createWaiter<undefined>(this.putSubject);
      this.putters.push(putter);
      this.recorder?.waiterJoined(this.subject, "wait");
      try {
        yield putter;
      } catch (error) {
        this.recorder?.waiterLeft(this.subject);
        putter.cancel();
        // A get or a shutdown may have taken the putter off the deque already.
        this.putters.remove(putter);
        // Woken by a get but unable to use the slot: hand it to the next putter.
        if (!this.full() && !putter.cancelled()) this.wakeUpNext(this.putters);
        throw error;
      }
    }
    this.putNowait(item);
    return undefined;
  }

  private *getBody(): Generator<unknown, T, unknown> {
    while (this.empty()) {
      if (this.isShutdown) {
        this.recorder?.waiterLeft(this.subject);
        throw new QueueShutDown();
      }
      const getter = this.createWaiter<undefined>(this.getSubject);
      this.getters.push(getter);
      this.recorder?.waiterJoined(this.subject, "wait");
      try {
        yield getter;
      } catch (error) {
        this.recorder?.waiterLeft(this.subject);
        getter.cancel();
        // A put or a shutdown may have taken the getter off the deque already.
        this.getters.remove(getter);
        // Woken by a put but unable to take the item: hand it to the next getter.
        if (!this.empty() && !getter.cancelled()) this.wakeUpNext(this.getters);
        throw error;
      }
    }
    return this.getNowait();
  }

  private *joinBody(): Generator<unknown, undefined, unknown> {
    if (this.unfinishedTasks === 0) return undefined;
    this.recorder?.waiterJoined(this.subject, "wait");
    try {
      yield this.finished.wait();
    } finally {
      this.recorder?.waiterLeft(this.subject);
    }
    return undefined;
  }

  /** Wakes the first waiter not cancelled, dropping the ones before it. */
  private wakeUpNext(waiters: Deque<Future<undefined>>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift();
      if (!waiter.done()) {
        waiter.setResult(undefined);
        return;
      }
    }
  }
}
addSnakeCaseAliases(Queue);

/** Retrieves the smallest item first, as Python compares them: `[priority, data]` pairs work. */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override createItems(): QueueItems<T> {
    return new HeapItems<T>();
  }
}
addSnakeCaseAliases(PriorityQueue);

/** Retrieves the most recently added item first. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override createItems(): QueueItems<T> {
    return new LifoItems<T>();
  }
}
addSnakeCaseAliases(LifoQueue);
