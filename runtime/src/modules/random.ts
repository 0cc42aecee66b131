// Python's random module, seeded the same way at every run so shared snippets reproduce.
// PLACEHOLDER generator until the Mersenne Twister port lands.

import { activeRuntime } from "../runtime.js";

const states = new WeakMap<object, { state: number }>();

function stateOf(): { state: number } {
  const runtime = activeRuntime();
  let state = states.get(runtime);
  if (state === undefined) {
    state = { state: (runtime.options.seed ?? 0) >>> 0 || 1 };
    states.set(runtime, state);
  }
  return state;
}

function next(): number {
  const holder = stateOf();
  let x = holder.state;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  holder.state = x >>> 0;
  return holder.state / 4294967296;
}

export const random = {
  random: next,
  seed(value: number): void {
    stateOf().state = value >>> 0 || 1;
  },
  randint(a: number, b: number): number {
    return a + Math.floor(next() * (b - a + 1));
  },
  uniform(a: number, b: number): number {
    return a + (b - a) * next();
  },
  choice<T>(sequence: ArrayLike<T>): T {
    return sequence[Math.floor(next() * sequence.length)] as T;
  },
  shuffle(items: unknown[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
  },
};
