// Runtime coroutines that usually finish without waiting: a get from a queue that has items, an
// acquire of a free lock. CPython runs such a coroutine's body inline at the await and, as it
// never reaches a yield, the awaiting coroutine goes on without its task suspending. Here the
// compiled await calls runNow() first (lowering/await-now.ts): the fast path does the work and
// gives the result, or gives NOT_NOW having changed nothing, and only then is the generator made
// and run as a frame of the task's chain. A fast await thus costs no generator at all.
//
// A method whose coroutine has a fast path is marked with it (`withFastPath`), so that the
// compiled `await queue.get()` can run the fast path without making the coroutine at all
// (lowering/await-now.ts): the coroutine is made only when it has to wait. A function may also
// say what its coroutine would first suspend on (`suspend`): asyncio.sleep's future, or null for
// sleep(0)'s bare yield. The awaiting task then suspends on that itself, again with no coroutine.

import { Coroutine } from "./coroutines.js";
import type { Future } from "./futures.js";

/** What a fast path gives when the coroutine has to run as a frame, maybe suspending. */
export const NOT_NOW: unique symbol = Symbol("not now");

/** What a compiled `await owner.method(argument)` may do instead of making the method's coroutine. */
export interface AwaitFastPath<Owner, Argument, T> {
  /** Finishes the operation at once and gives its result, or gives NOT_NOW having changed nothing. */
  now?(owner: Owner, argument: Argument): T | typeof NOT_NOW;
  /**
   * Starts the operation and gives what the coroutine would suspend on, a future whose result
   * is the await's or null for one loop iteration (then undefined), or gives NOT_NOW having
   * changed nothing. Only for a coroutine with nothing to do after that suspension.
   */
  suspend?(owner: Owner, argument: Argument): Future | null | typeof NOT_NOW;
}

/** One operation's two ways to run, shared by every coroutine of that operation (no closures per call). */
export interface FastPath<Owner, Argument, T> extends AwaitFastPath<Owner, Argument, T> {
  /** The Python name messages show: "Queue.get". */
  readonly name: string;
  now(owner: Owner, argument: Argument): T | typeof NOT_NOW;
  /** The whole coroutine body, as CPython writes it, run when the fast path does not apply. */
  body(owner: Owner, argument: Argument): Generator<unknown, T, unknown>;
}

/** The property a method's fast path is kept in; lowering/await-now.ts reads it inline, a call less per await. */
export const FAST_PATH: unique symbol = Symbol("fast path");

export type MarkedMethod = { [FAST_PATH]?: AwaitFastPath<unknown, unknown, unknown> };

/**
 * Marks `method` (one that returns `fastPathCoroutine(path, this, argument, ...)`, or asyncio's
 * sleep) as having the fast path `path`, and gives `path` back:
 * `static readonly GET = withFastPath(Queue.prototype.get, {...})`.
 */
export function withFastPath<Path extends AwaitFastPath<never, never, unknown>>(method: Function, path: Path): Path {
  (method as MarkedMethod)[FAST_PATH] = path as AwaitFastPath<unknown, unknown, unknown>;
  return path;
}

export class FastPathCoroutine<Owner, Argument, T> extends Coroutine<T> {
  constructor(
    private readonly path: FastPath<Owner, Argument, T>,
    private readonly owner: Owner,
    private readonly argument: Argument,
  ) {
    super(path.name, null, true);
  }

  /** Finishes at once and gives the result, or gives NOT_NOW having changed nothing. */
  runNow(): T | typeof NOT_NOW {
    return this.path.now(this.owner, this.argument);
  }

  // The generator is made on the first step, kept off Coroutine.resume(), which every await runs.
  override resume(throwing: boolean, value: unknown): IteratorResult<unknown, unknown> {
    if (this.generator === null) this.generator = this.path.body(this.owner, this.argument);
    return super.resume(throwing, value);
  }
}

/**
 * A coroutine for one call of `path`. A coroutine runs when awaited, not when made, so either
 * kind is correct at any time; the fast kind is made only when `mayFinishNow` (the owner's
 * state when the call is made) says its fast path is likely to apply, because a fast path
 * tried in vain costs more than it saves, most of all in QuickJS (a contended lock: +9%).
 */
export function fastPathCoroutine<Owner, Argument, T>(
  path: FastPath<Owner, Argument, T>,
  owner: Owner,
  argument: Argument,
  mayFinishNow: boolean,
): Coroutine<T> {
  if (mayFinishNow) return new FastPathCoroutine(path, owner, argument);
  return Coroutine.wrap(path.name, path.body(owner, argument));
}
