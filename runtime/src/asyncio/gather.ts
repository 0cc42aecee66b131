// asyncio.gather (CPython tasks.gather). Rules: results keep argument order; the same
// awaitable twice becomes one child; without returnExceptions the first error (or child
// cancellation) completes the gather at once and the other children keep running; cancelling
// the gather cancels every child; with returnExceptions a cancelled child gives a
// CancelledError in the results.

import type { WaitTarget } from "../events.js";
import { withArrayForm } from "../lowering/spread-call.js";
import { isOptionsObject, option } from "../python-names.js";
import { cancelOnBehalf } from "./cancel-on-behalf.js";
import { getEventLoop } from "./events.js";
import { CancelledError } from "./exceptions.js";
import { Future } from "./futures.js";
import { type EventLoop, ensureFutureOn } from "./loop.js";

export interface GatherOptions {
  returnExceptions?: boolean;
  return_exceptions?: boolean;
}

/** The future gather() returns: cancelling it cancels its children. */
export class GatheringFuture<T = unknown[]> extends Future<T> {
  cancelRequested = false;

  constructor(
    readonly children: Future[],
    loop: EventLoop,
  ) {
    super(undefined, loop);
  }

  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) {
      if (cancelOnBehalf(child, "gather", undefined, message)) cancelledAny = true;
    }
    if (cancelledAny) this.cancelRequested = true;
    return cancelledAny;
  }

  override describeWait(): WaitTarget {
    const taskIds = this.children.map((child) => child.id);
    return { kind: "tasks", taskIds, label: `gather of ${this.children.length}` };
  }
}

export function gather(...args: unknown[]): GatheringFuture {
  return gatherArray(args);
}

// `asyncio.gather(...tasks)` in a snippet passes its array here (lowering/spread-call.ts), so a
// gather of more tasks than QuickJS allows arguments in one call still works.
withArrayForm(gather, gatherArray);

/** gather() with its arguments in an array of its own, which it may change. */
function gatherArray(args: unknown[]): GatheringFuture {
  let options: GatherOptions | undefined;
  if (args.length > 0 && isOptionsObject(args[args.length - 1])) options = args.pop() as GatherOptions;
  const returnExceptions = option(options, "returnExceptions", false);

  if (args.length === 0) {
    const loop = getEventLoop();
    const outer = new GatheringFuture([], loop);
    outer.setResult([]);
    return outer;
  }

  const children: Future[] = [];
  let distinctChildren = 0;
  /** The child made for each argument that is not a pending future; made for the first such argument. */
  let childOf: Map<unknown, Future> | null = null;
  const alreadyDone: Future[] = [];
  let loop: EventLoop | null = null;
  let finished = 0;
  let outer: GatheringFuture | null = null;

  const onChildDone = (child: Future) => {
    finished++;
    if (outer === null || outer.done()) {
      if (!child.cancelled()) child.exception(); // mark the exception retrieved
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.setException(child.makeCancelledError());
        return;
      }
      const error = child.exception();
      if (error !== null) {
        outer.setException(error);
        return;
      }
    }
    if (finished === distinctChildren) {
      const results = children.map((each) => {
        // CPython 3.12 gather: CancelledError("") when the child has no message (a task never does).
        if (each.cancelled()) return new CancelledError(each.cancelMessage ?? "");
        const error = each.exception();
        return error === null ? each.result() : error;
      });
      if (outer.cancelRequested) outer.setException(child.makeCancelledError());
      else outer.setResult(results);
    }
  };

  for (const arg of args) {
    // A pending future, the common case, needs no map entry to be counted once: given a second
    // time, its last done-callback is already this gather's, as nothing runs in between.
    const pendingFuture = arg instanceof Future && !arg.done();
    let child = pendingFuture ? (arg.hasLastDoneCallback(onChildDone) ? arg : undefined) : (childOf ??= new Map()).get(arg);
    if (child === undefined) {
      child = ensureFutureOn(loop ?? (arg instanceof Future ? arg.getLoop() : getEventLoop()), arg);
      loop ??= child.getLoop();
      if (!pendingFuture) childOf?.set(arg, child);
      distinctChildren++;
      if (child.done()) alreadyDone.push(child);
      else child.addDoneCallback(onChildDone);
    }
    children.push(child);
  }
  outer = new GatheringFuture(children, loop as EventLoop);
  // CPython 3.12+: children already done report now, so a gather of finished tasks is done
  // before it is returned (3.11 reported them through scheduled callbacks).
  for (const child of alreadyDone) onChildDone(child);
  return outer;
}
