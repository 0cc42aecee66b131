// A growable byte queue, Python's bytearray as StreamReader uses it: append at the end, take
// from the front. Taking moves a start index; the space is reclaimed when the buffer grows.

import { Bytes, indexOfBytes } from "./bytes.js";

export class ByteBuffer {
  private data = new Uint8Array(256);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(bytes: Uint8Array): void {
    if (this.end + bytes.length > this.data.length) {
      const needed = this.length + bytes.length;
      const next = needed > this.data.length / 2 ? new Uint8Array(Math.max(needed * 2, 256)) : this.data;
      next.set(this.data.subarray(this.start, this.end), 0);
      this.data = next;
      this.end -= this.start;
      this.start = 0;
    }
    this.data.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** Removes and returns the first `count` bytes (fewer if there are fewer). */
  take(count: number): Bytes {
    const size = Math.min(count, this.length);
    const taken = new Bytes(this.data.subarray(this.start, this.start + size));
    this.start += size;
    if (this.start === this.end) this.clear();
    return taken;
  }

  /** A copy of the first `count` bytes, left in the buffer. */
  peek(count: number): Bytes {
    return new Bytes(this.data.subarray(this.start, this.start + Math.min(count, this.length)));
  }

  /** Drops the first `count` bytes. */
  discard(count: number): void {
    this.start += Math.min(count, this.length);
    if (this.start === this.end) this.clear();
  }

  /** The offset of `needle` from the front, searching from `from`, or -1. */
  indexOf(needle: Uint8Array, from = 0): number {
    const found = indexOfBytes(this.data, needle, this.start + from, this.end);
    return found === -1 ? -1 : found - this.start;
  }

  startsWith(needle: Uint8Array, offset: number): boolean {
    if (offset + needle.length > this.length) return false;
    for (let i = 0; i < needle.length; i++) if (this.data[this.start + offset + i] !== needle[i]) return false;
    return true;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
  }
}
