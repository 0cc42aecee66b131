// What aiohttp and aiomysql hand back for `session.get(url)`, `pool.acquire()`, `conn.cursor()`:
// an object that can be awaited for its value or used with `async with`, which gives the value
// and, at the end of the block, lets go of it (release, close).

import { Coroutine } from "../asyncio/coroutines.js";

export class ContextAwaitable<T> {
  private value: T | undefined = undefined;
  private entered = false;

  constructor(
    private readonly coroutine: Coroutine<T>,
    private readonly exit: (value: T) => Coroutine<unknown> | undefined,
    /** Python's name for the object, for its repr. */
    private readonly pythonName: string,
  ) {}

  __await__(): Coroutine<T> {
    return this.coroutine;
  }

  __aenter__(): Coroutine<T> {
    const context = this;
    return Coroutine.fromFunction(`${this.pythonName}.__aenter__`, function* () {
      context.value = (yield context.coroutine) as T;
      context.entered = true;
      return context.value;
    });
  }

  __aexit__(_type?: unknown, _error?: unknown, _traceback?: unknown): Coroutine<void> {
    const context = this;
    return Coroutine.fromFunction(`${this.pythonName}.__aexit__`, function* () {
      if (!context.entered) return;
      const exiting = context.exit(context.value as T);
      if (exiting !== undefined) yield exiting;
    });
  }

  __repr__(): string {
    return `<${this.pythonName} object>`;
  }
}
