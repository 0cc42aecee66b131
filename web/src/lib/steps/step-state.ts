// What the loop holds after a step: each task's state and where it is parked, and each lock,
// semaphore, event, condition, barrier and queue. Built by applying the run's events in order;
// `copyState` makes the independent copy a checkpoint keeps.

import {
  type CancelRequester,
  type CodeSite,
  type ResourceKind,
  type TaskState,
  updateWaiters,
  type WaitTarget,
} from "@looplab/server/protocol";
import type { SteppedEvent } from "./step-log.ts";

/** A task as it is after a step. Never mutated: a change replaces it, so copies may share it. */
export interface TaskAtStep {
  readonly id: number;
  readonly name: string;
  readonly coroutine: string;
  readonly parentId: number | null;
  readonly state: TaskState;
  readonly waitingOn?: WaitTarget;
  /** Where it is suspended (the `at` of its `waiting` event), when the runtime knows. */
  readonly at?: CodeSite;
}

export interface ResourceAtStep {
  id: number;
  kind: ResourceKind;
  /** A lock's (or a condition's lock's) holder; absent while free. */
  holder?: number;
  /** The tasks waiting, first come first. */
  waiters: number[];
  /** A semaphore's value, a barrier's parties arrived, a queue's unfinished tasks (see ResourceEvent.value). */
  value?: number;
  /** An event's flag. */
  isSet: boolean;
  /** A queue's items, as their reprs, in the order they were put (a get takes the one it names). */
  items: string[];
  /** A queue's size, as its last put or get said. */
  size?: number;
}

/** A cancellation asked for and not yet over (taken back, swallowed, or the task ended). Never mutated. */
export interface CancellationAtStep {
  readonly taskId: number;
  readonly by: CancelRequester;
  /** The task behind the request (see CancelEvent.byTaskId); absent when none. */
  readonly byTaskId?: number;
  readonly message?: string;
  /** The CancelledError reached the task at its await. */
  readonly delivered: boolean;
}

export interface StepState {
  tasks: Map<number, TaskAtStep>;
  resources: Map<number, ResourceAtStep>;
  /** By the cancelled task's id. */
  cancellations: Map<number, CancellationAtStep>;
}

export function emptyState(): StepState {
  return { tasks: new Map(), resources: new Map(), cancellations: new Map() };
}

/** A copy that later applications to either leave the other alone. */
export function copyState(state: StepState): StepState {
  const resources = new Map<number, ResourceAtStep>();
  for (const [id, resource] of state.resources)
    resources.set(id, { ...resource, waiters: resource.waiters.slice(), items: resource.items.slice() });
  return { tasks: new Map(state.tasks), resources, cancellations: new Map(state.cancellations) };
}

export function applyEvent(state: StepState, event: SteppedEvent): void {
  switch (event.type) {
    case "task-spawned":
      state.tasks.set(event.taskId, {
        id: event.taskId,
        name: event.name,
        coroutine: event.coroutine,
        parentId: event.parentId,
        state: "pending",
      });
      return;
    case "task-state": {
      const task = state.tasks.get(event.taskId);
      if (task === undefined) return;
      if (event.state === "done" || event.state === "failed" || event.state === "cancelled") state.cancellations.delete(event.taskId);
      const at = event.state === "waiting" ? event.at : undefined;
      state.tasks.set(event.taskId, {
        id: task.id,
        name: task.name,
        coroutine: task.coroutine,
        parentId: task.parentId,
        state: event.state,
        ...(event.waitingOn === undefined ? {} : { waitingOn: event.waitingOn }),
        ...(at === undefined ? {} : { at }),
      });
      return;
    }
    case "resource": {
      let resource = state.resources.get(event.objectId);
      if (resource === undefined) {
        resource = { id: event.objectId, kind: event.kind, waiters: [], isSet: false, items: [] };
        state.resources.set(event.objectId, resource);
      }
      // The events state a lock's holder after an acquire or a release, and who joined or left the waiters.
      if (event.action === "acquire" || event.action === "release") {
        if (event.holder === undefined) delete resource.holder;
        else resource.holder = event.holder;
      }
      updateWaiters(resource.waiters, event);
      if (event.value !== undefined) resource.value = event.value;
      if (event.size !== undefined) resource.size = event.size;
      if (event.action === "set") resource.isSet = true;
      if (event.action === "clear") resource.isSet = false;
      if (event.action === "put" && event.item !== undefined) resource.items.push(event.item);
      if (event.action === "get" && event.item !== undefined) {
        const index = resource.items.indexOf(event.item);
        if (index >= 0) resource.items.splice(index, 1);
      }
      return;
    }
    case "cancel": {
      const known = state.cancellations.get(event.taskId);
      if (event.action === "requested") {
        state.cancellations.set(event.taskId, {
          taskId: event.taskId,
          by: event.by ?? "task",
          ...(event.byTaskId === undefined ? {} : { byTaskId: event.byTaskId }),
          ...(event.message === undefined ? {} : { message: event.message }),
          delivered: false,
        });
      } else if (event.action === "delivered" && known !== undefined) {
        state.cancellations.set(event.taskId, { ...known, delivered: true });
      } else if (event.action === "swallowed" || (event.action === "uncancelled" && event.cancelling === 0)) {
        state.cancellations.delete(event.taskId);
      }
      return;
    }
  }
}
