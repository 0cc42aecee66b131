// A snippet's generator function declaration (`function* consumer() {...}`): the compiler calls
// __generatorFunction(consumer, "consumer") where it is declared. It leaves the name on the
// function's prototype, where its generators inherit it (Python's `<generator object consumer>`).
// With a listener (issue 12, item 5), it also gives that prototype its own next/throw/return, so
// each hand-off of such a generator is recorded: the generator is a lane ("generator-1") whose
// steps are its resumptions, each scheduled by the step that sent, and each yield (or return, or
// error) back is a step of the lane that drove it. Without a listener this is one null check per
// declaration, and the generators are untouched. Only the snippet's own declared generator
// functions get lanes: not the runtime's generators, nor generator expressions or methods.

import type { WaitTarget } from "../events.js";
import type { Instrument, InstrumentedTask } from "../instrument.js";
import { activeInstrument, activeRuntime } from "../runtime.js";
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

interface GeneratorLane {
  readonly lane: InstrumentedTask;
  finished: boolean;
  handOffs: number;
  /** The yield it is parked at (lowering/sites.ts), 0 before it first ran. */
  site: number;
}

/**
 * Hand-offs recorded per generator: each costs four events, and a `for...of` over a long
 * generator would otherwise spend the run's event budget (100,000) on one loop. Past it the
 * generator runs on unrecorded, its lane left as it was.
 */
export const MAX_RECORDED_HAND_OFFS = 1000;

const lanes = new WeakMap<object, GeneratorLane>();
const SUSPENDED: WaitTarget = { kind: "yield", label: "yield" };

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

/** Lanes made per run, to name them generator-1, generator-2... */
const lanesMade = new WeakMap<object, number>();

function openLane(instrument: Instrument, name: string, parent: InstrumentedTask): InstrumentedTask {
  const runtime = activeRuntime();
  const count = (lanesMade.get(runtime) ?? 0) + 1;
  lanesMade.set(runtime, count);
  const laneName = `generator-${count}`;
  const lane = { id: runtime.nextTaskId(), getName: () => laneName };
  instrument.taskSpawned(lane, parent, name);
  return lane;
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
  const known = lanes.get(generator);
  // A generator running (its own next inside it) raises as it is; a finished one runs nothing.
  if (
    drivenByRuntime.has(generator) ||
    known?.finished === true ||
    instrument.handOffLane === known?.lane ||
    (known !== undefined && known.handOffs >= MAX_RECORDED_HAND_OFFS)
  ) {
    return method.call(generator, value);
  }
  const caller = instrument.runningLane();
  let state = known;
  if (state === undefined) {
    state = { lane: openLane(instrument, name, caller), finished: false, handOffs: 0, site: 0 };
    lanes.set(generator, state);
  }
  const { lane } = state;
  state.handOffs++;
  const previous = instrument.handOffLane;
  instrument.handOffLane = lane;
  instrument.laneStep(lane, value, thrown, state.site);
  instrument.taskRunning(lane);
  let result: IteratorResult<unknown, unknown>;
  suspension.site = 0;
  try {
    result = method.call(generator, value);
  } catch (error) {
    instrument.handOffLane = previous;
    state.finished = true;
    instrument.taskFinished(lane, "failed", error);
    instrument.laneStep(caller, error, true, 0);
    throw error;
  }
  instrument.handOffLane = previous;
  if (result.done === true) {
    state.finished = true;
    instrument.taskFinished(lane, "done", result.value);
  } else {
    state.site = suspension.site;
    instrument.taskWaiting(lane, SUSPENDED, state.site);
  }
  // Where the caller called next() or send() has no site: only yields and awaits have one.
  instrument.laneStep(caller, result.value, false, 0);
  return result;
}
