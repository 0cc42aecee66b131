// asyncio.TaskGroup (CPython 3.12 Lib/asyncio/taskgroups.py). Invariants:
// - exiting waits until every child is done, even when the body failed or was cancelled;
// - the first child to fail cancels its siblings and the body (its parent task), counting that
//   one cancel request as the group's own: exit uncancels it, so a caller that catches the
//   ExceptionGroup carries on uncancelled, while a cancellation from elsewhere still propagates;
// - child errors and the body's own error come out together in one ExceptionGroup; a
//   CancelledError is raised only when there is no error to report.

import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases } from "../python-names.js";
import { cancelOnBehalf, uncancelOnBehalf } from "./cancel-on-behalf.js";
import { isExceptionType } from "./context-managers.js";
import { type AnyGenerator, Coroutine, isCoroutineLike, toCoroutine } from "./coroutines.js";
import { getRunningLoop } from "./events.js";
import { CancelledError, makeExceptionGroup, RuntimeError } from "./exceptions.js";
import type { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";
import { currentTask, type Task, type TaskOptions } from "./tasks.js";

export class TaskGroup {
  private entered = false;
  private exiting = false;
  private aborting = false;
  private loop: EventLoop | null = null;
  private parentTask: Task | null = null;
  private parentCancelRequested = false;
  private readonly tasks = new Set<Task>();
  private readonly errors: unknown[] = [];
  /** While exit waits: resolved when the last child finishes. */
  private onCompleted: Future | null = null;

  __repr__(): string {
    let info = "";
    if (this.tasks.size > 0) info += ` tasks=${this.tasks.size}`;
    if (this.errors.length > 0) info += ` errors=${this.errors.length}`;
    if (this.aborting) info += " cancelling";
    else if (this.entered) info += " entered";
    return `<TaskGroup${info}>`;
  }

  __aenter__(): Coroutine<TaskGroup> {
    return Coroutine.wrap("__aenter__", this.enter());
  }

  __aexit__(type: unknown, error: unknown, _traceback: unknown): Coroutine<null> {
    return Coroutine.wrap("__aexit__", this.exit(type, error));
  }

  createTask<T>(coroutine: Coroutine<T> | AnyGenerator, options?: TaskOptions): Task<T> {
    let refusal: string | null = null;
    if (!this.entered) refusal = "has not been entered";
    else if (this.exiting && this.tasks.size === 0) refusal = "is finished";
    else if (this.aborting) refusal = "is shutting down";
    if (refusal !== null) {
      // Closed, so it is not reported as never awaited on top of this error.
      if (isCoroutineLike(coroutine)) toCoroutine(coroutine).close();
      throw new RuntimeError(`TaskGroup ${repr(this)} ${refusal}`);
    }
    const task = (this.loop as EventLoop).createTask(coroutine, options);
    this.tasks.add(task as Task);
    task.addDoneCallback(this.onTaskDone);
    return task;
  }

  private *enter(): Generator<unknown, TaskGroup, unknown> {
    if (this.entered) throw new RuntimeError(`TaskGroup ${repr(this)} has already been entered`);
    this.loop ??= getRunningLoop();
    this.parentTask = currentTask(this.loop);
    if (this.parentTask === null) throw new RuntimeError(`TaskGroup ${repr(this)} cannot determine the parent task`);
    this.entered = true;
    return this;
  }

  private *exit(type: unknown, error: unknown): Generator<unknown, null, unknown> {
    this.exiting = true;
    const bodyFailed = type !== null && type !== undefined;
    const bodyCancelled = isExceptionType(type, CancelledError);
    let propagateCancellation: unknown = bodyCancelled ? error : null;
    // The body failed or its task is being cancelled: the children must stop too.
    if (bodyFailed && !this.aborting) this.abort((this.parentTask as Task).id);

    // A loop, because the parent task may be cancelled again while it waits here.
    while (this.tasks.size > 0) {
      const onCompleted = (this.loop as EventLoop).createFuture();
      onCompleted.waitTarget = { kind: "tasks", taskIds: [...this.tasks].map((task) => task.id), label: `TaskGroup of ${this.tasks.size}` };
      this.onCompleted = onCompleted;
      try {
        yield onCompleted;
      } catch (cancelled) {
        // Only a cancellation can interrupt waiting on a future of our own.
        if (!this.aborting) {
          propagateCancellation = cancelled;
          this.abort((this.parentTask as Task).id);
        }
      }
      this.onCompleted = null;
    }

    const parent = this.parentTask as Task;
    // The group's own cancel request is answered here; when it was the only one, the
    // CancelledError it caused must not escape.
    if (this.parentCancelRequested && uncancelOnBehalf(parent, "task-group") === 0) propagateCancellation = null;
    if (propagateCancellation !== null && this.errors.length === 0) throw propagateCancellation;

    if (bodyFailed && !bodyCancelled) this.errors.push(error);
    if (this.errors.length > 0) {
      // Cancelled from outside as well: re-cancel so the request outlives the ExceptionGroup
      // with the count unchanged.
      if (parent.cancelling() > 0) {
        uncancelOnBehalf(parent, "task-group");
        cancelOnBehalf(parent, "task-group", parent.id);
      }
      throw makeExceptionGroup("unhandled errors in a TaskGroup", this.errors);
    }
    return null;
  }

  /** Cancels the children; `causeId` is the task that made the group abort: a failed child, or the body. */
  private abort(causeId: number): void {
    this.aborting = true;
    for (const task of this.tasks) {
      if (!task.done()) cancelOnBehalf(task, "task-group", causeId);
    }
  }

  private readonly onTaskDone = (task: Future): void => {
    this.tasks.delete(task as Task);
    if (this.onCompleted !== null && this.tasks.size === 0 && !this.onCompleted.done()) this.onCompleted.setResult(true);
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null) return;
    this.errors.push(error);

    const parent = this.parentTask as Task;
    if (parent.done()) {
      (this.loop as EventLoop).callExceptionHandler({
        message: `Task ${repr(task)} has errored out but its parent task ${repr(parent)} is already completed`,
        exception: error,
        task,
      });
      return;
    }
    if (!this.aborting && !this.parentCancelRequested) {
      // Cancel the body too, so it stops at its current await and reaches exit; exit then
      // uncancels the parent, so code after the group runs normally.
      this.abort(task.id);
      this.parentCancelRequested = true;
      cancelOnBehalf(parent, "task-group", task.id);
    }
  };
}
addSnakeCaseAliases(TaskGroup);
