// asyncio.run and its shutdown (CPython Lib/asyncio/runners.py): run the main coroutine to
// completion on a new loop, then cancel whatever is left, wait for it, and close the loop.

import { repr } from "../builtins/format.js";
import { option } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { cancelOnBehalf } from "./cancel-on-behalf.js";
import { isCoroutineLike } from "./coroutines.js";
import { setEventLoop } from "./events.js";
import { DeadlockError, RuntimeError, ValueError } from "./exceptions.js";
import { gather } from "./gather.js";
import { EventLoop } from "./loop.js";

export function run<T>(main: unknown, options?: { debug?: boolean }): T {
  const runtime = activeRuntime();
  if (runtime.runningLoop !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  if (!isCoroutineLike(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
  const loop = new EventLoop(runtime);
  loop.setDebug(option(options, "debug", false));
  // CPython leaves no current loop behind; here the script's own loop comes back, so timers the
  // script set before run() still fire when the script ends, as they would in Node.
  const scriptLoop = runtime.eventLoop;
  setEventLoop(loop);
  try {
    return loop.runUntilComplete(loop.createTask(main)) as T;
  } finally {
    try {
      cancelAllTasks(loop);
      // CPython runs these as tasks too (they take Task-N names); the timeline leaves them out.
      loop.runUntilComplete(loop.createTask(loop.shutdownAsyncgens(), { instrumented: false }));
      loop.runUntilComplete(loop.createTask(loop.shutdownDefaultExecutor(), { instrumented: false }));
    } finally {
      setEventLoop(scriptLoop !== null && !scriptLoop.isClosed() ? scriptLoop : null);
      loop.close();
    }
  }
}

function cancelAllTasks(loop: EventLoop): void {
  const remaining = [...loop.liveTasks];
  if (remaining.length === 0) return;
  for (const task of remaining) cancelOnBehalf(task, "shutdown");
  try {
    loop.runUntilComplete(gather(...remaining, { returnExceptions: true }));
  } catch (error) {
    // A task that refuses to die cannot be waited for; the main error already told the story.
    if (error instanceof DeadlockError) return;
    throw error;
  }
  for (const task of remaining) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: "unhandled exception during asyncio.run() shutdown", exception, task });
    }
  }
}
