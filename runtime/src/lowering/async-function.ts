// `__async`: what the compiler's lowered `async function` calls. esbuild's own version starts
// the body at once and returns a Promise; ours returns a lazy Coroutine for a task to drive.

import { type AnyGenerator, Coroutine } from "../asyncio/coroutines.js";

export function __async(self: unknown, args: ArrayLike<unknown> | null, body: (...args: unknown[]) => AnyGenerator): Coroutine {
  return Coroutine.fromAsyncFunction(self, args, body);
}
