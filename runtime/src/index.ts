// @looplab/runtime: Python's coroutine model in TypeScript, with no host API, so the same
// build runs inside QuickJS, in Node and in a browser. A host creates one Runtime per run:
//
//   const runtime = createRuntime({ write: (stream, text) => ... });
//   new Function(...runtime.scopeNames, compiledCode)(...runtime.scopeValues);
//   runtime.finish();

import { asyncio } from "./asyncio/module.js";
import { console } from "./builtins/console.js";
import { print } from "./builtins/print.js";
import { clearInterval, clearTimeout, queueMicrotask, setInterval, setTimeout } from "./builtins/timers.js";
import type { RuntimeHost, RuntimeOptions } from "./host.js";
import { __async, __asyncHoisted, __asyncNamed } from "./lowering/async-function.js";
import { __asyncGenerator, __asyncGeneratorNamed, __await, __forAwait, __yieldStar } from "./lowering/async-generator.js";
import { __awaitCallWith, __awaitLater, __awaitNow, awaitVariables } from "./lowering/await-now.js";
import { __bound } from "./lowering/bound-methods.js";
import { __generatorFunction } from "./lowering/generator-function.js";
import { __suspendAt } from "./lowering/sites.js";
import { __spreadCall } from "./lowering/spread-call.js";
import { __callDispose, __using } from "./lowering/using.js";
import { builtins } from "./modules/builtins.js";
import { contextvars } from "./modules/contextvars.js";
import { gevent } from "./modules/gevent.js";
import { greenletModule } from "./modules/greenlet.js";
import { random } from "./modules/random.js";
import { time } from "./modules/time.js";
import { aiohttp } from "./network/aiohttp.js";
import { aiomysql } from "./network/aiomysql.js";
import { aioredis } from "./network/aioredis.js";
import { asyncpg } from "./network/asyncpg.js";
import { networkModule } from "./network/network-module.js";
import { pyquery } from "./network/pyquery.js";
import { requests } from "./network/requests.js";
import { urllib } from "./network/urllib.js";
import { Runtime, setActiveRuntime } from "./runtime.js";

export { type AwaitFrame, awaitFramesOf } from "./asyncio/await-trace.js";
export { DeadlockError } from "./asyncio/exceptions.js";
export { exceptionName } from "./builtins/exception-name.js";
export { repr, str } from "./builtins/format.js";
export type * from "./events.js";
export type { RuntimeHost, RuntimeOptions } from "./host.js";
export { EventObjectSink, NONE, type RecordSink } from "./record-sink.js";
export { Runtime } from "./runtime.js";

/** The modules a snippet can import, by the name it imports them with. */
export const modules: Record<string, Record<string, unknown>> = {
  asyncio,
  time,
  random,
  greenlet: greenletModule,
  gevent,
  network: networkModule,
  aiohttp,
  aioredis,
  aiomysql,
  asyncpg,
  requests,
  urllib,
  pyquery,
  builtins,
  contextvars,
};

/** The compiler's lowering helpers, supplied in place of esbuild's promise-based ones. */
export const helpers = {
  __async,
  __asyncNamed,
  __asyncHoisted,
  __awaitNow,
  __awaitCallWith,
  __awaitLater,
  __suspendAt,
  __spreadCall,
  __bound,
  ...awaitVariables,
  __await,
  __asyncGenerator,
  __asyncGeneratorNamed,
  __generatorFunction,
  __yieldStar,
  __forAwait,
  __using,
  __callDispose,
};

/** The globals every snippet sees besides standard JavaScript. */
export const globals = { print, console, setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask };

export const MODULE_NAMES = Object.keys(modules);

function requireModule(name: string): unknown {
  const module = modules[name];
  if (module === undefined) {
    throw new Error(`No module named '${name}': Looplab snippets can import ${MODULE_NAMES.join(", ")}`);
  }
  return { ...module, default: module, __esModule: true };
}

export interface LiveRuntime {
  readonly runtime: Runtime;
  /** Names and values for the compiled snippet's scope: the helpers, `require`, the globals. */
  readonly scopeNames: string[];
  readonly scopeValues: unknown[];
  /** Makes this runtime the active one (needed only when several share one JavaScript realm). */
  activate(): void;
  /** Runs what the current loop still has (top-level timers), then reports never-awaited coroutines. */
  finish(): void;
}

export function createRuntime(host: RuntimeHost = {}, options: RuntimeOptions = {}): LiveRuntime {
  const runtime = new Runtime(host, options);
  setActiveRuntime(runtime);
  const scope: Record<string, unknown> = { ...helpers, require: requireModule, ...globals };
  return {
    runtime,
    scopeNames: Object.keys(scope),
    scopeValues: Object.values(scope),
    activate: () => setActiveRuntime(runtime),
    finish: () => {
      setActiveRuntime(runtime);
      const loop = runtime.eventLoop;
      if (loop !== null && !loop.isClosed() && !loop.isRunning()) loop.runUntilIdle();
      runtime.finish();
    },
  };
}
