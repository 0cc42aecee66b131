// The loop's timers, earliest deadline first; timers with equal deadlines fire in the order they
// were scheduled (FIFO), which the runtime's contract promises (CPython's heapq compares
// deadlines only).
//
// A binary min-heap holds one timer per distinct deadline, the head of that deadline's FIFO
// list; later timers of the same deadline wait in the list behind it, found through a map.
// Programs schedule many timers for the same instant (a gather of sleep(1)s), and then a push
// or pop is a map lookup and a link instead of a walk down the heap: in QuickJS the heap's
// comparisons were a fifth of the sleeps workload.
//
// Invariants: every timer in `heads` is its deadline's only entry in `byDeadline`; a head's
// `sameDeadlineTail` is the last of its list (itself when alone); a list is in the order its
// timers were pushed.

import type { TimerHandle } from "./handles.js";

function earlier(a: TimerHandle, b: TimerHandle): boolean {
  return a.deadline < b.deadline;
}

export class TimerHeap {
  private heads: TimerHandle[] = [];
  private readonly byDeadline = new Map<number, TimerHandle>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  peek(): TimerHandle | undefined {
    return this.heads[0];
  }

  push(timer: TimerHandle): void {
    timer.scheduled = true;
    timer.nextSameDeadline = null;
    this.count++;
    const head = this.byDeadline.get(timer.deadline);
    if (head !== undefined) {
      (head.sameDeadlineTail as TimerHandle).nextSameDeadline = timer;
      head.sameDeadlineTail = timer;
      return;
    }
    timer.sameDeadlineTail = timer;
    this.byDeadline.set(timer.deadline, timer);
    this.siftUp(timer, this.heads.length);
  }

  pop(): TimerHandle | undefined {
    const heads = this.heads;
    const top = heads[0];
    if (top === undefined) return undefined;
    top.scheduled = false;
    this.count--;
    const next = top.nextSameDeadline;
    if (next !== null) {
      // Same deadline: the next of the list takes the head's place, and the heap's order holds.
      next.sameDeadlineTail = top.sameDeadlineTail;
      top.nextSameDeadline = null;
      top.sameDeadlineTail = null;
      heads[0] = next;
      this.byDeadline.set(next.deadline, next);
      return top;
    }
    top.sameDeadlineTail = null;
    this.byDeadline.delete(top.deadline);
    this.removeTop();
    return top;
  }

  /** Drops cancelled timers and rebuilds the heap (CPython does this when most are cancelled). */
  removeCancelled(): void {
    const heads = this.heads;
    this.heads = [];
    this.byDeadline.clear();
    this.count = 0;
    for (const head of heads) {
      for (let timer: TimerHandle | null = head; timer !== null; ) {
        const next: TimerHandle | null = timer.nextSameDeadline;
        timer.scheduled = false;
        timer.nextSameDeadline = null;
        timer.sameDeadlineTail = null;
        if (!timer.cancelled()) this.push(timer);
        timer = next;
      }
    }
  }

  private siftUp(timer: TimerHandle, from: number): void {
    const heads = this.heads;
    let index = from;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(timer, heads[parent] as TimerHandle)) break;
      heads[index] = heads[parent] as TimerHandle;
      index = parent;
    }
    heads[index] = timer;
  }

  /**
   * As CPython's heapq.heappop: the hole left at the top moves down to a leaf along the earlier
   * children, then the last head sifts up from there; it belongs near the bottom, so this takes
   * about half the comparisons of sifting it down from the top.
   */
  private removeTop(): void {
    const heads = this.heads;
    const last = heads.pop() as TimerHandle;
    const length = heads.length;
    if (length === 0) return;
    let index = 0;
    for (let child = 1; child < length; child = 2 * index + 1) {
      if (child + 1 < length && earlier(heads[child + 1] as TimerHandle, heads[child] as TimerHandle)) child++;
      heads[index] = heads[child] as TimerHandle;
      index = child;
    }
    this.siftUp(last, index);
  }
}
