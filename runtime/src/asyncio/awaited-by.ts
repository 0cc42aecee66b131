// Who awaits each future: CPython 3.14's `future._asyncio_awaited_by`, which gather, TaskGroup,
// shield and a task's await keep up to date. Here it is derived when asked, from what each live
// task is suspended on (its waiter), so running tasks pay nothing for it:
// - a task waiting on a future awaits that future;
// - waiting on a gather, it awaits the gather's children too, and theirs for a nested gather;
// - waiting on a future that stands for tasks (shield's outer future, a TaskGroup's exit, wait(),
//   as_completed, wait_for), it awaits those tasks, which the future's wait target names.
// One difference follows: CPython links a TaskGroup's children to its parent task from
// create_task on, here only once the parent waits at the group's exit.

import type { Future } from "./futures.js";
import { GatheringFuture } from "./gather.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./tasks.js";

/** The tasks awaiting each future, each list in task creation order. */
export type AwaitersIndex = ReadonlyMap<Future, readonly Task[]>;

export function awaitersIndex(loop: EventLoop): AwaitersIndex {
  const index = new Map<Future, Task[]>();
  const tasksById = new Map<number, Task>();
  for (const task of loop.liveTasks) tasksById.set(task.id, task);
  for (const task of loop.liveTasks) {
    const waiter = task.ownWaiter();
    if (waiter === null) continue;
    for (const awaited of awaitedThrough(waiter, tasksById)) {
      const awaiters = index.get(awaited);
      if (awaiters === undefined) index.set(awaited, [task]);
      else awaiters.push(task);
    }
  }
  return index;
}

/** The futures a task waiting on `waiter` awaits: the waiter itself and what it stands for. */
function awaitedThrough(waiter: Future, tasksById: ReadonlyMap<number, Task>): Set<Future> {
  const awaited = new Set<Future>();
  const pending: Future[] = [waiter];
  while (pending.length > 0) {
    const future = pending.pop() as Future;
    if (awaited.has(future)) continue;
    awaited.add(future);
    if (future instanceof GatheringFuture) {
      pending.push(...future.children);
      continue;
    }
    const target = future.waitTarget;
    const taskIds = target?.kind === "task" ? [target.taskId] : target?.kind === "tasks" ? target.taskIds : [];
    for (const id of taskIds) {
      const task = tasksById.get(id);
      if (task !== undefined) pending.push(task);
    }
  }
  return awaited;
}
