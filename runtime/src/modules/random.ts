// Python's random module (CPython Lib/random.py over Modules/_randommodule.c): the same seed
// gives the same numbers as CPython 3.11/3.12, draw for draw. Every run starts from the
// runtime's `seed` option (default 0), as if the snippet began with `random.seed(0)`, so a
// shared snippet prints the same thing each time; seed() with no argument returns to it
// (CPython would draw a seed from the operating system).

import { IndexError, ValueError } from "../asyncio/exceptions.js";
import { makeModule } from "../asyncio/module.js";
import { utf8Bytes } from "../builtins/utf8.js";
import { isOptionsObject, option } from "../python-names.js";
import { activeRuntime, type Runtime } from "../runtime.js";
import { MersenneTwister } from "./mersenne-twister.js";
import { sha512 } from "./sha512.js";

/** The largest integer the generator draws exactly as a JavaScript number (2**53). */
const MAX_EXACT_BITS = 53;

export class Random {
  private readonly generator = new MersenneTwister();

  constructor(seed?: unknown) {
    this.seed(seed);
  }

  /** random.seed(a): an int uses all its bits; a float its hash; a str or bytes its SHA-512 too. */
  seed(seed?: unknown): void {
    this.generator.seedWords(seedWords(seed ?? activeRuntime().options.seed ?? 0));
  }

  random(): number {
    return this.generator.nextDouble();
  }

  /** An int of k random bits: a number up to 53 bits, a bigint beyond. */
  getrandbits(bits: number): number | bigint {
    const k = toIndex(bits);
    if (k < 0) throw new ValueError("number of bits must be non-negative");
    if (k === 0) return 0;
    if (k <= 32) return this.generator.next32() >>> (32 - k);
    // Words are drawn least significant first; the last one keeps only its top bits.
    let value = 0n;
    let shift = 0n;
    for (let remaining = k; remaining > 0; remaining -= 32, shift += 32n) {
      let word = this.generator.next32();
      if (remaining < 32) word >>>= 32 - remaining;
      value |= BigInt(word) << shift;
    }
    return k <= MAX_EXACT_BITS ? Number(value) : value;
  }

  randrange(start: number, stop?: number | null, step = 1): number {
    const first = toIndex(start);
    if (stop === undefined || stop === null) {
      if (step !== 1) throw new TypeError("Missing a non-None stop argument");
      if (first > 0) return this.randbelow(first);
      throw new ValueError("empty range for randrange()");
    }
    const last = toIndex(stop);
    const width = last - first;
    const stride = toIndex(step);
    if (stride === 1) {
      if (width > 0) return first + this.randbelow(width);
      throw new ValueError(`empty range for randrange() (${first}, ${last}, ${width})`);
    }
    let count: number;
    if (stride > 0) count = Math.floor((width + stride - 1) / stride);
    else if (stride < 0) count = Math.floor((width + stride + 1) / stride);
    else throw new ValueError("zero step for randrange()");
    if (count <= 0) throw new ValueError("empty range for randrange()");
    return first + stride * this.randbelow(count);
  }

