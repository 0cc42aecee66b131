// A hand-off outside the loop's scheduling (issue 12, item 5): the snippet drives a generator by
// next/send/throw, or a coroutine object by send/throw, by hand. The driven object is a lane
// ("generator-1", "coroutine-1") whose steps are its resumptions, each scheduled by the step
// that sent; each yield (or return, or error) back is a step of the lane that drove it.

import type { WaitTarget } from "../events.js";
import type { Instrument, InstrumentedTask } from "../instrument.js";
import { activeRuntime } from "../runtime.js";

/** What a resumption gave back: a yield (parked at `site`, lowering/sites.ts) or, when done, a return. */
export interface Resumed {
  done: boolean;
  value: unknown;
  site: number;
}

export type LaneKind = "generator" | "coroutine";

interface HandOffLane {
  readonly lane: InstrumentedTask;
  finished: boolean;
  handOffs: number;
  /** The yield it is parked at (lowering/sites.ts), 0 before it first ran. */
  site: number;
}

/**
 * Hand-offs recorded per driven object: each costs four events, and a `for...of` over a long
 * generator would otherwise spend the run's event budget (100,000) on one loop. Past it the
 * object runs on unrecorded, its lane left as it was.
 */
export const MAX_RECORDED_HAND_OFFS = 1000;

const lanes = new WeakMap<object, HandOffLane>();
const SUSPENDED: WaitTarget = { kind: "yield", label: "yield" };

/** Lanes made per run and kind, to name them generator-1, coroutine-1... */
const lanesMade = new WeakMap<object, Map<LaneKind, number>>();

function openLane(instrument: Instrument, kind: LaneKind, name: string, parent: InstrumentedTask): InstrumentedTask {
  const runtime = activeRuntime();
  let made = lanesMade.get(runtime);
  if (made === undefined) {
    made = new Map();
    lanesMade.set(runtime, made);
  }
  const count = (made.get(kind) ?? 0) + 1;
  made.set(kind, count);
  const laneName = `${kind}-${count}`;
  const lane = { id: runtime.nextTaskId(), getName: () => laneName };
  instrument.taskSpawned(lane, parent, name);
  return lane;
}

/**
 * Whether a resumption of `driven` is recorded: not once it finished (it runs nothing), not from
 * inside itself (the native call raises as it would), not past MAX_RECORDED_HAND_OFFS.
 */
export function recordsHandOff(instrument: Instrument, driven: object): boolean {
  const known = lanes.get(driven);
  if (known === undefined) return true;
  return !known.finished && instrument.handOffLane !== known.lane && known.handOffs < MAX_RECORDED_HAND_OFFS;
}

/** Runs `resume` as a step of `driven`'s lane, handed `value` (an exception when `thrown`), and records the hand-off back. */
export function recordHandOff(
  instrument: Instrument,
  driven: object,
  kind: LaneKind,
  name: string,
  value: unknown,
  thrown: boolean,
  resume: () => Resumed,
): Resumed {
  const caller = instrument.runningLane();
  let state = lanes.get(driven);
  if (state === undefined) {
    state = { lane: openLane(instrument, kind, name, caller), finished: false, handOffs: 0, site: 0 };
    lanes.set(driven, state);
  }
  const { lane } = state;
  state.handOffs++;
  const previous = instrument.handOffLane;
  instrument.handOffLane = lane;
  instrument.laneStep(lane, value, thrown, state.site);
  instrument.taskRunning(lane);
  let resumed: Resumed;
  try {
    resumed = resume();
  } catch (error) {
    instrument.handOffLane = previous;
    state.finished = true;
    instrument.taskFinished(lane, "failed", error);
    instrument.laneStep(caller, error, true, 0);
    throw error;
  }
  instrument.handOffLane = previous;
  if (resumed.done) {
    state.finished = true;
    instrument.taskFinished(lane, "done", resumed.value);
  } else {
    state.site = resumed.site;
    instrument.taskWaiting(lane, SUSPENDED, state.site);
  }
  // Where the caller called next() or send() has no site: only yields and awaits have one.
  instrument.laneStep(caller, resumed.value, false, 0);
  return resumed;
}
