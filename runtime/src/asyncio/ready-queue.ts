// The loop's FIFO of ready handles: an array with a moving head, so taking from the front is
// O(1) and the loop allocates nothing per callback.

import type { Handle } from "./handles.js";

export class ReadyQueue {
  private items: (Handle | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(handle: Handle): void {
    this.items.push(handle);
  }

  shift(): Handle {
    const handle = this.items[this.head] as Handle;
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return handle;
  }
}
