// An unbounded FIFO whose shift() waits for the next item: the hand-over point between a
// worker's messages and a consumer's iteration. Bounds come from the producer (the engine
// pauses a run whose consumer is behind; a session ends when it is).

export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((item: T) => void)[] = [];

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter(item);
    else this.items.push(item);
  }

  shift(): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
