// Python's contextvars (PEP 567): ContextVar, Token, Context and copy_context. Each task runs in
// its own Context, a copy of its creator's taken when the task is made (or the one given as
// `context`), as asyncio's tasks do; request-id and tracing examples rely on it. Callbacks
// scheduled with callSoon run in the context current when they run (see docs/runtime.md).
// The module a snippet imports is contextvars.ts; these classes stand apart from it so that
// tasks.ts can use them without importing the asyncio module.

import { LookupError, RuntimeError, ValueError } from "../asyncio/exceptions.js";
import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases } from "../python-names.js";
import { activeRuntime, type Runtime } from "../runtime.js";

const MISSING: unique symbol = Symbol("Token.MISSING");

export class Context {
  #values: Map<ContextVar, unknown>;
  /** Another Context holds the same map: the next assignment copies it first. */
  #shared: boolean;
  #entered = false;

  constructor(values: Map<ContextVar, unknown> = new Map(), shared = false) {
    this.#values = values;
    this.#shared = shared;
  }

  /** Calls `callable(...args)` in this context, as Python's Context.run. */
  run<R>(callable: (...args: unknown[]) => R, ...args: unknown[]): R {
    const runtime = activeRuntime();
    if (this.#entered) throw new RuntimeError(`cannot enter context: ${repr(this)} is already entered`);
    const previous = enterContext(runtime, this);
    try {
      return callable(...args);
    } finally {
      runtime.context = previous;
      this.#entered = false;
    }
  }

  /** Marks this context entered by a task's step (Context.run without a call). */
  enter(): void {
    if (this.#entered) throw new RuntimeError(`cannot enter context: ${repr(this)} is already entered`);
    this.#entered = true;
  }

  exit(): void {
    this.#entered = false;
  }

  copy(): Context {
    this.#shared = true;
    return new Context(this.#values, true);
  }

  get(variable: ContextVar, fallback: unknown = null): unknown {
    return this.#values.has(variable) ? this.#values.get(variable) : fallback;
  }

  has(variable: ContextVar): boolean {
    return this.#values.has(variable);
  }

  get size(): number {
    return this.#values.size;
  }

  keys(): ContextVar[] {
    return [...this.#values.keys()];
  }

  values(): unknown[] {
    return [...this.#values.values()];
  }

  items(): [ContextVar, unknown][] {
    return [...this.#values.entries()];
  }

  /** The value set in this context, or MISSING. */
  lookup(variable: ContextVar): unknown {
    return this.#values.has(variable) ? this.#values.get(variable) : MISSING;
  }

  assign(variable: ContextVar, value: unknown): void {
    if (this.#shared) {
      this.#values = new Map(this.#values);
      this.#shared = false;
    }
    if (value === MISSING) this.#values.delete(variable);
    else this.#values.set(variable, value);
  }

  __repr__(): string {
    return `<Context object with ${this.#values.size} variable${this.#values.size === 1 ? "" : "s"}>`;
  }
}

/** The run's current context: the running task's (made on first use), else the top level's. */
export function currentContext(runtime: Runtime = activeRuntime()): Context {
  runtime.context ??= runtime.runningLoop?.currentTask?.getContext() ?? new Context();
  return runtime.context as Context;
}

function enterContext(runtime: Runtime, context: Context): Context | null {
  context.enter();
  const previous = runtime.context as Context | null;
  runtime.context = context;
  return previous;
}

export function copyContext(): Context {
  return currentContext().copy();
}

export class Token {
  static readonly MISSING = MISSING;
  used = false;

  constructor(
    readonly var_: ContextVar,
    readonly oldValue: unknown,
    readonly context: Context,
  ) {}

  get var(): ContextVar {
    return this.var_;
  }

  __repr__(): string {
    return `<Token${this.used ? " used" : ""} var=${repr(this.var_)}>`;
  }
}

export class ContextVar<T = unknown> {
  readonly name: string;
  readonly #default: T | typeof MISSING;

  constructor(name: string, options?: { default?: T }) {
    if (typeof name !== "string") throw new TypeError("context variable name must be a str");
    this.name = name;
    this.#default = options !== undefined && "default" in options ? (options.default as T) : MISSING;
  }

  /** The value in the current context, else `fallback` if given, else the default, else LookupError. */
  get(...fallback: [T?]): T {
    const context = activeRuntime().context as Context | null;
    const value = context === null ? MISSING : context.lookup(this);
    if (value !== MISSING) return value as T;
    if (fallback.length > 0) return fallback[0] as T;
    if (this.#default !== MISSING) return this.#default;
    throw new LookupError(repr(this));
  }

  set(value: T): Token {
    const runtime = activeRuntime();
    runtime.contextVarsUsed = true;
    const context = currentContext(runtime);
    const token = new Token(this, context.lookup(this), context);
    context.assign(this, value);
    return token;
  }

  reset(token: Token): void {
    if (!(token instanceof Token)) throw new TypeError(`expected an instance of Token, got ${repr(token)}`);
    if (token.used) throw new RuntimeError(`${repr(token)} has already been used once`);
    if (token.var_ !== this) throw new ValueError(`${repr(token)} was created by a different ContextVar`);
    if (token.context !== currentContext()) throw new ValueError(`${repr(token)} was created in a different Context`);
    token.used = true;
    token.context.assign(this, token.oldValue);
  }

  __repr__(): string {
    const fallback = this.#default === MISSING ? "" : ` default=${repr(this.#default)}`;
    return `<ContextVar name=${repr(this.name)}${fallback}>`;
  }
}

addSnakeCaseAliases(Context);
addSnakeCaseAliases(ContextVar);
