// `__async`: what the compiler's lowered `async function` calls. esbuild's own version starts
// the body at once and returns a Promise; ours returns a lazy Coroutine for a task to drive.

import { type AnyGenerator, Coroutine } from "../asyncio/coroutines.js";

type LoweredBody = (...args: unknown[]) => AnyGenerator;

export function __async(self: unknown, args: ArrayLike<unknown> | null, body: LoweredBody): Coroutine {
  return Coroutine.fromAsyncFunction(self, args, body);
}

/**
 * A function a host wraps top-level code in (a REPL input, see sandbox/src/repl/input-rewrite.ts)
 * is named this: its coroutine is `<module>`, as Python names an input's top level.
 */
export const TOP_LEVEL_FUNCTION = "__module__";

/** `__async` for a function whose name the compiler knows (see compile/rewrite-helpers.ts). */
export function __asyncNamed(name: string, self: unknown, args: ArrayLike<unknown> | null, body: LoweredBody): Coroutine {
  return Coroutine.fromAsyncFunction(self, args, nameLoweredBody(body, name === TOP_LEVEL_FUNCTION ? "<module>" : name));
}

/**
 * `__async` for a body the compiler hoisted out of its function (compile/rewrite-helpers.ts):
 * the function called the shared generator function itself, with its parameters.
 */
export function __asyncHoisted(name: string, body: LoweredBody, generator: AnyGenerator): Coroutine {
  // Named on first use, not at its declaration: a hoisted function can be called before that runs.
  if (body.name !== name) nameLoweredBody(body, name);
  return Coroutine.wrap(name, generator);
}

/**
 * Gives the anonymous generator esbuild lowered a function into that function's name, as a
 * property rather than as a named function expression: a name binding inside the body would
 * shadow the function itself, and a recursive call would then re-enter the generator. Python's
 * messages read the name, and so do QuickJS's stack traces.
 */
export function nameLoweredBody(body: LoweredBody, name: string): LoweredBody {
  Object.defineProperty(body, "name", { value: name });
  return body;
}
