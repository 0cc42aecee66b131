// Coroutine objects and the driver that runs a chain of them (CPython's coroutine objects and
// `yield from`). An `async function`, lowered by the compiler to a generator function wrapped
// in `__async`, returns a lazy Coroutine: nothing of its body runs until a task drives it.

import { markDrivenByRuntime } from "../lowering/generator-function.js";
import { recordHandOff, recordsHandOff } from "../lowering/hand-off.js";
import { suspension } from "../lowering/sites.js";
import { activeInstrument, activeRuntime } from "../runtime.js";
import { noteAwaitFrame } from "./await-trace.js";
import { exceptionInstance, RuntimeError, StopIteration, ValueError } from "./exceptions.js";
import { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";

type CoroutineState = "created" | "running" | "suspended" | "closed";
// biome-ignore lint/suspicious/noExplicitAny: a coroutine may await anything
export type AnyGenerator = Generator<any, any, any>;

/**
 * What drives the await chain of a coroutine the snippet calls send()/throw() on itself. Kept
 * here, not in a field: every coroutine made costs a field more (QuickJS adds them one by one).
 */
const handDrivers = new WeakMap<Coroutine, CoroutineStack>();

export class Coroutine<T = unknown> {
  /** Type-level only: what awaiting this coroutine gives. */
  declare readonly __result?: T;
  state: CoroutineState = "created";
  /** Whether a task or an await has taken this coroutine; one that never is gets a warning. */
  taken = false;
  /** The coroutine awaiting this one while a chain runs it (see AwaitChain): the link to its caller. */
  awaitedBy: Coroutine | null = null;
  /** Where it last suspended, as lowering/sites.ts packs it; 0 before its first suspension, or for the runtime's own coroutines. */
  site = 0;

  protected constructor(
    readonly name: string,
    /**
     * Null for a coroutine written by hand (sleep's), which overrides resume() and close(), or
     * for one that makes its generator when it first needs it (see FastPathCoroutine).
     */
    protected generator: AnyGenerator | null,
    tracked: boolean,
  ) {
    if (tracked) activeRuntime().trackCoroutine(this);
  }

  /** What Python calls it in messages (a generator-based one is a "generator"). */
  protected get kind(): string {
    return "coroutine";
  }

  /** What the compiler's `__async(this, arguments, function* name() {...})` calls. */
  static fromAsyncFunction(self: unknown, args: ArrayLike<unknown> | null, body: (...args: unknown[]) => AnyGenerator) {
    // apply() reads `arguments` as it is: no array copy per call.
    const generator = args === null ? body.call(self) : body.apply(self, args as unknown[]);
    return new Coroutine(body.name || "<lambda>", generator, true);
  }

  /**
   * A runtime-internal coroutine written as a closure generator function, for code off the hot
   * paths. Hot paths use `wrap` with a module-level generator function instead.
   */
  static fromFunction<T>(name: string, body: () => Generator<unknown, T, unknown>, tracked = true): Coroutine<T> {
    return new Coroutine<T>(name, body(), tracked);
  }

  /**
   * A runtime-internal coroutine around the generator of a module-level generator function that
   * takes its inputs as parameters, or of a generator method: `Coroutine.wrap("Queue.put",
   * this.putBody(item))`. V8 spends ~1 µs making a generator closure per call (and runs it
   * slower), 35 ns calling a shared one (sleep(0) loop: 411 → 40 ms).
   */
  static wrap<T>(name: string, generator: Generator<unknown, T, unknown>, tracked = true): Coroutine<T> {
    return new Coroutine<T>(name, generator, tracked);
  }

  /** A generator used as an old-style coroutine (`yield` is await, `yield*` is `yield from`). */
  static fromGenerator(generator: AnyGenerator): Coroutine {
    markDrivenByRuntime(generator);
    return new GeneratorCoroutine(generatorName(generator), generator, false);
  }

  /** Marks the coroutine as taken by a task, an await or a hand-driven send: no longer "never awaited". */
  take(): void {
    this.taken = true;
  }

  /**
   * Why a new awaiter cannot start this coroutine, or null when it can. As in CPython, what
   * counts is whether it has started, not who holds it: a task may wrap a coroutine that an
   * await then runs first, and it is the task that fails.
   */
  startError(): Error | null {
    switch (this.state) {
      case "created":
        return null;
      case "closed":
        return new RuntimeError("cannot reuse already awaited coroutine");
      case "suspended":
        return new RuntimeError("coroutine is being awaited already");
      case "running":
        return new ValueError("coroutine already executing");
    }
  }

  /** One step: resumes the generator, keeping `state` true to Python's cr_running/cr_suspended. */
  resume(throwing: boolean, value: unknown): IteratorResult<unknown, unknown> {
    this.state = "running";
    let step: IteratorResult<unknown, unknown>;
    try {
      const generator = this.generator as AnyGenerator;
      step = throwing ? generator.throw(value) : generator.next(value);
    } catch (error) {
      this.state = "closed";
      // PEP 479: a StopIteration escaping the body would pass for a return; it becomes an error.
      if (error instanceof StopIteration) throw new RuntimeError(`${this.kind} raised StopIteration`);
      throw error;
    }
    this.state = step.done ? "closed" : "suspended";
    return step;
  }

  // Python's coroutine protocol, for snippets that drive a coroutine by hand.

  send(value?: unknown): unknown {
    this.take();
    if (this.state === "closed") throw new RuntimeError("cannot reuse already awaited coroutine");
    return this.stepByHand(false, value);
  }

  throw(error: unknown): unknown {
    this.take();
    return this.stepByHand(true, exceptionInstance(error));
  }

  close(): void {
    this.take();
    if (this.state === "closed") return;
    // The coroutine it awaits closes first, as CPython's close() reaches down the await chain.
    handDrivers.get(this)?.closeAwaited();
    if (this.generator === null) {
      // Never started: there is no body to run a finally block in.
      this.state = "closed";
      return;
    }
    const step = this.generator.return(undefined);
    this.state = "closed";
    if (!step.done) throw new RuntimeError(`${this.kind} ignored GeneratorExit`);
  }

  /** One send()/throw(): runs the whole await chain, as CPython's coroutine objects do. */
  private stepByHand(throwing: boolean, value: unknown): unknown {
    let driver = handDrivers.get(this);
    if (driver === undefined) {
      driver = new CoroutineStack(this, null);
      handDrivers.set(this, driver);
    }
    const stack = driver;
    const instrument = activeInstrument();
    let yielded: unknown;
    if (instrument === null || !recordsHandOff(instrument, this)) yielded = stack.send(throwing, value);
    else
      recordHandOff(instrument, this, "coroutine", this.name, value, throwing, () => {
        yielded = stack.send(throwing, value);
        const done = yielded === FINISHED;
        return { done, value: done ? stack.result : yielded, site: done ? 0 : parkedSite(stack) };
      });
    if (yielded === FINISHED) throw new StopIteration(driver.result);
    return yielded;
  }

  __repr__(): string {
    return `<coroutine object ${this.name}>`;
  }
}

/** A generator used as an old-style coroutine. */
class GeneratorCoroutine extends Coroutine {
  protected override get kind(): string {
    return "generator";
  }
}

/** The generator function's name, which the compiler leaves on its prototype as __name__. */
function generatorName(generator: AnyGenerator): string {
  return (generator as { __name__?: string }).__name__ ?? "generator";
}

export function isGenerator(value: unknown): value is AnyGenerator {
  return Object.prototype.toString.call(value) === "[object Generator]";
}

/** asyncio.iscoroutine: a coroutine object, or a generator used as one. */
export function isCoroutineLike(value: unknown): value is Coroutine | AnyGenerator {
  return value instanceof Coroutine || isGenerator(value);
}

export function toCoroutine(value: Coroutine | AnyGenerator): Coroutine {
  return value instanceof Coroutine ? value : Coroutine.fromGenerator(value);
}

export const FINISHED: unique symbol = Symbol("finished");
/** What a step suspends on: a future, or null for a bare yield (one loop iteration). */
export type Suspension = Future | null;

/**
 * A chain of coroutines run the way `yield from` runs them (see advanceChain): a task, or a
 * CoroutineStack for a coroutine driven by hand. A task is its own chain rather than owning
 * a CoroutineStack: 56 bytes less for each of 100k live tasks.
 */
export interface AwaitChain {
  /** The root. */
  readonly coroutine: Coroutine;
  /** The coroutine that runs: the root, or the innermost one the root awaits. */
  innermost: Coroutine;
  /** What the root returned, once advanceChain() gave FINISHED. */
  returnValue: unknown;
}

/** Takes the innermost frame off the chain (never the root) and returns it. */
function popFrame(chain: AwaitChain): Coroutine {
  const frame = chain.innermost;
  chain.innermost = frame.awaitedBy as Coroutine;
  frame.awaitedBy = null;
  return frame;
}

function pushFrame(chain: AwaitChain, frame: Coroutine): void {
  frame.awaitedBy = chain.innermost;
  chain.innermost = frame;
}

/** Where the chain is parked: the site of its innermost coroutine that has one (the runtime's own have none); 0 if none. */
export function parkedSite(chain: AwaitChain): number {
  for (let frame: Coroutine | null = chain.innermost; frame !== null; frame = frame.awaitedBy) {
    if (frame.site !== 0) return frame.site;
  }
  return 0;
}

/** Closes every frame above the root, innermost first. */
export function closeAwaited(chain: AwaitChain): void {
  while (chain.innermost !== chain.coroutine) popFrame(chain).close();
}

/**
 * Resumes a chain's innermost coroutine the way `yield from` does: only the innermost one
 * executes; when it returns, its value goes to the coroutine that awaited it; when it raises,
 * the exception is thrown into that one. Returns what the chain suspends on, or FINISHED with
 * the root's return value in chain.returnValue; driven `byHand` (send()), also any value yielded.
 * The chain is linked through the coroutines' awaitedBy, so awaiting allocates nothing and each
 * step costs the same at any depth. `loop` turns awaited thenables into futures (null by hand).
 */
export function advanceChain(chain: AwaitChain, throwing: boolean, value: unknown, loop: EventLoop | null, byHand: boolean): unknown {
  for (;;) {
    const frame = chain.innermost;
    let step: IteratorResult<unknown, unknown>;
    suspension.site = 0;
    if (throwing && frame.site !== 0) noteAwaitFrame(value, frame.name, frame.site);
    try {
      step = frame.resume(throwing, value);
    } catch (error) {
      if (frame === chain.coroutine) throw error;
      popFrame(chain);
      throwing = true;
      value = error;
      continue;
    }
    if (step.done) {
      if (frame === chain.coroutine) {
        chain.returnValue = step.value;
        return FINISHED;
      }
      popFrame(chain);
      throwing = false;
      value = step.value;
      continue;
    }
    frame.site = suspension.site;
    let awaited = step.value;
    // Python's __await__ gives an iterator to delegate to; here also a coroutine or a future.
    // A Coroutine has none: testing for one first skips a lookup that sees every kind of value.
    if (!(awaited instanceof Coroutine)) {
      const dunderAwait = (awaited as { __await__?: unknown } | null | undefined)?.__await__;
      if (typeof dunderAwait === "function") awaited = dunderAwait.call(awaited);
    }
    if (awaited instanceof Future) {
      if (!awaited.done()) return awaited;
      // Future.__await__: a finished future gives its outcome without suspending.
      try {
        value = awaited.result();
        throwing = false;
      } catch (error) {
        value = error;
        throwing = true;
      }
      continue;
    }
    if (awaited === undefined || awaited === null) return null;
    if (awaited instanceof Coroutine) {
      awaited.taken = true;
      // startError() is null for a coroutine not started: tested inline, as it nearly always is.
      const error = awaited.state === "created" ? null : awaited.startError();
      if (error === null) {
        pushFrame(chain, awaited);
        throwing = false;
        value = undefined;
      } else {
        throwing = true;
        value = error;
      }
      continue;
    }
    if (isGenerator(awaited)) {
      pushFrame(chain, Coroutine.fromGenerator(awaited));
      throwing = false;
      value = undefined;
      continue;
    }
    if (byHand || loop === null) return awaited;
    if ((typeof awaited === "object" || typeof awaited === "function") && typeof (awaited as PromiseLike<unknown>).then === "function") {
      return loop.futureFromThenable(awaited as PromiseLike<unknown>);
    }
    // Awaiting a plain value gives it back at once, as JavaScript's await does.
    throwing = false;
    value = awaited;
  }
}

/** The chain of a coroutine driven by hand (its send()/throw()), or of a greenlet. */
export class CoroutineStack implements AwaitChain {
  innermost: Coroutine;
  returnValue: unknown = undefined;
  /** The future send() last handed to its caller, whose outcome the next send() delivers. */
  private handedOver: Future | null = null;

  /** The loop that turns awaited thenables into futures; null for a coroutine driven by hand. */
  constructor(
    readonly coroutine: Coroutine,
    private readonly loop: EventLoop | null,
  ) {
    this.innermost = coroutine;
  }

  /** What the root returned, once advance() or send() gave FINISHED. */
  get result(): unknown {
    return this.returnValue;
  }

  /** Resumes the innermost frame; returns what it suspends on or FINISHED (see `result`). */
  advance(throwing: boolean, value: unknown): Suspension | typeof FINISHED {
    return advanceChain(this, throwing, value, this.loop, false) as Suspension | typeof FINISHED;
  }

  /**
   * Python's coroutine.send()/throw(): delegates into awaited coroutines and generators like
   * `yield from`, and hands the caller whatever the innermost frame yields, or FINISHED.
   */
  send(throwing: boolean, value: unknown): unknown {
    const future = this.handedOver;
    this.handedOver = null;
    if (future !== null && !throwing) {
      // Future.__await__ resumes with the future's own outcome, whatever the caller sends.
      try {
        if (!future.done()) throw new RuntimeError("await wasn't used with future");
        value = future.result();
      } catch (error) {
        throwing = true;
        value = error;
      }
    }
    const yielded = advanceChain(this, throwing, value, this.loop, true);
    if (yielded instanceof Future) this.handedOver = yielded;
    return yielded;
  }

  /** Closes every frame above the root, innermost first (coroutine.close() on a hand-driven chain). */
  closeAwaited(): void {
    closeAwaited(this);
  }
}
