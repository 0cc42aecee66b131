// A binary min-heap of timers ordered by (deadline, scheduling order). CPython's heapq
// compares deadlines only; the sequence number makes equal deadlines fire FIFO, which the
// runtime's contract promises.

import type { TimerHandle } from "./handles.js";

function before(a: TimerHandle, b: TimerHandle): boolean {
  const difference = a.when() - b.when();
  return difference < 0 || (difference === 0 && a.sequence < b.sequence);
}

export class TimerHeap {
  private items: TimerHandle[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerHandle | undefined {
    return this.items[0];
  }

  push(timer: TimerHandle): void {
    timer.scheduled = true;
    const items = this.items;
    let index = items.length;
    items.push(timer);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(timer, items[parent] as TimerHandle)) break;
      items[index] = items[parent] as TimerHandle;
      index = parent;
    }
    items[index] = timer;
  }

  pop(): TimerHandle | undefined {
    const items = this.items;
    const top = items[0];
    if (top !== undefined) top.scheduled = false;
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      let index = 0;
      const length = items.length;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child = right < length && before(items[right] as TimerHandle, items[left] as TimerHandle) ? right : left;
        if (!before(items[child] as TimerHandle, last)) break;
        items[index] = items[child] as TimerHandle;
        index = child;
      }
      items[index] = last;
    }
    return top;
  }

  /** Drops cancelled timers and rebuilds the heap (CPython does this when most are cancelled). */
  removeCancelled(): void {
    const live = this.items.filter((timer) => !timer.cancelled());
    for (const timer of this.items) timer.scheduled = false;
    this.items = [];
    for (const timer of live) this.push(timer);
  }
}
