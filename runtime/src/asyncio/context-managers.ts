// Python's `async with` statement (PEP 492) for snippets, which have no such syntax:
// `await asyncio.asyncWith(X, async (v) => {...})`, and its short form for `await using`.
// A context manager is anything with __aenter__/__aexit__, or a JavaScript async disposable
// (Symbol.asyncDispose, else Symbol.dispose), which is its own value and never suppresses.

import { Coroutine } from "./coroutines.js";

/** The two halves of a context manager, resolved once, before entering, as Python does. */
interface ContextProtocol {
  /** A bare JavaScript disposable: it is its own value. */
  disposable: boolean;
  enter(): unknown;
  /** Exits with the body's exception (null on success); returns whether to suppress it. */
  exit(failure: { error: unknown } | null): Generator<unknown, boolean, unknown>;
}

type Members = Record<string | symbol, unknown>;

/** Python's issubclass(type, cls) for the exception type __aexit__ receives. */
export function isExceptionType(type: unknown, cls: abstract new (...args: never[]) => unknown): boolean {
  // Compared by prototype: the module exports classes wrapped to be callable without `new`.
  return typeof type === "function" && (type.prototype === cls.prototype || type.prototype instanceof cls);
}

/** `await value`, except that awaiting nothing does not cost a loop iteration (a bare yield). */
function* awaitValue(value: unknown): Generator<unknown, unknown, unknown> {
  return value === undefined || value === null ? value : yield value;
}

function contextProtocol(manager: unknown): ContextProtocol {
  const members = (manager ?? {}) as Members;
  const aenter = members.__aenter__;
  const aexit = members.__aexit__;
  if (typeof aenter === "function" && typeof aexit === "function") {
    return {
      disposable: false,
      enter: () => aenter.call(manager),
      *exit(failure) {
        const args = failure === null ? [null, null, null] : [exceptionType(failure.error), failure.error, null];
        return Boolean(yield* awaitValue(aexit.apply(manager, args)));
      },
    };
  }
  const dispose = members[Symbol.asyncDispose] ?? members[Symbol.dispose];
  if (typeof dispose === "function") {
    return {
      disposable: true,
      enter: () => manager,
      *exit() {
        yield* awaitValue(dispose.call(manager));
        return false;
      },
    };
  }
  const name = (manager as { constructor?: { name?: string } } | null)?.constructor?.name ?? "NoneType";
  throw new TypeError(`'${name}' object does not support the asynchronous context manager protocol`);
}

/** The class `__aexit__` receives as its first argument. */
export function exceptionType(error: unknown): unknown {
  return error === null || error === undefined ? null : (error as object).constructor;
}

/**
 * `async with manager as value: body(value)`. The body's exception goes to __aexit__; a truthy
 * answer suppresses it and the result is undefined, as the statement gives nothing back.
 */
export function asyncWith<T>(manager: unknown, body: (value: unknown) => T | Coroutine<T> | PromiseLike<T>): Coroutine<T | undefined> {
  return Coroutine.fromFunction("async_with", function* () {
    const protocol = contextProtocol(manager);
    const value = yield* awaitValue(protocol.enter());
    let result: unknown;
    try {
      result = yield* awaitValue(body(value));
    } catch (error) {
      if (yield* protocol.exit({ error })) return undefined;
      throw error;
    }
    yield* protocol.exit(null);
    return result as T;
  });
}

/**
 * `await using value = await asyncio.enter(manager)`: enters now, exits when the block ends,
 * always as __aexit__(None, None, None), because disposal is not told of the block's exception.
 * So it suits managers that only release something (locks, a TaskGroup whose body does not
 * fail); one that translates the exception, as timeout() does, needs asyncWith.
 *
 * `await using` needs an object with Symbol.asyncDispose, and the entered value is often not
 * one: None for a Lock, or an object shared beyond this block. So an object comes back as a
 * proxy of itself that adds the disposer and changes nothing on the original; any other value
 * (None, a number) comes back wrapped in an EnteredValue whose `value` holds it. A bare
 * disposable is returned as is.
 */
export function enter(manager: unknown): Coroutine<unknown> {
  return Coroutine.fromFunction("enter", function* () {
    const protocol = contextProtocol(manager);
    if (protocol.disposable) return manager;
    const value = yield* awaitValue(protocol.enter());
    const dispose = () =>
      Coroutine.fromFunction(
        "__aexit__",
        function* () {
          yield* protocol.exit(null);
        },
        false,
      );
    if ((typeof value === "object" && value !== null) || typeof value === "function") {
      return new Proxy(value, {
        get: (target, key) => (key === Symbol.asyncDispose ? dispose : Reflect.get(target, key)),
        has: (target, key) => key === Symbol.asyncDispose || Reflect.has(target, key),
      });
    }
    return new EnteredValue(value, dispose);
  });
}

/** What enter() gives for an entered value that cannot carry a disposer itself. */
export class EnteredValue {
  constructor(
    readonly value: unknown,
    dispose: () => Coroutine<void>,
  ) {
    // Defined per instance: QuickJS has no Symbol.asyncDispose until the `using` lowering adds it.
    Object.defineProperty(this, Symbol.asyncDispose, { value: dispose });
  }

  __repr__(): string {
    return "<entered context>";
  }
}
