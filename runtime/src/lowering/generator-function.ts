// A snippet's generator function declaration (`function* consumer() {...}`): the compiler calls
// __generatorFunction(consumer, "consumer") where it is declared. It leaves the name on the
// function's prototype, where its generators inherit it (Python's `<generator object consumer>`).
// With a listener (issue 12, item 5), it also gives that prototype its own next/throw/return, so
// each hand-off of such a generator is recorded as a lane's step (hand-off.ts). Without a listener this is one null check per
// declaration, and the generators are untouched. Only the snippet's own declared generator
// functions get lanes: not the runtime's generators, nor generator expressions or methods.

import type { Instrument } from "../instrument.js";
import { activeInstrument } from "../runtime.js";
import { recordHandOff, recordsHandOff } from "./hand-off.js";
import { suspension } from "./sites.js";

type AnyGenerator = Generator<unknown, unknown, unknown>;
type Method = (this: AnyGenerator, value: unknown) => IteratorResult<unknown, unknown>;

const generatorPrototype = Object.getPrototypeOf(function* () {}).prototype as AnyGenerator;
const nativeNext = generatorPrototype.next as Method;
const nativeThrow = generatorPrototype.throw as Method;
const nativeReturn = generatorPrototype.return as Method;

/** Generators the runtime drives as old-style coroutines: their steps are their task's. */
const drivenByRuntime = new WeakSet<object>();

export function markDrivenByRuntime(generator: object): void {
  drivenByRuntime.add(generator);
}

export function __generatorFunction(generatorFunction: { prototype: object }, name: string): void {
  const prototype = generatorFunction.prototype;
  Object.defineProperty(prototype, "__name__", { value: name });
  const instrument = activeInstrument();
  if (instrument === null) return;
  const recorded = (method: Method, thrown: boolean) =>
    function (this: AnyGenerator, value: unknown): IteratorResult<unknown, unknown> {
      return handOff(instrument, this, name, method, thrown, value);
    };
  Object.defineProperties(prototype, {
    next: { value: recorded(nativeNext, false), writable: true, configurable: true },
    throw: { value: recorded(nativeThrow, true), writable: true, configurable: true },
    return: { value: recorded(nativeReturn, false), writable: true, configurable: true },
  });
}

function handOff(
  instrument: Instrument,
  generator: AnyGenerator,
  name: string,
  method: Method,
  thrown: boolean,
  value: unknown,
): IteratorResult<unknown, unknown> {
  // Called on something else than a generator, the native method raises as it would.
  if (typeof generator !== "object" || generator === null) return method.call(generator, value);
  if (drivenByRuntime.has(generator) || !recordsHandOff(instrument, generator)) return method.call(generator, value);
  let result: IteratorResult<unknown, unknown> | undefined;
  recordHandOff(instrument, generator, "generator", name, value, thrown, () => {
    suspension.site = 0;
    result = method.call(generator, value);
    return { done: result.done === true, value: result.value, site: suspension.site };
  });
  return result as IteratorResult<unknown, unknown>;
}
