// Python's tuple, for the values Python gives as tuples and a snippet prints: a peer address
// ('127.0.0.1', 8080), database rows (('localhost', 'root'),). An array that prints in
// parentheses, with the trailing comma of a one-element tuple.

import { repr } from "../builtins/format.js";

export class Tuple<T = unknown> extends Array<T> {
  /** map(), filter() and slice() make lists, as a comprehension over a tuple does. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  __repr__(): string {
    const items = Array.prototype.map.call(this, (item: unknown) => repr(item)) as string[];
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
}

export function tuple<T = unknown>(...items: T[]): Tuple<T> {
  const result = new Tuple<T>();
  for (const item of items) result.push(item);
  return result;
}
