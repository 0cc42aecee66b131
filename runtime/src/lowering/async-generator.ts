// Async generators, `yield*` inside them and `for await`, driven by the runtime's tasks
// instead of promise jobs. The compiler lowers `async function*` bodies to generators that
// yield `new __await(x)` for each await and plain values for each yield; an AsyncGenerator
// runs such a body one `next()` at a time, each call a coroutine the awaiting task drives.

import { type AnyGenerator, Coroutine } from "../asyncio/coroutines.js";
import { exceptionInstance, RuntimeError, StopAsyncIteration } from "../asyncio/exceptions.js";
import { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { activeRuntime } from "../runtime.js";
import { nameLoweredBody } from "./async-function.js";

/** The compiler's marker for an `await` inside an async generator body. */
export class AwaitMarker {
  0: unknown;
  1: boolean;
  constructor(awaited: unknown, isYieldStar?: boolean) {
    this[0] = awaited;
    this[1] = isYieldStar === true || (isYieldStar as unknown) === 1;
  }
}

export const __await = AwaitMarker;

type Mode = "next" | "throw" | "return";

/** The method CPython names when a step finds the generator already running. */
const PYTHON_METHOD: Record<Mode, string> = { next: "anext", throw: "athrow", return: "aclose" };

function isAwaitable(value: unknown): boolean {
  if (value instanceof Future || value instanceof Coroutine) return true;
  return value !== null && typeof value === "object" && typeof (value as PromiseLike<unknown>).then === "function";
}

export class AsyncGenerator {
  private running = false;
  private finished = false;
  /** The loop it was first iterated on, which closes it at shutdown if it is still open. */
  private loop: EventLoop | null = null;

  constructor(
    private readonly body: AnyGenerator,
    private readonly name: string,
  ) {}

  next(value?: unknown): Coroutine<IteratorResult<unknown>> {
    return this.resume("next", value, "asend");
  }

  throw(error: unknown): Coroutine<IteratorResult<unknown>> {
    return this.resume("throw", error, "athrow");
  }

  return(value?: unknown): Coroutine<IteratorResult<unknown>> {
    return this.resume("return", value, "aclose");
  }

  [Symbol.asyncIterator](): AsyncGenerator {
    return this;
  }

  // Python's async generator protocol.

  __aiter__(): AsyncGenerator {
    return this;
  }

  __anext__(): Coroutine {
    return this.unwrapped("next", undefined, "__anext__");
  }

  asend(value: unknown): Coroutine {
    return this.unwrapped("next", value, "asend");
  }

  athrow(error: unknown): Coroutine {
    return this.unwrapped("throw", exceptionInstance(error), "athrow");
  }

  aclose(): Coroutine<void> {
    const step = this.resume("return", undefined, "aclose");
    return Coroutine.fromFunction(
      "aclose",
      function* () {
        const result = (yield step) as IteratorResult<unknown>;
        // JavaScript lets a generator yield from `finally` while returning; Python's aclose() does not.
        if (!result.done) throw new RuntimeError("async generator ignored GeneratorExit");
      },
      false,
    );
  }

  __repr__(): string {
    return `<async_generator object ${this.name}>`;
  }

  /** A step whose value is the yielded value itself, StopAsyncIteration at the end (Python). */
  private unwrapped(mode: Mode, input: unknown, name: string): Coroutine {
    const step = this.resume(mode, input, name);
    return Coroutine.fromFunction(
      name,
      function* () {
        const result = (yield step) as IteratorResult<unknown>;
        if (result.done) throw new StopAsyncIteration();
        return result.value;
      },
      false,
    );
  }

  private resume(mode: Mode, input: unknown, name: string): Coroutine<IteratorResult<unknown>> {
    const generator = this;
    return Coroutine.fromFunction(
      name,
      function* () {
        if (generator.running) throw new RuntimeError(`${PYTHON_METHOD[mode]}(): asynchronous generator is already running`);
        if (generator.finished) {
          if (mode === "throw") throw input;
          return { value: mode === "return" ? input : undefined, done: true };
        }
        generator.startOnLoop();
        generator.running = true;
        try {
          return (yield* generator.drive(mode, input)) as IteratorResult<unknown>;
        } catch (error) {
          generator.finish();
          throw error;
        } finally {
          generator.running = false;
        }
      },
      false,
    );
  }

  /** CPython's firstiter hook: the running loop tracks the generator until it finishes. */
  private startOnLoop(): void {
    if (this.loop !== null) return;
    this.loop = activeRuntime().runningLoop;
    this.loop?.asyncGenerators.add(this);
  }

  private finish(): void {
    this.finished = true;
    this.loop?.asyncGenerators.delete(this);
  }

  private *drive(mode: Mode, input: unknown): Generator<unknown, IteratorResult<unknown>, unknown> {
    let step = this.body[mode](input as never);
    for (;;) {
      if (step.done) {
        this.finish();
        return { value: step.value, done: true };
      }
      const yielded = step.value;
      if (!(yielded instanceof AwaitMarker)) {
        // `yield x` in an async generator awaits x when it is a promise, as JavaScript does.
        const value =
          yielded !== null && typeof yielded === "object" && typeof (yielded as PromiseLike<unknown>).then === "function"
            ? yield yielded
            : yielded;
        return { value, done: false };
      }
      let awaited: unknown;
      try {
        awaited = yield yielded[0];
      } catch (error) {
        step = this.body.throw(error);
        continue;
      }
      // A `yield*` that forwards return() keeps forwarding it; every other await resumes with next.
      step = yielded[1] && mode === "return" ? this.body.return(awaited as never) : this.body.next(awaited);
    }
  }
}

export function __asyncGenerator(
  self: unknown,
  args: ArrayLike<unknown> | null,
  body: (...args: unknown[]) => AnyGenerator,
): AsyncGenerator {
  return new AsyncGenerator(body.apply(self, args === null ? [] : Array.from(args)), body.name || "<async_generator>");
}

/** `__asyncGenerator` for a function whose name the compiler knows (see compile/rewrite-helpers.ts). */
export function __asyncGeneratorNamed(
  name: string,
  self: unknown,
  args: ArrayLike<unknown> | null,
  body: (...args: unknown[]) => AnyGenerator,
): AsyncGenerator {
  return __asyncGenerator(self, args, nameLoweredBody(body, name));
}

type AnyIterator = { next(value?: unknown): unknown; throw?(error: unknown): unknown; return?(value?: unknown): unknown };

/**
 * `yield*` inside an async generator: a sync iterator over the inner async iterator whose every
 * step is an AwaitMarker (flagged as yield*) around the inner step; the driver awaits it and
 * sends the inner result back, which this iterator then hands to the native `yield*`.
 */
export function __yieldStar(value: unknown): AnyIterator & { [Symbol.iterator](): unknown } {
  const asyncIterator = (value as { [Symbol.asyncIterator]?: () => AnyIterator })[Symbol.asyncIterator];
  const iterator: Record<string | symbol, unknown> = {};
  iterator[Symbol.iterator] = () => iterator;
  if (asyncIterator == null) {
    const inner = (value as Iterable<unknown>)[Symbol.iterator]() as AnyIterator;
    for (const key of ["next", "throw", "return"] as const) {
      if (key === "next" || key in inner)
        iterator[key] = (input: unknown) => (inner[key] as (input: unknown) => unknown).call(inner, input);
    }
    return iterator as unknown as AnyIterator & { [Symbol.iterator](): unknown };
  }
  const inner = asyncIterator.call(value);
  let awaiting = false;
  const method = (key: Mode) => (input: unknown) => {
    if (awaiting) {
      awaiting = false;
      if (key === "throw") throw input;
      return input;
    }
    awaiting = true;
    return { done: false, value: new AwaitMarker((inner[key] as (input: unknown) => unknown).call(inner, input), true) };
  };
  iterator.next = method("next");
  iterator.throw =
    "throw" in inner
      ? method("throw")
      : (error: unknown) => {
          throw error;
        };
  if ("return" in inner) iterator.return = method("return");
  return iterator as unknown as AnyIterator & { [Symbol.iterator](): unknown };
}

/** `for await`: an async iterator for any async or sync iterable. */
export function __forAwait(iterable: unknown): AnyIterator {
  const asyncIterator = (iterable as { [Symbol.asyncIterator]?: () => AnyIterator })?.[Symbol.asyncIterator];
  if (typeof asyncIterator === "function") return asyncIterator.call(iterable);
  const syncIterator = (iterable as { [Symbol.iterator]?: () => AnyIterator })?.[Symbol.iterator];
  if (typeof syncIterator !== "function") {
    throw new TypeError(
      "for await needs an async iterable or an iterable; use asyncio.aiter(obj) for a Python-style __aiter__/__anext__ object",
    );
  }
  const inner = syncIterator.call(iterable);
  const wrapper: AnyIterator = {
    next: (input?: unknown) =>
      Coroutine.fromFunction(
        "__anext__",
        function* () {
          const step = inner.next(input) as IteratorResult<unknown>;
          const value = isAwaitable(step.value) ? yield step.value : step.value;
          return { value, done: step.done };
        },
        false,
      ),
  };
  if (typeof inner.return === "function") {
    wrapper.return = (input?: unknown) =>
      Coroutine.fromFunction(
        "aclose",
        function* () {
          return (inner.return as (input?: unknown) => unknown)(input);
        },
        false,
      );
  }
  return wrapper;
}

/** asyncio.aiter: iterate a Python-style object with __aiter__/__anext__ using `for await`. */
export function aiter(iterable: unknown): AsyncIterable<unknown> & AnyIterator {
  const source = iterable as { __aiter__?: () => { __anext__(): unknown } };
  if (typeof source?.__aiter__ !== "function") {
    const native = (iterable as { [Symbol.asyncIterator]?: () => AnyIterator })?.[Symbol.asyncIterator];
    if (typeof native === "function") return iterable as AsyncIterable<unknown> & AnyIterator;
    throw new TypeError(`'${(iterable as object)?.constructor?.name ?? typeof iterable}' object is not an async iterable`);
  }
  const iterator = source.__aiter__();
  const wrapper = {
    next: () =>
      Coroutine.fromFunction(
        "__anext__",
        function* () {
          try {
            return { value: yield iterator.__anext__(), done: false };
          } catch (error) {
            if (error instanceof StopAsyncIteration) return { value: undefined, done: true };
            throw error;
          }
        },
        false,
      ),
    [Symbol.asyncIterator]: () => wrapper,
  };
  return wrapper as unknown as AsyncIterable<unknown> & AnyIterator;
}

/** anext(iterator): one step of a Python-style or JavaScript async iterator. */
export function anext(iterator: unknown, ...defaultValue: unknown[]): Coroutine {
  return Coroutine.fromFunction("anext", function* () {
    const python = iterator as { __anext__?: () => unknown };
    try {
      if (typeof python.__anext__ === "function") return yield python.__anext__();
      const result = (yield (iterator as AnyIterator).next()) as IteratorResult<unknown>;
      if (result.done) throw new StopAsyncIteration();
      return result.value;
    } catch (error) {
      if (error instanceof StopAsyncIteration && defaultValue.length > 0) return defaultValue[0];
      throw error;
    }
  });
}
