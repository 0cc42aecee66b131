// asyncio's exception classes (CPython Lib/asyncio/exceptions.py), plus the built-ins that
// Python has and JavaScript lacks. Every class sets `name` so tracebacks and repr() show it.

import { repr } from "../builtins/format.js";
import type { DeadlockGraph } from "../events.js";

/** Python's BaseException: what `except Exception` does not catch (CancelledError, GeneratorExit). */
export class BaseException extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class CancelledError extends BaseException {}

/** Python's KeyboardInterrupt: what a Ctrl-C raises in the task that was computing (`looplab repl`). */
export class KeyboardInterrupt extends BaseException {}

// Python's `except BaseException` and `except Exception` as classes a snippet tests with
// instanceof or extends (builtins.ts). The runtime's own classes do not extend these two, so
// their instanceof stays the engine's fast one.

/** Python's BaseException: `e instanceof BaseException` is true of every error. */
export class PythonBaseException extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: a snippet's subclass inherits this method
    return pythonInstanceOf(this, PythonBaseException, value, (error) => error instanceof Error);
  }
}
Object.defineProperty(PythonBaseException, "name", { value: "BaseException" });

/**
 * Python's Exception: `e instanceof Exception` is true of every error but CancelledError,
 * GeneratorExit and their like, which `except Exception` lets through.
 */
export class PythonException extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: a snippet's subclass inherits this method
    return pythonInstanceOf(this, PythonException, value, (error) => error instanceof Error && !isBaseExceptionOnly(error));
  }
}
Object.defineProperty(PythonException, "name", { value: "Exception" });

/** `rule` when instanceof tests `own` itself; the usual prototype test for a subclass of it. */
function pythonInstanceOf(tested: Function, own: Function, value: unknown, rule: (value: unknown) => boolean): boolean {
  return tested.prototype === own.prototype ? rule(value) : Function.prototype[Symbol.hasInstance].call(tested, value);
}

/** What Python's `except Exception` lets through: a BaseException that is no Exception. */
export function isBaseExceptionOnly(value: unknown): boolean {
  return (
    Object.prototype.isPrototypeOf.call(BaseException.prototype, value as object) ||
    Object.prototype.isPrototypeOf.call(PythonBaseException.prototype, value as object) ||
    (value instanceof BaseExceptionGroup && !(value instanceof ExceptionGroup))
  );
}

/** Python's OSError: str() is "[Errno 111] Connect call failed (...)", repr() shows the arguments. */
export class OSError extends Error {
  readonly errno: number | null;
  readonly strerror: string | null;
  private readonly args: unknown[];

  constructor(errno?: number | string, strerror?: string) {
    const args = strerror === undefined ? (errno === undefined ? [] : [errno]) : [errno, strerror];
    super(strerror === undefined ? (errno === undefined ? "" : String(errno)) : `[Errno ${errno}] ${strerror}`);
    this.name = new.target.name;
    this.args = args;
    this.errno = strerror === undefined ? null : Number(errno);
    this.strerror = strerror ?? null;
  }

  __str__(): string {
    return this.message;
  }

  __repr__(): string {
    return `${this.name}(${this.args.map((arg) => repr(arg)).join(", ")})`;
  }
}

/** Python's TimeoutError, an OSError; asyncio.TimeoutError is the same class since 3.11. */
export class TimeoutError extends OSError {}

