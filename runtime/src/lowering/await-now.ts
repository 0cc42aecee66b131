// `await x` in an async function compiles to (compile/await-now.ts)
//
//   ((__awaitResult = __awaitNow(__awaiting = x)) !== __notNow ? __awaitResult : yield __suspendAt(site, __awaiting))
//
// (the site is the await's line and column, see sites.ts). When x can finish without
// suspending, a finished future or a runtime coroutine whose fast path applies
// (asyncio/fast-path.ts), the body goes on at once, as in CPython, instead of yielding x to its
// task and being resumed by it: a generator round trip and a pass through the task's chain
// saved on every such await. Anything else is yielded as before.
//
// `await receiver.method(argument)`, the commonest shape, compiles to
//
//   ((__awaitResult = __awaitCallWith(__receiver = receiver, __receiver.method, argument)) !== __notNow
//     ? __awaitResult : yield __awaitLater(site))
//
// which evaluates receiver, method and argument in JavaScript's order and then, for a method
// marked with a fast path (`queue.get`, `lock.acquire`), tries it before making the coroutine:
// an await that finishes at once then costs no coroutine object either. The coroutine is made,
// by calling the method as the snippet wrote it, only when it has to be awaited.
//
// __awaiting, __awaitResult and __receiver are variables of the snippet's scope (see
// `awaitVariables`), shared by every await: each is read right after it is assigned, with only
// runtime code between, and a nested await finishes before its parent assigns. The same holds
// for the coroutine __awaitCallWith leaves for __awaitLater.

import { FAST_PATH, FastPathCoroutine, type MarkedMethod, NOT_NOW } from "../asyncio/fast-path.js";
import { Future } from "../asyncio/futures.js";
import { suspension } from "./sites.js";

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

/** What the last __awaitCallWith could not finish now; __awaitLater hands it to the yield. */
let awaitingLater: unknown;

/**
 * `await receiver.method(argument)`: tries the fast path `method` is marked with, giving its
 * result, or what to suspend on (left in awaitingLater, null for a bare yield). Else calls the
 * method as written, `hasArgument` telling `m()` (compiled as `hasArgument` false) from
 * `m(undefined)`, and awaits its coroutine now if it can. Both shapes call it directly: one
 * call less per await than a helper for each behind a shared one.
 */
export function __awaitCallWith(receiver: unknown, method: unknown, argument: unknown, hasArgument = true): unknown {
  if (typeof method !== "function") throw notAFunction(method);
  const path = (method as MarkedMethod)[FAST_PATH];
  if (path !== undefined) {
    if (path.now !== undefined) {
      const result = path.now(receiver, argument);
      if (result !== NOT_NOW) return result;
    }
    if (path.suspend !== undefined) {
      const suspension = path.suspend(receiver, argument);
      if (suspension !== NOT_NOW) {
        awaitingLater = suspension;
        return NOT_NOW;
      }
    }
  }
  return awaitNowOrLater(hasArgument ? method.call(receiver, argument) : method.call(receiver));
}

/** The awaitable the last __awaitCallWith could not finish, to be yielded at `site` (lowering/sites.ts). */
export function __awaitLater(site: number): unknown {
  suspension.site = site;
  const awaited = awaitingLater;
  awaitingLater = undefined;
  return awaited;
}

function awaitNowOrLater(awaited: unknown): unknown {
  const result = __awaitNow(awaited);
  if (result === NOT_NOW) awaitingLater = awaited;
  return result;
}

/** The engine's own message names the expression; ours can only name what it found there. */
function notAFunction(value: unknown): TypeError {
  return new TypeError(`${value === null ? "null" : typeof value} is not a function`);
}

/** The scope variables the compiled awaits use, with their initial values. */
export const awaitVariables = { __awaiting: undefined, __awaitResult: undefined, __receiver: undefined, __notNow: NOT_NOW };
