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

export type RuntimeEvent = TaskSpawnedEvent | TaskStateEvent | OutputEvent;
