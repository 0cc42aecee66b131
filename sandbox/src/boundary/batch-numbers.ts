// Takes a batch's numbers out of QuickJS as bytes (guest/compact-records.ts): the guest hands
// its Float64Array's buffer and how many numbers it holds. Each is checked as if a snippet
// had made it; what the numbers say is checked by the batch's reader.

import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { MAX_BATCH_NUMBERS } from "../guest/compact-records.js";

const BYTES_PER_NUMBER = Float64Array.BYTES_PER_ELEMENT;

/** A copy of the first `count` numbers of `buffer`, or what was wrong with them. */
export function batchNumbers(
  context: QuickJSContext,
  buffer: QuickJSHandle | undefined,
  count: QuickJSHandle | undefined,
): Float64Array<ArrayBuffer> | string {
  const length = count !== undefined && context.typeof(count) === "number" ? context.getNumber(count) : Number.NaN;
  if (!Number.isInteger(length) || length < 0 || length > MAX_BATCH_NUMBERS)
    return `a count of numbers that is not a whole number from 0 to ${MAX_BATCH_NUMBERS}`;
  if (buffer === undefined || context.typeof(buffer) !== "object") return "numbers that are not an ArrayBuffer";
  let bytes: ReturnType<QuickJSContext["getArrayBuffer"]>;
  try {
    bytes = context.getArrayBuffer(buffer);
  } catch {
    return "numbers that are not an ArrayBuffer";
  }
  try {
    if (bytes.value.length < length * BYTES_PER_NUMBER) return `a count of ${length} numbers, more than their buffer holds`;
    const numbers = new Float64Array(length);
    new Uint8Array(numbers.buffer).set(bytes.value.subarray(0, length * BYTES_PER_NUMBER));
    return numbers;
  } finally {
    bytes.dispose();
  }
}