// biome-ignore lint/suspicious/noExplicitAny: an exception class is any constructor
function pythonError(name: string, base: new (message?: string) => Error = Error as any) {
  const cls = class extends base {
    constructor(message?: string) {
      super(message);
      // A snippet's subclass (class Boom extends ValueError) shows its own name.
      this.name = new.target.name;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

// Python's built-in exceptions the runtime raises or a snippet may catch, with Python's
// hierarchy where JavaScript's allows it (builtins.ts exports them).
export const InvalidStateError = pythonError("InvalidStateError");
export const RuntimeError = pythonError("RuntimeError");
export const NotImplementedError = pythonError("NotImplementedError", RuntimeError);
export const ValueError = pythonError("ValueError");
export const LookupError = pythonError("LookupError");
export const IndexError = pythonError("IndexError", LookupError);
export const KeyError = pythonError("KeyError", LookupError);
export const ArithmeticError = pythonError("ArithmeticError");
export const ZeroDivisionError = pythonError("ZeroDivisionError", ArithmeticError);
export const AttributeError = pythonError("AttributeError");
export const AssertionError = pythonError("AssertionError");
export const EOFError = pythonError("EOFError");
export const QueueEmpty = pythonError("QueueEmpty");
export const QueueFull = pythonError("QueueFull");
export const QueueShutDown = pythonError("QueueShutDown");
export const BrokenBarrierError = pythonError("BrokenBarrierError", RuntimeError);
export const StopAsyncIteration = pythonError("StopAsyncIteration");

/** The stream ended before `expected` bytes (None: before the separator); `partial` is what was read. */
export class IncompleteReadError extends EOFError {
  constructor(
    readonly partial: Uint8Array,
    readonly expected: number | null,
  ) {
    super(
      `${partial.length} bytes read on a total of ${expected === null || expected === undefined ? "undefined" : expected} expected bytes`,
    );
    this.name = new.target.name;
  }
}

/** A line or chunk longer than the reader's limit; `consumed` bytes could be dropped to go on. */
export class LimitOverrunError extends Error {
  constructor(
    message: string,
    readonly consumed: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class GeneratorExit extends BaseException {}

/** Raised where Python would hang for ever: nothing can ever wake the main coroutine. */
export class DeadlockError extends Error {
  /** What the pending tasks wait on, who holds it, and the cycle if any; null for one a snippet made. */
  readonly graph: DeadlockGraph | null;

  constructor(message: string, graph: DeadlockGraph | null = null) {
    super(message);
    this.name = new.target.name;
    this.graph = graph;
  }
}

/** Python 3.11's BaseExceptionGroup: a message and the exceptions it groups. */
export class BaseExceptionGroup extends Error {
  readonly exceptions: readonly unknown[];

  constructor(message: string, exceptions: readonly unknown[]) {
    if (!Array.isArray(exceptions) || exceptions.length === 0) {
      throw new ValueError("second argument (exceptions) must be a non-empty sequence");
    }
    const count = exceptions.length;
    super(`${message} (${count} sub-exception${count === 1 ? "" : "s"})`);
    this.name = new.target.name;
    this.groupMessage = message;
    this.exceptions = [...exceptions];
  }

  readonly groupMessage: string;

  /** The group of the exceptions that match, or null (Python's `subgroup`). */
  subgroup(condition: ExceptionMatcher): BaseExceptionGroup | null {
    return this.split(condition)[0];
  }

  /** `[matching, rest]`, each a group or null, nesting preserved (Python's `split`). */
  split(condition: ExceptionMatcher): [BaseExceptionGroup | null, BaseExceptionGroup | null] {
    const matches = toPredicate(condition);
    if (matches(this)) return [this, null];
    const matching: unknown[] = [];
    const rest: unknown[] = [];
    for (const error of this.exceptions) {
      if (error instanceof BaseExceptionGroup) {
        const [inner, outer] = error.split(condition);
        if (inner) matching.push(inner);
        if (outer) rest.push(outer);
      } else if (matches(error)) {
        matching.push(error);
      } else {
        rest.push(error);
      }
    }
    return [this.derive(matching), this.derive(rest)];
  }

  derive(exceptions: unknown[]): BaseExceptionGroup | null {
    if (exceptions.length === 0) return null;
    return makeExceptionGroup(this.groupMessage, exceptions);
  }
}

export class ExceptionGroup extends BaseExceptionGroup {}

/** Python picks BaseExceptionGroup when any member is not an Exception. */
export function makeExceptionGroup(message: string, exceptions: unknown[]): BaseExceptionGroup {
  return exceptions.some(isBaseExceptionOnly) ? new BaseExceptionGroup(message, exceptions) : new ExceptionGroup(message, exceptions);
}

// biome-ignore lint/suspicious/noExplicitAny: an exception class is any constructor
type ErrorClass = abstract new (...args: any[]) => unknown;
export type ExceptionMatcher = ErrorClass | ErrorClass[] | ((error: unknown) => boolean);

function toPredicate(condition: ExceptionMatcher): (error: unknown) => boolean {
  if (Array.isArray(condition)) return (error) => condition.some((cls) => error instanceof cls);
  if (isClass(condition)) return (error) => error instanceof condition;
  return condition as (error: unknown) => boolean;
}

function isClass(value: unknown): value is ErrorClass {
  // Arrow predicates have no prototype; exception classes extend Error.
  return typeof value === "function" && (value === Error || value.prototype instanceof Error);
}

/**
 * Errors that must end the run instead of being reported by a loop's exception handler:
 * a deadlock, or a limit the host enforces (hosts mark theirs with `looplabFatal`).
 */
export function isFatal(error: unknown): boolean {
  return (
    error instanceof DeadlockError ||
    (typeof error === "object" && error !== null && (error as { looplabFatal?: unknown }).looplabFatal === true)
  );
}

/** Python lets `throw` and `set_exception` take an exception class: it is instantiated. */
export function exceptionInstance(exception: unknown): unknown {
  return typeof exception === "function" ? new (exception as new () => unknown)() : exception;
}

/** Python's StopIteration: how coroutine.send() reports a return value. */
export class StopIteration extends Error {
  constructor(readonly value?: unknown) {
    super("");
    this.name = new.target.name;
  }
}
