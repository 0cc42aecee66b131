// What aiomysql's and asyncpg's pools share: at most `maxSize` connections out at once (a
// Semaphore whose permits are the slots), idle ones kept in `free` for the next acquire. The
// pools keep their own names, errors and release rules around it.

import { Coroutine } from "../asyncio/coroutines.js";
import { gather } from "../asyncio/gather.js";
import { Semaphore } from "../asyncio/locks.js";
import { WaitSubject } from "../asyncio/wait-subject.js";

export interface PooledConnection<C> {
  open(): Coroutine<C>;
}

export class ConnectionSlots<C extends PooledConnection<C>> {
  readonly free: C[] = [];
  private readonly permits: Semaphore;

  /** `maxSizeLabel` is how the library names its bound in the wait shown on the timeline: "maxsize 10". */
  constructor(
    maxSize: number,
    maxSizeLabel: string,
    private readonly connect: () => C,
  ) {
    this.permits = new Semaphore(maxSize);
    this.permits.waitSubject = new WaitSubject("semaphore", "Pool").operationOf(`(${maxSizeLabel}): no free connection`);
  }

  /** Opens `count` connections, all at once, into the free list. */
  fill(name: string, count: number): Coroutine<void> {
    const slots = this;
    return Coroutine.fromFunction(
      name,
      function* () {
        const connections = Array.from({ length: count }, () => slots.connect());
        yield gather(...connections.map((connection) => connection.open()));
        slots.free.push(...connections);
      },
      false,
    );
  }

  /** Waits for a slot, then takes a free connection or opens one; a failed open gives the slot back. */
  take(name: string): Coroutine<C> {
    const slots = this;
    return Coroutine.fromFunction(name, function* () {
      yield slots.permits.acquire();
      const reused = slots.free.shift();
      if (reused !== undefined) return reused;
      try {
        return (yield slots.connect().open()) as C;
      } catch (error) {
        slots.permits.release();
        throw error;
      }
    });
  }

  /** Frees the slot of a connection that came back (the caller decides whether it stays in `free`). */
  releaseSlot(): void {
    this.permits.release();
  }
}
