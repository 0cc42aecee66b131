// What the host needs to let a Ctrl-C land where the session can recover from it
// (engine/interrupt-landing.ts): where the runtime resumes a coroutine, as QuickJS's stack
// traces name it, and the stack as it stands. Both are taken with the builtins captured here,
// when the bundle is evaluated, before any snippet runs.

import { Coroutine } from "../../../runtime/src/asyncio/coroutines.js";

const ErrorClass = Error;
const describe = Object.getOwnPropertyDescriptor;
const define = Object.defineProperty;
const lastIndexOf = Function.prototype.call.bind(String.prototype.lastIndexOf) as (text: string, search: string) => number;
const slice = Function.prototype.call.bind(String.prototype.slice) as (text: string, start: number, end?: number) => string;
const split = Function.prototype.call.bind(String.prototype.split) as (text: string, separator: string) => string[];
/** Frames enough for any stack the engine's stack limit allows. */
const UNBOUNDED_FRAMES = 1_000_000;

/**
 * The call sites in Coroutine.resume() of a generator's next() and throw(), as "file:line:column":
 * the frame just below a snippet's coroutine body, when a task step runs it.
 */
export const RESUME_SITES: string = (() => {
  const stacks: string[] = [];
  function* probe() {
    stacks.push(stackNow());
    try {
      yield;
    } catch {
      stacks.push(stackNow());
    }
  }
  const coroutine = Coroutine.wrap("probe", probe(), false);
  coroutine.resume(false, undefined);
  coroutine.resume(true, new ErrorClass());
  // Lines: stackNow, probe, next or throw (native), resume.
  return stacks.map((stack) => location(split(stack, "\n")[3] ?? "")).join("\n");
})();

/** "file:line:column" of a stack line "    at name (file:line:column)". */
function location(line: string): string {
  return slice(line, lastIndexOf(line, "(") + 1, line.length - 1);
}

/**
 * The stack now, innermost frame (this function's) first; "" when the snippet changed how the
 * engine writes stacks (quickjs-ng's Error.stackTraceLimit made an accessor, its
 * Error.prepareStackTrace set), which could hide or invent frames.
 */
export function stackNow(): string {
  const prepare = describe(ErrorClass, "prepareStackTrace");
  if (prepare !== undefined && !("value" in prepare && prepare.value === undefined)) return "";
  const limit = describe(ErrorClass, "stackTraceLimit");
  if (limit !== undefined) {
    if (!("value" in limit) || limit.writable !== true || limit.configurable !== true) return "";
    define(ErrorClass, "stackTraceLimit", { value: UNBOUNDED_FRAMES, writable: true, configurable: true, enumerable: limit.enumerable });
  }
  try {
    const stack: unknown = new ErrorClass().stack;
    return typeof stack === "string" ? stack : "";
  } finally {
    if (limit !== undefined) define(ErrorClass, "stackTraceLimit", limit);
  }
}
