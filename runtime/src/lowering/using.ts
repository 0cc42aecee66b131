// `using` and `await using` (explicit resource management), lowered by the compiler to
// __using/__callDispose. Asynchronous disposal becomes a coroutine the enclosing task awaits.

import { Coroutine } from "../asyncio/coroutines.js";

type DisposeEntry = [isAsync: boolean, dispose?: () => unknown, value?: unknown];

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
  const record = value as Record<symbol, unknown>;
  let dispose = isAsync ? record[Symbol.asyncDispose] : undefined;
  if (dispose === undefined) dispose = record[Symbol.dispose];
  if (typeof dispose !== "function") throw new TypeError("Object not disposable");
  stack.push([isAsync === true, dispose as () => unknown, value]);
  return value;
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
