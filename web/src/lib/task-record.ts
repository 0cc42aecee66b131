// A task as the page knows it from its events: spawned with a name and a parent, then a list
// of state changes; and its place among the timeline's lanes.

import type { TaskState, WaitTarget } from "@looplab/server/protocol";

export interface StateChange {
  time: number;
  state: TaskState;
  waitingOn?: WaitTarget;
}

export interface TaskRecord {
  id: number;
  name: string;
  parentId: number | null;
  coroutine: string;
  spawnedAt: number;
  changes: StateChange[];
  /** repr of the result, once done. */
  result?: string;
  /** repr of the exception, once failed or cancelled. */
  error?: string;
}

/** A task in the timeline's order (children under their parent), with its nesting depth. */
export interface Lane {
  task: TaskRecord;
  depth: number;
}

export const TERMINAL_STATES: ReadonlySet<TaskState> = new Set(["done", "failed", "cancelled"]);

export function currentState(task: TaskRecord): TaskState {
  return task.changes.at(-1)?.state ?? "pending";
}

/** Every task, each parent followed by its children, in the order they were spawned. */
export function laneOrder(tasks: Iterable<TaskRecord>, byId: ReadonlyMap<number, TaskRecord>): Lane[] {
  const children = new Map<number | null, TaskRecord[]>();
  for (const task of tasks) {
    const parent = task.parentId !== null && byId.has(task.parentId) ? task.parentId : null;
    const siblings = children.get(parent);
    if (siblings === undefined) children.set(parent, [task]);
    else siblings.push(task);
  }
  const lanes: Lane[] = [];
  // Iterative, so a chain of thousands of nested tasks cannot overflow the stack.
  const stack: Lane[] = (children.get(null) ?? []).map((task) => ({ task, depth: 0 })).reverse();
  while (stack.length > 0) {
    const lane = stack.pop()!;
    lanes.push(lane);
    const below = children.get(lane.task.id) ?? [];
    for (let index = below.length - 1; index >= 0; index--) stack.push({ task: below[index]!, depth: lane.depth + 1 });
  }
  return lanes;
}
