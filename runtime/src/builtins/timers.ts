// setTimeout and friends on the asyncio loop and its clock (milliseconds, as in JavaScript).
// At top level, outside asyncio.run, they use the current loop; the run drains it at the end,
// so a plain JavaScript snippet with timers behaves as it would in Node.

import { getEventLoop } from "../asyncio/events.js";
import type { Handle } from "../asyncio/handles.js";
import { activeRuntime } from "../runtime.js";

type TimerCallback = (...args: unknown[]) => unknown;

const handles = new WeakMap<object, Map<number, Handle>>();

function timersOfActiveRuntime(): Map<number, Handle> {
  const runtime = activeRuntime();
  let map = handles.get(runtime);
  if (map === undefined) {
    map = new Map();
    handles.set(runtime, map);
  }
  return map;
}

let lastTimerId = 0;

function schedule(callback: TimerCallback, milliseconds: unknown, args: unknown[], repeat: boolean): number {
  if (typeof callback !== "function") throw new TypeError("The callback argument must be a function");
  const delay = Math.max(0, Number(milliseconds) || 0) / 1000;
  const id = ++lastTimerId;
  const timers = timersOfActiveRuntime();
  const loop = getEventLoop();
  const fire = () => {
    if (repeat) timers.set(id, loop.callLater(delay, fire));
    else timers.delete(id);
    callback(...args);
  };
  timers.set(id, loop.callLater(delay, fire));
  return id;
}

export function setTimeout(callback: TimerCallback, milliseconds?: number, ...args: unknown[]): number {
  return schedule(callback, milliseconds, args, false);
}

export function setInterval(callback: TimerCallback, milliseconds?: number, ...args: unknown[]): number {
  return schedule(callback, milliseconds, args, true);
}

export function clearTimeout(id: unknown): void {
  const timers = timersOfActiveRuntime();
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
