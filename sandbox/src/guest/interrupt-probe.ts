// What the host needs to let a Ctrl-C land where the session can recover from it
// (engine/interrupt-landing.ts): where the runtime resumes a coroutine, as QuickJS's stack
// traces name it, found when the bundle is evaluated, before any snippet runs, and the stack as
// it stands, read with builtins captured then.

import { Coroutine } from "../../../runtime/src/asyncio/coroutines.js";

const ErrorClass = Error;
const describe = Object.getOwnPropertyDescriptor;
const define = Object.defineProperty;
const apply = Reflect.apply;
// Error's own properties that quickjs-ng reads when it writes a stack, as the engine made them
// (undefined where the engine has none, as QuickJS's): a data property or a native accessor.
const LIMIT = describe(ErrorClass, "stackTraceLimit");
const PREPARE = describe(ErrorClass, "prepareStackTrace");
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
  // Lines: stackNow, probe, next or throw (native), resume; its place is "(file:line:column)".
  return stacks
    .map((stack) => {
      const line = stack.split("\n")[3] ?? "";
      return line.slice(line.lastIndexOf("(") + 1, -1);
    })
    .join("\n");
})();

/**
 * The stack now, innermost frame (this function's) first; "" when the snippet changed how the
 * engine writes stacks, which could hide or invent frames: quickjs-ng's Error.prepareStackTrace
 * set, or its Error.stackTraceLimit redefined. That limit (10 by default) is lifted meanwhile.
 */
export function stackNow(): string {
  const prepare = engineSetting("prepareStackTrace", PREPARE);
  if (prepare === null || prepare.value !== undefined) return "";
  const limit = engineSetting("stackTraceLimit", LIMIT);
  if (limit === null) return "";
  if (LIMIT !== undefined) setEngineSetting("stackTraceLimit", LIMIT, UNBOUNDED_FRAMES);
  try {
    const stack: unknown = new ErrorClass().stack;
    return typeof stack === "string" ? stack : "";
  } finally {
    if (LIMIT !== undefined) setEngineSetting("stackTraceLimit", LIMIT, limit.value);
  }
}

/** The setting's value, or null when the snippet redefined the property (another accessor, say). */
function engineSetting(name: string, original: PropertyDescriptor | undefined): { value: unknown } | null {
  if (original === undefined) return { value: undefined };
  const now = describe(ErrorClass, name);
  if (now === undefined) return null;
  if (original.get === undefined) return "value" in now ? { value: now.value } : null;
  if (now.get !== original.get || now.set !== original.set) return null;
  return { value: apply(original.get, ErrorClass, []) };
}

function setEngineSetting(name: string, original: PropertyDescriptor, value: unknown): void {
  if (original.set !== undefined) apply(original.set, ErrorClass, [value]);
  else define(ErrorClass, name, { value, writable: true, configurable: true, enumerable: original.enumerable === true });
}
