// The await chain an exception passed through. CPython's traceback grows a frame each time an
// exception leaves a coroutine into the one awaiting it, so `main → a → b → c` raising in c
// prints four frames. Here the error's JavaScript stack holds only the frames of the step that
// raised (c's, and the loop's below it), so the chain driver notes each coroutine it throws the
// error into, at the await where that coroutine is parked (its site, lowering/sites.ts).

import { unpackSite } from "../lowering/sites.js";

/** A coroutine the exception was thrown into, at the await where it was parked. */
export interface AwaitFrame {
  /** The coroutine's function name. */
  function: string;
  line: number;
  column: number;
  /** The REPL input whose code it is, by number; absent in a program. */
  input?: number;
}

/** Frames kept per exception: the innermost ones, and the outermost ones since (deep recursion of awaits). */
export const MAX_AWAIT_FRAMES = 100;
const KEPT_AT_EACH_END = MAX_AWAIT_FRAMES / 2;

interface Trace {
  /** Innermost first: the order the exception met them. */
  readonly inner: AwaitFrame[];
  /** Past MAX_AWAIT_FRAMES, the latest ones met: the outermost so far. */
  readonly outer: AwaitFrame[];
}

const traces = new WeakMap<object, Trace>();

/** The exception is thrown into a coroutine named `name`, parked at `site`. Values that are not objects have no trace. */
export function noteAwaitFrame(error: unknown, name: string, site: number): void {
  if ((typeof error !== "object" && typeof error !== "function") || error === null) return;
  const position = unpackSite(site);
  if (position === null) return;
  let trace = traces.get(error);
  if (trace === undefined) {
    trace = { inner: [], outer: [] };
    traces.set(error, trace);
  }
  const frame: AwaitFrame = { function: name, ...position };
  if (trace.inner.length < KEPT_AT_EACH_END) {
    trace.inner.push(frame);
    return;
  }
  trace.outer.push(frame);
  if (trace.outer.length > KEPT_AT_EACH_END) trace.outer.shift();
}

/** The coroutines the exception passed through, outermost first (`main, a, b`); empty when none. */
export function awaitFramesOf(error: unknown): AwaitFrame[] {
  if ((typeof error !== "object" && typeof error !== "function") || error === null) return [];
  const trace = traces.get(error);
  if (trace === undefined) return [];
  return [...trace.inner, ...trace.outer].reverse();
}
