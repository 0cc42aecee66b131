// The typed event stream of a run. The sandbox, the server and the web page all import
// these types, so this file is the one place where an event's shape is defined.

export type TaskState = "pending" | "running" | "waiting" | "done" | "failed" | "cancelled";

/** What a waiting task is suspended on. `label` is always a human-readable summary. */
export type WaitTarget =
  | { kind: "sleep"; until: number; label: string }
  | { kind: "yield"; label: string }
  | { kind: "task"; taskId: number; label: string }
  | { kind: "tasks"; taskIds: number[]; label: string }
  | { kind: "future"; futureId: number; label: string }
  | { kind: "promise"; label: string }
  | {
      kind: "lock" | "event" | "condition" | "semaphore" | "barrier" | "queue";
      objectId: number;
      label: string;
    }
  | { kind: "greenlet" | "executor" | "network"; label: string };

export interface TaskSpawnedEvent {
  type: "task-spawned";
  time: number;
  taskId: number;
  name: string;
  /** The task that was running when this one was created, or null at top level. */
  parentId: number | null;
  /** The coroutine's function name, as Python shows it in a task's repr. */
  coroutine: string;
}

export interface TaskStateEvent {
  type: "task-state";
  time: number;
  taskId: number;
  state: TaskState;
  waitingOn?: WaitTarget;
  /** `repr()` of the result when state is done. */
  result?: string;
  /** `repr()` of the exception when state is failed or cancelled. */
  error?: string;
}

export interface OutputEvent {
  type: "output";
  time: number;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * One thing a loop ran: a task's step or a callback, in the order the loops of the run ran them.
 * What woke a task is the step that scheduled it (`scheduledBy`): the task that completed the
 * future, released the lock or put to the queue it waited on (its last `waiting` event says
 * which), or the timer of its sleep.
 */
export interface StepEvent {
  type: "step";
  /** Counts everything the run's loops ran, task steps and callbacks, from 1. */
  step: number;
  /** The loop iteration it ran in, counted over the run from 1. */
  iteration: number;
  time: number;
  /** The task whose step this is; absent for a callback. */
  taskId?: number;
  /** The callback's function name; absent for a task step. */
  callback?: string;
  /** The step during which this one was scheduled (a timer: set), 0 when outside any step (the run's start). */
  scheduledBy: number;
  /** A timer's deadline made it ready: a sleep, callLater or callAt. */
  timer?: true;
  /** The step delivers a cancellation into the task, at the await where it waits. */
  cancelled?: true;
}

export type RuntimeEvent = TaskSpawnedEvent | TaskStateEvent | OutputEvent | StepEvent;
