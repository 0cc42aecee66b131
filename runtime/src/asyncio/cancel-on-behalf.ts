// Cancels, or takes a cancellation back, on behalf of a mechanism (a TaskGroup, a timeout,
// gather, asyncio.run's shutdown), so that the run's record names the mechanism as the requester
// rather than the code that happens to run (issue 12, item 4). Without a listener it is the plain call.

import type { CancelRequester } from "../events.js";
import type { Future } from "./futures.js";
import type { Task } from "./tasks.js";

/**
 * `future.cancel(message)`, requested by `by`; `byTaskId` is the task behind it, by default the
 * task whose cancellation is under way (the one that reached a gather), else the running task.
 */
export function cancelOnBehalf(future: Future, by: CancelRequester, byTaskId?: number, message?: string): boolean {
  const instrument = future.getLoop().instrument;
  if (instrument === null) return future.cancel(message);
  const previous = instrument.requestCancelAs(by, byTaskId);
  try {
    return future.cancel(message);
  } finally {
    instrument.restoreCancelRequest(previous);
  }
}

/** `task.uncancel()`, taken back by `by`. */
export function uncancelOnBehalf(task: Task, by: CancelRequester): number {
  const instrument = task.getLoop().instrument;
  if (instrument === null) return task.uncancel();
  const previous = instrument.requestCancelAs(by);
  try {
    return task.uncancel();
  } finally {
    instrument.restoreCancelRequest(previous);
  }
}
