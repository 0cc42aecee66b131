// setTimeout and friends on the asyncio loop and its clock (milliseconds, as in JavaScript).
// At top level, outside asyncio.run, they use the current loop; the run drains it at the end,
// so a plain JavaScript snippet with timers behaves as it would in Node.

import { getEventLoop } from "../asyncio/events.js";
import type { Handle } from "../asyncio/handles.js";
import { activeRuntime } from "../runtime.js";

type TimerCallback = (...args: unknown[]) => unknown;

/** A run's live timers by id; ids count from 1 in every run, so output does not depend on earlier runs. */
interface Timers {
  readonly handles: Map<number, Handle>;
  lastId: number;
}

const timersByRuntime = new WeakMap<object, Timers>();

function timersOfActiveRuntime(): Timers {
  const runtime = activeRuntime();
  let timers = timersByRuntime.get(runtime);
  if (timers === undefined) {
    timers = { handles: new Map(), lastId: 0 };
    timersByRuntime.set(runtime, timers);
  }
  return timers;
}

function schedule(callback: TimerCallback, milliseconds: unknown, args: unknown[], repeat: boolean): number {
  if (typeof callback !== "function") throw new TypeError("The callback argument must be a function");
  let delay = Math.max(0, Number(milliseconds) || 0) / 1000;
  // As in Node, an interval is at least 1 ms: a zero one would keep the virtual clock from moving.
  if (repeat && delay < 0.001) delay = 0.001;
  const state = timersOfActiveRuntime();
  const id = ++state.lastId;
  const timers = state.handles;
  const loop = getEventLoop();
  const fire = (...callArguments: unknown[]) => {
    if (repeat) timers.set(id, loop.callLater(delay, fire, ...callArguments));
    else timers.delete(id);
    callback(...callArguments);
  };
  // Error reports and handle reprs name the snippet's callback, not this wrapper.
  Object.defineProperty(fire, "name", { value: callback.name });
  timers.set(id, loop.callLater(delay, fire, ...args));
  return id;
}

export function setTimeout(callback: TimerCallback, milliseconds?: number, ...args: unknown[]): number {
  return schedule(callback, milliseconds, args, false);
}

export function setInterval(callback: TimerCallback, milliseconds?: number, ...args: unknown[]): number {
  return schedule(callback, milliseconds, args, true);
}

export function clearTimeout(id: unknown): void {
  const timers = timersOfActiveRuntime().handles;
  const handle = timers.get(id as number);
  if (handle !== undefined) {
    handle.cancel();
    timers.delete(id as number);
  }
}

export const clearInterval = clearTimeout;

export function queueMicrotask(callback: () => unknown): void {
  if (typeof callback !== "function") throw new TypeError("The callback argument must be a function");
  getEventLoop().callSoon(callback);
}