  randint(low: number, high: number): number {
    return this.randrange(low, toIndex(high) + 1);
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  choice<T>(sequence: ArrayLike<T>): T {
    const length = sequenceLength(sequence);
    if (length === 0) throw new IndexError("Cannot choose from an empty sequence");
    return sequence[this.randbelow(length)] as T;
  }

  /** Fisher-Yates from the end, in place, as CPython does it. */
  shuffle(items: unknown[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
  }

  /** sample(population, k, {counts}): k distinct positions, in selection order. */
  sample<T>(population: ArrayLike<T>, k: number, options?: { counts?: readonly number[] }): T[] {
    const length = sequenceLength(population);
    const counts = option<readonly number[] | null>(options, "counts", null);
    if (counts !== null) {
      const cumulative = accumulate(counts);
      if (cumulative.length !== length) throw new ValueError("The number of counts does not match the population");
      const total = cumulative.pop() as number;
      if (!Number.isInteger(total)) throw new TypeError("Counts must be integers");
      if (total <= 0) throw new ValueError("Total of counts must be greater than zero");
      const positions = this.sample(
        Array.from({ length: total }, (_, index) => index),
        k,
      );
      return positions.map((position) => population[bisectRight(cumulative, position, 0, cumulative.length)] as T);
    }
    const size = toIndex(k);
    if (!(size >= 0 && size <= length)) throw new ValueError("Sample larger than population or is negative");
    const result: T[] = new Array(size);
    // CPython's choice between a pool list and a set of picks, which decides the draws made.
    let setSize = 21;
    if (size > 5) setSize += 4 ** Math.ceil(Math.log(size * 3) / Math.log(4));
    if (length <= setSize) {
      const pool = Array.from(population);
      for (let i = 0; i < size; i++) {
        const j = this.randbelow(length - i);
        result[i] = pool[j] as T;
        pool[j] = pool[length - i - 1] as T;
      }
      return result;
    }
    const selected = new Set<number>();
    for (let i = 0; i < size; i++) {
      let j = this.randbelow(length);
      while (selected.has(j)) j = this.randbelow(length);
      selected.add(j);
      result[i] = population[j] as T;
    }
    return result;
  }

  /** choices(population, weights?, {cumWeights, k}): k picks with replacement. */
  choices<T>(population: ArrayLike<T>, ...rest: unknown[]): T[] {
    const options = rest.length > 0 && isOptionsObject(rest[rest.length - 1]) ? (rest.pop() as Record<string, unknown>) : undefined;
    const weights = (rest[0] ?? option<readonly number[] | null>(options, "weights", null)) as readonly number[] | null;
    const cumulativeWeights = option<readonly number[] | null>(options, "cumWeights", null);
    const k = toIndex(option(options, "k", 1));
    const length = sequenceLength(population);
    if (cumulativeWeights === null && weights === null) {
      return Array.from({ length: k }, () => population[Math.floor(this.random() * length)] as T);
    }
    if (cumulativeWeights !== null && weights !== null) throw new TypeError("Cannot specify both weights and cumulative weights");
    const sums = cumulativeWeights ?? accumulate(weights as readonly number[]);
    if (sums.length !== length) throw new ValueError("The number of weights does not match the population");
    const total = sums[sums.length - 1] as number;
    if (total <= 0) throw new ValueError("Total of weights must be greater than zero");
    if (!Number.isFinite(total)) throw new ValueError("Total of weights must be finite");
    return Array.from({ length: k }, () => population[bisectRight(sums, this.random() * total, 0, length - 1)] as T);
  }

  /** _randbelow_with_getrandbits: rejection sampling over bit_length(n) bits. */
  private randbelow(n: number): number {
    const bits = n.toString(2).length;
    if (bits > MAX_EXACT_BITS) {
      const limit = BigInt(n);
      let r = this.getrandbits(bits) as bigint;
      while (r >= limit) r = this.getrandbits(bits) as bigint;
      return Number(r);
    }
    let r = this.getrandbits(bits) as number;
    while (r >= n) r = this.getrandbits(bits) as number;
    return r;
  }

  __repr__(): string {
    return "<random.Random object>";
  }
}

/** The 32-bit words of the seed's integer, least significant first (random_seed in C). */
function seedWords(seed: unknown): number[] {
  let integer: bigint;
  if (typeof seed === "bigint") integer = seed < 0n ? -seed : seed;
  else if (typeof seed === "boolean") integer = seed ? 1n : 0n;
  else if (typeof seed === "number" && Number.isInteger(seed)) integer = BigInt(Math.abs(seed));
  // The hash as an unsigned 64-bit integer; not BigInt.asUintN, which QuickJS gets wrong for negative values.
  else if (typeof seed === "number") integer = (floatHash(seed) + (1n << 64n)) % (1n << 64n);
  else if (typeof seed === "string" || seed instanceof Uint8Array) {
    const bytes = typeof seed === "string" ? Uint8Array.from(utf8Bytes(seed)) : seed;
    integer = bytesToInteger([...bytes, ...sha512(bytes)]);
  } else {
    throw new TypeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
  }
  const words: number[] = [];
  for (; integer > 0n; integer >>= 32n) words.push(Number(integer & 0xffffffffn));
  return words.length === 0 ? [0] : words;
}

const HASH_BITS = 61;
const HASH_MODULUS = (1n << 61n) - 1n;

/** CPython's _Py_HashDouble: a float's hash, which seeds the generator for a float seed. */
function floatHash(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (!Number.isFinite(value)) return value > 0 ? 314159n : -314159n;
  let [mantissa, exponent] = frexp(Math.abs(value));
  let hash = 0n;
  while (mantissa !== 0) {
    hash = ((hash << 28n) & HASH_MODULUS) | (hash >> BigInt(HASH_BITS - 28));
    mantissa *= 268435456;
    exponent -= 28;
    const integerPart = Math.floor(mantissa);
    mantissa -= integerPart;
    hash += BigInt(integerPart);
    if (hash >= HASH_MODULUS) hash -= HASH_MODULUS;
  }
  exponent = exponent >= 0 ? exponent % HASH_BITS : HASH_BITS - 1 - ((-1 - exponent) % HASH_BITS);
  hash = ((hash << BigInt(exponent)) & HASH_MODULUS) | (hash >> BigInt(HASH_BITS - exponent));
  if (value < 0) hash = -hash;
  return hash === -1n ? -2n : hash;
}

/** C's frexp for a positive finite number: [m, e] with value = m * 2**e and 0.5 <= m < 1. */
function frexp(value: number): [number, number] {
  if (value === 0) return [0, 0];
  let exponent = Math.floor(Math.log2(value)) + 1;
  let mantissa = value * 2 ** -exponent;
  while (mantissa >= 1) {
    mantissa /= 2;
    exponent++;
  }
  while (mantissa < 0.5) {
    mantissa *= 2;
    exponent--;
  }
  return [mantissa, exponent];
}

function bytesToInteger(bytes: readonly number[]): bigint {
  let integer = 0n;
  for (const byte of bytes) integer = (integer << 8n) | BigInt(byte);
  return integer;
}

/** Python's operator.index: integers only. */
function toIndex(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  const type = typeof value === "number" ? "float" : typeof value === "string" ? "str" : typeof value;
  throw new TypeError(`'${type}' object cannot be interpreted as an integer`);
}

function sequenceLength(sequence: unknown): number {
  if (typeof sequence === "string" || (typeof sequence === "object" && sequence !== null && "length" in sequence)) {
    return (sequence as ArrayLike<unknown>).length;
  }
  throw new TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).");
}

function accumulate(values: readonly number[]): number[] {
  let total = 0;
  return values.map((value) => (total += value));
}

/** bisect.bisect_right. */
function bisectRight(sorted: readonly number[], value: number, low: number, high: number): number {
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value < (sorted[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

const instances = new WeakMap<Runtime, Random>();

/** The module-level generator of the active run, seeded from the runtime's option. */
function shared(): Random {
  const runtime = activeRuntime();
  let instance = instances.get(runtime);
  if (instance === undefined) {
    instance = new Random();
    instances.set(runtime, instance);
  }
  return instance;
}

export const random = makeModule({
  Random,
  seed: (seed?: unknown) => shared().seed(seed),
  random: () => shared().random(),
  getrandbits: (bits: number) => shared().getrandbits(bits),
  randrange: (start: number, stop?: number | null, step?: number) => shared().randrange(start, stop, step),
  randint: (low: number, high: number) => shared().randint(low, high),
  uniform: (low: number, high: number) => shared().uniform(low, high),
  choice: <T>(sequence: ArrayLike<T>) => shared().choice(sequence),
  choices: <T>(population: ArrayLike<T>, ...rest: unknown[]) => shared().choices(population, ...rest),
  shuffle: (items: unknown[]) => shared().shuffle(items),
  sample: <T>(population: ArrayLike<T>, k: number, options?: { counts?: readonly number[] }) => shared().sample(population, k, options),
});
