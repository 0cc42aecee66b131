// collections.deque, as much of it as asyncio's locks and queues use: append and popleft in
// O(1) (an array with a moving head), iteration from the left, remove() of one item.

/** Taken items a deque leaves before it copies the rest down, once they are half of its array. */
const COMPACT_AFTER = 1024;

export class Deque<T> implements Iterable<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  /** How many items it holds. Kept by the methods, never written from outside: in QuickJS a field is one lookup, a getter a call. */
  length = 0;

  push(item: T): void {
    this.items.push(item);
    this.length++;
  }

  /** The leftmost item; only meaningful when the deque is not empty. */
  first(): T {
    return this.items[this.head] as T;
  }

  /** Python's popleft(); only meaningful when the deque is not empty. */
  shift(): T {
    const items = this.items;
    const item = items[this.head] as T;
    items[this.head] = undefined;
    this.head++;
    // The emptied deque is the common case (a queue drained, a lock's last waiter): no call for it.
    if (--this.length === 0) {
      items.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER) this.compact();
    return item;
  }

  /** Removes the leftmost occurrence of `item`; false when there is none. */
  remove(item: T): boolean {
    // A woken lock or queue waiter removes itself from the front: O(1), not a splice (lock bench: 187 → 118 ms).
    if (this.length > 0 && this.items[this.head] === item) {
      this.shift();
      return true;
    }
    const index = this.items.indexOf(item, this.head);
    if (index < 0) return false;
    this.items.splice(index, 1);
    this.length--;
    this.compact();
    return true;
  }

  // every() and find() walk by index: a lock or semaphore checks its waiters on every acquire,
  // and a generator-made iterator costs ~0.6 µs a walk in QuickJS.

  every(predicate: (item: T) => boolean): boolean {
    for (let index = this.head; index < this.items.length; index++) if (!predicate(this.items[index] as T)) return false;
    return true;
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (let index = this.head; index < this.items.length; index++) if (predicate(this.items[index] as T)) return this.items[index] as T;
    return undefined;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = this.head; index < this.items.length; index++) yield this.items[index] as T;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
