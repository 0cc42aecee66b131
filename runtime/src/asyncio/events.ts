// Which loop is running or current (CPython Lib/asyncio/events.py: get_running_loop,
// get_event_loop, set_event_loop, new_event_loop). The running loop lives on the active
// Runtime, the way CPython keeps it in a thread-local.
//
// This module sits below futures.ts, which loop.ts and tasks.ts build on, so it must not import
// loop.ts: the loop class registers its constructor here instead.

import { activeRuntime, type Runtime } from "../runtime.js";
import { RuntimeError } from "./exceptions.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./tasks.js";

let makeLoop: ((runtime: Runtime) => EventLoop) | null = null;

export function registerLoopClass(factory: (runtime: Runtime) => EventLoop): void {
  makeLoop = factory;
}

export function getRunningLoop(): EventLoop {
  const loop = activeRuntime().runningLoop;
  if (loop === null) throw new RuntimeError("no running event loop");
  return loop;
}

/** The task running now, or null outside a task's step (current_task() without its error). */
export function runningTask(): Task | null {
  return activeRuntime().runningLoop?.currentTask ?? null;
}

/** The running loop, else the current one, created on first use as Python 3.12 does. */
export function getEventLoop(): EventLoop {
  const runtime = activeRuntime();
  if (runtime.runningLoop !== null) return runtime.runningLoop;
  if (runtime.eventLoop === null || runtime.eventLoop.isClosed()) runtime.eventLoop = newEventLoop();
  return runtime.eventLoop;
}

export function setEventLoop(loop: EventLoop | null): void {
  activeRuntime().eventLoop = loop;
}

export function newEventLoop(): EventLoop {
  if (makeLoop === null) throw new RuntimeError("the event loop module is not loaded");
  return makeLoop(activeRuntime());
}
