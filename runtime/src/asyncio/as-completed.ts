// asyncio.as_completed (CPython 3.13 tasks.as_completed). The result is an array of
// awaitables, one per distinct argument: the i-th one to be awaited gives the result (or
// raises the exception) of the i-th argument to finish, and all still waiting raise
// TimeoutError once the timeout passes. `for await` over it yields the finished tasks and
// futures themselves, the ones passed in (a coroutine's: the task made for it), as 3.13's
// asynchronous iteration does.
// Finished futures go through a FIFO with waiting getters, as CPython's internal Queue does,
// so several awaiters wake in the order they started waiting.

import { option } from "../python-names.js";
import { Coroutine, isCoroutineLike } from "./coroutines.js";
import { getEventLoop } from "./events.js";
import { TimeoutError } from "./exceptions.js";
import { Future } from "./futures.js";
import type { TimerHandle } from "./handles.js";
import { ensureFutureOn } from "./loop.js";
import { typeName } from "./wait.js";

export interface AsCompletedOptions {
  timeout?: number | null;
}

export type AsCompleted<T> = Coroutine<T>[] & AsyncIterable<Future<T>>;

export function asCompleted<T = unknown>(awaitables: Iterable<unknown>, options?: AsCompletedOptions): AsCompleted<T> {
  if (awaitables instanceof Future || isCoroutineLike(awaitables)) {
    throw new TypeError(`expect an iterable of futures, not ${typeName(awaitables)}`);
  }
  const loop = getEventLoop();
  const todo = new Set<Future<T>>();
  for (const awaitable of new Set(awaitables)) todo.add(ensureFutureOn<T>(loop, awaitable));
  // null marks a timeout: each awaiter still to come gets one and raises TimeoutError.
  const finished: (Future<T> | null)[] = [];
  const getters: Future[] = [];
  let timer: TimerHandle | null = null;

  const wakeNextGetter = () => {
    for (let getter = getters.shift(); getter !== undefined; getter = getters.shift()) {
      if (!getter.done()) {
        getter.setResult(undefined);
        return;
      }
    }
  };
  const put = (future: Future<T> | null) => {
    finished.push(future);
    wakeNextGetter();
  };
  const onCompletion = (future: Future<T>) => {
    if (todo.size === 0) return; // the timeout came first
    todo.delete(future);
    put(future);
    if (todo.size === 0) timer?.cancel();
  };
  const onTimeout = () => {
    for (const future of todo) {
      future.removeDoneCallback(onCompletion);
      put(null);
    }
    todo.clear();
  };

  function* waitForOne(): Generator<unknown, T, unknown> {
    return (yield* nextFinished()).result();
  }

  function* nextFinished(): Generator<unknown, Future<T>, unknown> {
    while (finished.length === 0) {
      const getter = loop.createFuture();
      getter.waitTarget = { kind: "tasks", taskIds: [...todo].map((future) => future.id), label: "as_completed" };
      getters.push(getter);
      try {
        yield getter;
      } catch (error) {
        getter.cancel();
        const index = getters.indexOf(getter);
        if (index >= 0) getters.splice(index, 1);
        if (finished.length > 0 && !getter.cancelled()) wakeNextGetter();
        throw error;
      }
    }
    const future = finished.shift() as Future<T> | null;
    if (future === null) throw new TimeoutError();
    return future;
  }

  for (const future of todo) future.addDoneCallback(onCompletion);
  const timeout = option(options, "timeout", null);
  if (todo.size > 0 && timeout !== null) timer = loop.callLater(timeout, onTimeout);

  // Not tracked for "never awaited": a loop that stops early leaves some that Python's lazy
  // generator would never have made.
  const completions = Array.from({ length: todo.size }, () => Coroutine.fromFunction("_wait_for_one", waitForOne, false));
  return withAsyncIterator(completions, nextFinished);
}

function withAsyncIterator<T>(completions: Coroutine<T>[], nextFinished: () => Generator<unknown, Future<T>, unknown>): AsCompleted<T> {
  let left = completions.length;
  const iterate = () => ({
    next: () =>
      Coroutine.fromFunction(
        "__anext__",
        function* () {
          if (left === 0) return { value: undefined, done: true };
          left--;
          return { value: yield* nextFinished(), done: false };
        },
        false,
      ),
  });
  Object.defineProperty(completions, Symbol.asyncIterator, { value: iterate });
  return completions as AsCompleted<T>;
}
