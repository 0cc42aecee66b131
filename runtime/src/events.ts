// The typed event stream of a run. The sandbox, the server and the web page all import
// these types, so this file is the one place where an event's shape is defined.

export type TaskState = "pending" | "running" | "waiting" | "done" | "failed" | "cancelled";

/** The states a task ends in: done with a result, failed or cancelled with an exception. */
export const FINISHED_TASK_STATES = ["done", "failed", "cancelled"] as const satisfies readonly TaskState[];
export type FinishedTaskState = (typeof FINISHED_TASK_STATES)[number];

/** What a waiting task is suspended on. `label` is always a human-readable summary. */
export type WaitTarget =
  | { kind: "sleep"; until: number; label: string }
  | { kind: "yield"; label: string }
  | { kind: "task"; taskId: number; label: string }
  | { kind: "tasks"; taskIds: number[]; label: string }
  | { kind: "future"; futureId: number; label: string }
  | { kind: "promise"; label: string }
  | {
      kind: ResourceKind;
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

/** A place in the snippet's TypeScript, 1-based: where an `await` or a `yield` is. */
export interface CodeSite {
  line: number;
  column: number;
  /** In a REPL session: the number of the input whose code it is; absent in a program. */
  input?: number;
}

export interface TaskStateEvent {
  type: "task-state";
  time: number;
  taskId: number;
  state: TaskState;
  waitingOn?: WaitTarget;
  /**
   * With `waiting`: the await (or generator yield) where the task suspended, in its innermost
   * coroutine of the snippet's own; absent when the snippet has no site there (a top-level await
   * in the REPL, a runtime helper).
   */
  at?: CodeSite;
  /** `repr()` of the result when state is done. */
  result?: string;
  /** `repr()` of the exception when state is failed or cancelled. */
  error?: string;
}

/** The state a task ended in, with the repr of its result (done) or of its exception (failed, cancelled). */
export function finishedTaskEvent(time: number, taskId: number, state: FinishedTaskState, outcome: string): TaskStateEvent {
  const event: TaskStateEvent = { type: "task-state", time, taskId, state };
  if (state === "done") event.result = outcome;
  else event.error = outcome;
  return event;
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
  /** The loop iteration it ran in, counted over the run from 1; 0 for a hand-off before any loop ran. */
  iteration: number;
  time: number;
  /**
   * The task whose step this is, or the lane's of a hand-off (a snippet's generator, a greenlet,
   * an executor thread, or `main`, the top level); absent for a callback.
   */
  taskId?: number;
  /** The callback's function name; absent for a task step. */
  callback?: string;
  /** The step during which this one was scheduled (a timer: set), 0 when outside any step (the run's start). */
  scheduledBy: number;
  /** A timer's deadline made it ready: a sleep, callLater or callAt. */
  timer?: true;
  /** The step delivers a cancellation into the task, at the await where it waits. */
  cancelled?: true;
  /**
   * A task's step: the await or yield it resumed at, the `at` of its last `waiting` event;
   * absent on its first step (it starts at its function's top) and where there is no site.
   * Where the step suspended is the `at` of the `waiting` event that ends it.
   */
  resumedAt?: CodeSite;
  /**
   * A hand-off's step (a generator's next/send/throw and its yield back, a greenlet's switch):
   * the short repr (at most 200 characters) of what was handed to the lane, absent when nothing
   * (undefined) was: the value sent or switched in, or the value yielded, returned or switched
   * back to the lane that resumes.
   */
  value?: string;
  /** A hand-off's step: `value` is an exception raised in the lane (a throw(), or an error coming back). */
  thrown?: true;
}

/** Every kind of object a resource event names. */
export const RESOURCE_KINDS = ["lock", "semaphore", "event", "condition", "barrier", "queue"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Every action a resource event records. */
export const RESOURCE_ACTIONS = [
  "acquire",
  "release",
  "wait",
  "leave",
  "set",
  "clear",
  "notify",
  "put",
  "get",
  "task-done",
  "shutdown",
  /** A task arrives at a barrier and waits for the others. */
  "arrive",
  /** The last party arrives and the barrier trips: it does not wait. */
  "trip",
  "abort",
  "reset",
] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

/**
 * Something done to a lock, semaphore, event, condition, barrier or queue, and what the object
 * holds after it. `objectId` is the number a task waiting on the object shows in its `waitingOn`
 * ("Lock #3"), given as the snippet makes the object; a condition that made its own lock
 * records that lock's acquire and release under its own number. Who waits on the object is
 * told as changes, never as a list repeated in every event (a lock with 99 waiters would repeat
 * them in each acquire and release): a task joins the line with `wait` (a barrier: `arrive`)
 * and is off it with its next action on the object (`acquire`, `get`, `put`) or a `leave`
 * (woken by a set, a notify or a trip; cancelled; refused). `updateWaiters` replays that.
 */
export interface ResourceEvent {
  type: "resource";
  /** The step during which it happened, 0 outside any step. */
  step: number;
  time: number;
  objectId: number;
  kind: ResourceKind;
  action: ResourceAction;
  /** The task that did it; absent outside a task. */
  taskId?: number;
  /** A lock's holder after its acquire or release (a condition's own lock too); absent while free. */
  holder?: number;
  /**
   * A number after the action: a semaphore's value, the waiters a notify woke, the parties at a
   * barrier after an arrival, a queue's unfinished tasks after a task-done.
   */
  value?: number;
  /** A queue's put or get: the item's repr, cut to 200 characters. */
  item?: string;
  /** A queue's size after a put, a get or a shutdown. */
  size?: number;
}

/**
 * The object's waiters after `event`, given those before it, in the order they began to wait:
 * `waiters` is changed in place. A task that waits again (a queue's put that lost its slot) goes
 * to the back of the line.
 */
export function updateWaiters(waiters: number[], event: ResourceEvent): void {
  const taskId = event.taskId;
  if (taskId === undefined) return;
  const index = waiters.indexOf(taskId);
  if (index >= 0) waiters.splice(index, 1);
  if (event.action === "wait" || event.action === "arrive") waiters.push(taskId);
}

/** A deadlock's wait-for graph keeps at most this many nodes and edges (it says `truncated` when it left some out). */
export const MAX_DEADLOCK_NODES = 1000;
export const MAX_DEADLOCK_EDGES = 4000;
/** A deadlock node's label is cut to this many characters. */
export const MAX_DEADLOCK_LABEL_CHARACTERS = 200;

/** A task, or what a task waits on (the kinds of WaitTarget; "tasks" is a gather, a wait(), a TaskGroup...). */
export type DeadlockNodeKind = "task" | Exclude<WaitTarget["kind"], "task">;

export interface DeadlockNode {
  kind: DeadlockNodeKind;
  /**
   * A task's id (as task events number it), an object's number ("Lock #2": 2) or a future's
   * ("Future #4": 4); absent for what has no number (a gather, a JavaScript Promise, a read).
   */
  id?: number;
  /** A task's name ("Task-2"), or what waiting on it shows ("Lock #2", "Queue #5 get", "gather of 2"). */
  label: string;
  /** A task's coroutine name, as the deadlock message shows it: "Task-2 (take)". */
  coroutine?: string;
  /** A task that finished still holding the lock or the permit its node's held-by edge names. */
  done?: true;
}

/**
 * `from` and `to` are indices in the graph's nodes. "waits-on": a task waits on a lock, a
 * queue, a future... or on a task; a gather (kind "tasks") waits on each of its tasks.
 * "held-by": a lock or semaphore is held by a task (a semaphore by each task that took a
 * permit and did not give one back).
 */
export interface DeadlockEdge {
  from: number;
  to: number;
  kind: "waits-on" | "held-by";
}

/**
 * What the pending tasks of a deadlocked loop wait on, and who holds it: DeadlockError's
 * `graph`, and the `deadlock` of the sandbox's error event. Computed only when the loop finds
 * a deadlock.
 */
export interface DeadlockGraph {
  /** In the order a walk over the live tasks, in creation order, meets them: a task, what it waits on, who holds that. */
  nodes: DeadlockNode[];
  edges: DeadlockEdge[];
  /**
   * A cycle of edges, as node indices: each node waits on or is held by the next, and the
   * last by the first ("Task-2", "Lock #2", "Task-3", "Lock #1"). It starts at its task created
   * first. Null when there is none (a task waits on a future nobody will complete).
   */
  cycle: number[] | null;
  /** More than MAX_DEADLOCK_NODES nodes or MAX_DEADLOCK_EDGES edges: the rest were left out. */
  truncated?: true;
}

/** Who asked for a cancellation, or took one back: code, or a mechanism of asyncio. */
export type CancelRequester =
  /** Code that called `cancel()` or `uncancel()` (`byTaskId`: the task that ran it, absent in a callback or at top level). */
  | "task"
  /** The task awaiting this one (`byTaskId`) was cancelled, and its cancel() passed it on to what it awaits. */
  | "await"
  /** The gather it is a child of was cancelled (`byTaskId`: the task whose cancellation reached the gather, or that cancelled it). */
  | "gather"
  /** Its TaskGroup aborted (`byTaskId`: the child whose failure did it, or the group's body, failed or cancelled); uncancel: the group's exit. */
  | "task-group"
  /** A `timeout()` or `timeoutAt()` deadline passed; uncancel: its exit turning the cancellation into TimeoutError. */
  | "timeout"
  /** `waitFor`'s deadline passed (or its timeout was <= 0); uncancel: its exit. */
  | "wait-for"
  /** `asyncio.run()` cancelling the tasks left when the main coroutine ended. */
  | "shutdown";

/** The order a cancellation's story goes: requested, delivered, then swallowed or uncancelled (or the task ends cancelled). */
export type CancelAction = "requested" | "delivered" | "swallowed" | "uncancelled" | "shielded";

/**
 * Cancellation as a story (issue 12, item 4). `requested`: `taskId` is to be cancelled, by
 * `by` and `byTaskId`, with `message`. `delivered`: the CancelledError reaches the task at its
 * await, in the step numbered `step` (whose step event says `cancelled: true`). `swallowed`: the
 * task caught it and went on (it finished without ending cancelled, or was delivered another
 * cancellation first); `deliveredAt` is the step that delivered it. `uncancelled`: `uncancel()`
 * took a request back, `by` a TaskGroup or a timeout absorbing its own, or code ("task").
 * `shielded`: a cancellation (of `byTaskId`) stopped at `asyncio.shield`, and `taskId`, the
 * shielded task, goes on. Only tasks with a recorded request get `delivered`: a task that gets a
 * CancelledError from a cancelled task it awaits was not itself asked to cancel.
 */
export interface CancelEvent {
  type: "cancel";
  /** The step during which it happened, 0 outside any step. */
  step: number;
  time: number;
  action: CancelAction;
  taskId: number;
  /** requested and uncancelled: who. */
  by?: CancelRequester;
  /** requested and shielded: the task behind it (see CancelRequester); absent when none. */
  byTaskId?: number;
  /** requested: the message given to cancel(), cut to 200 characters; absent when none. */
  message?: string;
  /** requested and uncancelled: the task's pending requests after it (`task.cancelling()`). */
  cancelling?: number;
  /** swallowed: the step that delivered the cancellation the task swallowed. */
  deliveredAt?: number;
}

export type RuntimeEvent = TaskSpawnedEvent | TaskStateEvent | OutputEvent | StepEvent | ResourceEvent | CancelEvent;

/**
 * `true` when `Listed` covers every member of `All`, else the members left out: assigning `true`
 * to it makes a list that misses one a compile error, naming what it misses.
 */
export type EveryListed<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;

/** Every runtime event's type, for code that must know them at run time. */
export const RUNTIME_EVENT_TYPES = [
  "task-spawned",
  "task-state",
  "output",
  "step",
  "resource",
  "cancel",
] as const satisfies readonly RuntimeEvent["type"][];
export const EVERY_RUNTIME_EVENT_TYPE_LISTED: EveryListed<RuntimeEvent["type"], (typeof RUNTIME_EVENT_TYPES)[number]> = true;
