// Python's heapq.heappush and heappop, with CPython's exact sift order, so items that compare
// equal leave a PriorityQueue in the order CPython gives them.

import { lessThan } from "./compare.js";

export function heappush<T>(heap: T[], item: T): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1);
}

/** Only meaningful on a heap that is not empty. */
export function heappop<T>(heap: T[]): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const top = heap[0] as T;
  heap[0] = last;
  siftUp(heap, 0);
  return top;
}

// heapq._siftdown: moves the item at `position` up towards `start` while it is smaller.
function siftDown<T>(heap: T[], start: number, position: number): void {
  const item = heap[position] as T;
  while (position > start) {
    const parentPosition = (position - 1) >> 1;
    const parent = heap[parentPosition] as T;
    if (!lessThan(item, parent)) break;
    heap[position] = parent;
    position = parentPosition;
  }
  heap[position] = item;
}

// heapq._siftup: moves the smaller child up until a leaf is reached, then sifts the item down.
function siftUp<T>(heap: T[], position: number): void {
  const end = heap.length;
  const start = position;
  const item = heap[position] as T;
  let child = 2 * position + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !lessThan(heap[child], heap[right])) child = right;
    heap[position] = heap[child] as T;
    position = child;
    child = 2 * position + 1;
  }
  heap[position] = item;
  siftDown(heap, start, position);
}
