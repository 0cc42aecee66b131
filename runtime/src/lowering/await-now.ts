// `await x` in an async function compiles to (compile/await-now.ts)
//
//   ((__awaitResult = __awaitNow(__awaiting = x)) !== __notNow ? __awaitResult : yield __awaiting)
//
// When x can finish without suspending, a finished future or a runtime coroutine whose fast
// path applies (asyncio/fast-path.ts), the body goes on at once, as in CPython, instead of
// yielding x to its task and being resumed by it: a generator round trip and a pass through the
// task's chain saved on every such await. Anything else is yielded as before.
//
// __awaiting and __awaitResult are variables of the snippet's scope (see `awaitVariables`),
// shared by every await: between the assignment and the read only __awaitNow runs, which never
// runs snippet code, and a nested await finishes before its parent assigns.

import { FastPathCoroutine, NOT_NOW } from "../asyncio/fast-path.js";
import { Future } from "../asyncio/futures.js";

/** The result of `awaited` if it finished now, else NOT_NOW: then it must be yielded. */
export function __awaitNow(awaited: unknown): unknown {
  // Only these two kinds can finish at once; testing for them costs any other await two checks.
  if (awaited instanceof FastPathCoroutine) {
    if (awaited.state !== "created") return NOT_NOW;
    // Closed before the fast path runs: if it raises, it raised as a finished coroutine does.
    awaited.taken = true;
    awaited.state = "closed";
    const result = awaited.runNow();
    if (result === NOT_NOW) awaited.state = "created";
    return result;
  }
  // Future.__await__ of a finished future: its outcome, raised here if it is an exception.
  if (awaited instanceof Future && awaited.done()) return awaited.result();
  return NOT_NOW;
}

/** The scope variables the compiled awaits use, with their initial values. */
export const awaitVariables = { __awaiting: undefined, __awaitResult: undefined, __notNow: NOT_NOW };
