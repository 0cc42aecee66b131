// The `asyncio` module a snippet imports: every name in camelCase and, as the same object, in
// its Python spelling; every class callable with or without `new`, as in Python.

import { aiter, anext } from "../lowering/async-generator.js";
import { openConnection, Server, startServer } from "../network/server.js";
import { StreamReader, StreamWriter } from "../network/streams.js";
import { pythonClass } from "../python-class.js";
import { snakeCase } from "../python-names.js";
import { asCompleted } from "./as-completed.js";
import { asyncWith, enter } from "./context-managers.js";
import { Coroutine, isCoroutineLike } from "./coroutines.js";
import { getEventLoop, getRunningLoop, newEventLoop, setEventLoop } from "./events.js";
import * as exceptions from "./exceptions.js";
import { ThreadPoolExecutor } from "./executor.js";
import { Future, isFuture } from "./futures.js";
import { gather } from "./gather.js";
import { captureCallGraph, FrameCallGraphEntry, FutureCallGraph, formatCallGraph, printCallGraph } from "./graph.js";
import { Handle, TimerHandle } from "./handles.js";
import { Barrier, BoundedSemaphore, Condition, Event, Lock, Semaphore } from "./locks.js";
import { EventLoop, ensureFutureOn } from "./loop.js";
import { LifoQueue, PriorityQueue, Queue } from "./queues.js";
import { Runner, run } from "./runners.js";
import { shield } from "./shield.js";
import { sleep } from "./sleep.js";
import { TaskGroup } from "./taskgroups.js";
import { allTasks, createEagerTaskFactory, createTask, currentTask, eagerTaskFactory, Task, type TaskOptions } from "./tasks.js";
import { toThread } from "./threads.js";
import { Timeout, timeout, timeoutAt } from "./timeouts.js";
import * as tools from "./tools.js";
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from "./wait.js";
import { waitFor } from "./wait-for.js";
import { wrapFuture } from "./wrap-future.js";

// biome-ignore lint/suspicious/noExplicitAny: wraps any class
type AnyClass = abstract new (...args: any[]) => any;

function ensureFuture(awaitable: unknown, options?: TaskOptions & { loop?: EventLoop }) {
  return ensureFutureOn(options?.loop ?? getEventLoop(), awaitable, options);
}

const functions = {
  run,
  sleep,
  gather,
  wait,
  waitFor,
  asCompleted,
  shield,
  timeout,
  timeoutAt,
  createTask,
  ensureFuture,
  currentTask,
  allTasks,
  getRunningLoop,
  getEventLoop,
  setEventLoop,
  newEventLoop,
  asyncWith,
  enter,
  aiter,
  anext,
  iscoroutine: isCoroutineLike,
  isfuture: isFuture,
  toThread,
  wrapFuture,
  startServer,
  openConnection,
  captureCallGraph,
  formatCallGraph,
  printCallGraph,
  eagerTaskFactory,
  createEagerTaskFactory,
};

const classes = {
  Runner,
  Future,
  Task,
  EventLoop,
  AbstractEventLoop: EventLoop,
  Handle,
  TimerHandle,
  Timeout,
  TaskGroup,
  Lock,
  Event,
  Condition,
  Semaphore,
  BoundedSemaphore,
  Barrier,
  Queue,
  PriorityQueue,
  LifoQueue,
  Coroutine,
  ThreadPoolExecutor,
  StreamReader,
  StreamWriter,
  Server,
  FutureCallGraph,
  FrameCallGraphEntry,
};

const errorClasses = {
  CancelledError: exceptions.CancelledError,
  TimeoutError: exceptions.TimeoutError,
  InvalidStateError: exceptions.InvalidStateError,
  QueueEmpty: exceptions.QueueEmpty,
  QueueFull: exceptions.QueueFull,
  QueueShutDown: exceptions.QueueShutDown,
  DeadlockError: exceptions.DeadlockError,
  BrokenBarrierError: exceptions.BrokenBarrierError,
  IncompleteReadError: exceptions.IncompleteReadError,
  LimitOverrunError: exceptions.LimitOverrunError,
  ExceptionGroup: exceptions.ExceptionGroup,
  BaseExceptionGroup: exceptions.BaseExceptionGroup,
  StopAsyncIteration: exceptions.StopAsyncIteration,
  GeneratorExit: exceptions.GeneratorExit,
};

/** Builds a module namespace: camelCase names plus their snake_case aliases, classes callable. */
export function makeModule(members: Record<string, unknown>): Record<string, unknown> {
  const module: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(members)) {
    const exported = typeof value === "function" && /^[A-Z]/.test(name) ? pythonClass(value as AnyClass) : value;
    module[name] = exported;
    if (/^[A-Z]/.test(name)) continue;
    const alias = snakeCase(name);
    if (alias !== name && !(alias in members)) module[alias] = exported;
  }
  return module;
}

export const asyncio = makeModule({
  ...functions,
  ...classes,
  ...errorClasses,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  // `asyncio.tools`: what `python -m asyncio ps` and `pstree` print, for this loop.
  tools: makeModule({ ...tools }),
});
