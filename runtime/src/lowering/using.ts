// `using` and `await using` (explicit resource management), lowered by the compiler to
// __using/__callDispose. Asynchronous disposal becomes a coroutine the enclosing task awaits.
// `await using` also takes Python's asynchronous context managers (TaskGroup, timeout()): it
// enters one at once, and exits it as `async with` does, with the block's exception.

import { exceptionType } from "../asyncio/context-managers.js";
import { Coroutine, isCoroutineLike, toCoroutine } from "../asyncio/coroutines.js";
import { StopIteration } from "../asyncio/exceptions.js";
import { Future } from "../asyncio/futures.js";
import { repr } from "../builtins/format.js";

/** `exits`: the function is __aexit__, given the block's exception and able to suppress it. */
type DisposeEntry = [isAsync: boolean, dispose?: (...args: unknown[]) => unknown, value?: unknown, exits?: boolean];

// QuickJS defines neither symbol; the compiled code reads them from Symbol at run time.
const symbols = Symbol as unknown as Record<string, symbol>;
symbols.dispose ??= Symbol.for("Symbol.dispose");
symbols.asyncDispose ??= Symbol.for("Symbol.asyncDispose");

export function __using(stack: DisposeEntry[], value: unknown, isAsync?: boolean): unknown {
  if (value == null) {
    if (isAsync) stack.push([true]);
    return value;
  }
  if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected");
  const record = value as Record<string | symbol, unknown>;
  let dispose = isAsync ? record[Symbol.asyncDispose] : undefined;
  if (isAsync && dispose === undefined && typeof record.__aenter__ === "function" && typeof record.__aexit__ === "function") {
    enterNow(value, record.__aenter__);
    stack.push([true, record.__aexit__ as (...args: unknown[]) => unknown, value, true]);
    return value;
  }
  if (dispose === undefined) dispose = record[Symbol.dispose];
  if (typeof dispose !== "function") throw new TypeError("Object not disposable");
  stack.push([isAsync === true, dispose as () => unknown, value]);
  return value;
}

/**
 * Runs __aenter__ to its end now: `await using` has no await of its own to wait at. The
 * variable holds the manager (as `using` does), not what __aenter__ returns; TaskGroup and
 * timeout() return themselves. One that must wait to be entered is refused, saying what to write.
 */
function enterNow(manager: unknown, aenter: Function): void {
  const entering: unknown = aenter.call(manager);
  if (isCoroutineLike(entering)) {
    const coroutine = toCoroutine(entering);
    try {
      coroutine.send(undefined);
    } catch (error) {
      if (error instanceof StopIteration) return;
      throw error;
    }
    coroutine.close();
  } else if (!(entering instanceof Future) || entering.done()) {
    return;
  }
  throw new TypeError(
    `await using cannot wait for ${repr(manager)} to be entered: write \`await using entered = await asyncio.enter(manager)\` ` +
      "(its __aexit__ is then not told of the block's exception), or `await asyncio.asyncWith(manager, async (value) => { ... })`",
  );
}

class SuppressedErrorFallback extends Error {
  constructor(
    readonly error: unknown,
    readonly suppressed: unknown,
    message: string,
  ) {
    super(message);
    this.name = "SuppressedError";
  }
}

export function __callDispose(stack: DisposeEntry[], error: unknown, hasError: boolean): Coroutine<void> | undefined {
  const fail = (failure: unknown) => {
    error = hasError ? new SuppressedErrorFallback(failure, error, "An error was suppressed during disposal") : failure;
    hasError = true;
  };
  const disposeOne = (entry: DisposeEntry): unknown => {
    try {
      return entry[1]?.call(entry[2]);
    } catch (failure) {
      fail(failure);
      return undefined;
    }
  };
  if (!stack.some((entry) => entry[0])) {
    for (let entry = stack.pop(); entry; entry = stack.pop()) disposeOne(entry);
    if (hasError) throw error;
    return undefined;
  }
  return Coroutine.fromFunction(
    "dispose",
    function* () {
      for (let entry = stack.pop(); entry; entry = stack.pop()) {
        if (entry[3] === true) {
          // __aexit__ as `async with` calls it: an exception it raises replaces the block's.
          try {
            const exited = (entry[1] as (...args: unknown[]) => unknown).call(
              entry[2],
              hasError ? exceptionType(error) : null,
              hasError ? error : null,
              null,
            );
            const suppress: unknown = exited === null || exited === undefined ? exited : yield exited;
            if (suppress && hasError) {
              hasError = false;
              error = undefined;
            }
          } catch (failure) {
            error = failure;
            hasError = true;
          }
          continue;
        }
        const result = disposeOne(entry);
        if (entry[0] && result != null) {
          try {
            yield result;
          } catch (failure) {
            fail(failure);
          }
        }
      }
      if (hasError) throw error;
    },
    false,
  );
}
