// asyncio.wait (CPython 3.12 tasks.wait and _wait). Rules: the futures are a set (duplicates
// count once) and must be futures or tasks, never bare coroutines; it never raises on timeout
// and never cancels anything, it only reports `[done, pending]`; FIRST_COMPLETED wakes on the
// first completion, and everything that finished by the time the waiter resumes is in `done`.

import { str } from "../builtins/format.js";
import { option } from "../python-names.js";
import { Coroutine, isCoroutineLike } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { ValueError } from "./exceptions.js";
import { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";

export interface WaitOptions {
  timeout?: number | null;
  returnWhen?: string;
  return_when?: string;
}

/** Python's type(value).__name__, for messages about a wrong argument. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (isCoroutineLike(value)) return "coroutine";
  return (value as object).constructor?.name ?? typeof value;
}

export function wait<T = unknown>(futures: Iterable<Future<T>>, options?: WaitOptions): Coroutine<[Set<Future<T>>, Set<Future<T>>]> {
  return Coroutine.wrap("wait", waitBody(futures, options));
}

// A module-level generator function, not a closure made per call (see Coroutine.wrap).
function* waitBody<T>(futures: Iterable<Future<T>>, options?: WaitOptions): Generator<unknown, [Set<Future<T>>, Set<Future<T>>], unknown> {
  if (futures instanceof Future || isCoroutineLike(futures)) {
    throw new TypeError(`expect a list of futures, not ${typeName(futures)}`);
  }
  const unique = new Set(futures);
  if (unique.size === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  const returnWhen = option<string>(options, "returnWhen", ALL_COMPLETED);
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid return_when value: ${str(returnWhen)}`);
  }
  for (const future of unique) {
    if (isCoroutineLike(future)) throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
    if (!(future instanceof Future)) throw new TypeError(`asyncio.wait() takes futures and tasks, not ${typeName(future)}`);
  }
  return yield* waitUntil(unique, option(options, "timeout", null), returnWhen, getRunningLoop());
}

function* waitUntil<T>(
  futures: Set<Future<T>>,
  timeout: number | null,
  returnWhen: string,
  loop: EventLoop,
): Generator<unknown, [Set<Future<T>>, Set<Future<T>>], unknown> {
  const waiter = loop.createFuture();
  waiter.waitTarget = { kind: "tasks", taskIds: [...futures].map((future) => future.id), label: `wait of ${futures.size}` };
  const release = () => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  const timer = timeout === null ? null : loop.callLater(timeout, release);
  let remaining = futures.size;
  const onCompletion = (future: Future<T>) => {
    remaining--;
    if (
      remaining <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !future.cancelled() && future.exception() !== null)
    ) {
      timer?.cancel();
      release();
    }
  };
  for (const future of futures) future.addDoneCallback(onCompletion);
  try {
    yield waiter;
  } finally {
    timer?.cancel();
    for (const future of futures) future.removeDoneCallback(onCompletion);
  }
  const done = new Set<Future<T>>();
  const pending = new Set<Future<T>>();
  for (const future of futures) (future.done() ? done : pending).add(future);
  return [done, pending];
}
