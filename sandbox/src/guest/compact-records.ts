// The compact form of a batch of records, defined once for the guest that writes it
// (record-batcher.ts) and the host that reads it (boundary/compact-batch-reader.ts). The events
// a run makes at every step or task (a step, a task's start, running, waiting and end, a lock's
// or a queue's action) are runs of numbers, with their strings in a table sent once per batch; every other record is
// an object, in order, where the numbers say OBJECT. A batch is the JSON text
// {"s": [strings], "o": [object records]} and its numbers as float64s, handed over as bytes:
// QuickJS turns a double into text at about a microsecond, which cost more than the records.

import { FINISHED_TASK_STATES, RESOURCE_ACTIONS, RESOURCE_KINDS, type WaitTarget } from "@looplab/runtime/events";

/** The first number of each record; each kind is followed by the fields its comment lists. */
export const RecordKind = {
  /** The next object record of the batch. */
  OBJECT: 0,
  /** time: the virtual (or real) time of the records after it, until the next TIME. */
  TIME: 1,
  /** step, iteration, scheduledBy, taskId, site (0: none), flags (CANCELLED, RUNNING: the task's running state follows). */
  TASK_STEP: 2,
  /** step, iteration, scheduledBy, callback (a string's index), flags (TIMER). */
  CALLBACK_STEP: 3,
  /** taskId. */
  RUNNING: 4,
  /** taskId, site (0: none), wait kind (WAIT_KINDS index), its number (WAIT_NUMBER_FIELDS; 0 for none), label (a string's index). */
  WAITING: 5,
  /** step, objectId, kind (RESOURCE_KINDS index), action (RESOURCE_ACTIONS index), taskId (0: none), holder (0: none), value (-1: none), item (a string's index, -1: none), size (-1: none). */
  RESOURCE: 6,
  /** As RESOURCE, its item a safe integer written as itself, whose repr is its decimal: no string per item for a queue of numbers. */
  RESOURCE_INTEGER_ITEM: 7,
  /** taskId, parentId (-1: none), name (a string's index), coroutine (a string's index): the task-spawned event and the task's pending state. */
  TASK_SPAWNED: 8,
  /** taskId, state (FINISHED_TASK_STATES index), the repr of its result or exception (a string's index). */
  TASK_FINISHED: 9,
} as const;

/** How many numbers each kind's record takes, its kind included. */
export const RECORD_LENGTHS: readonly number[] = [1, 2, 7, 6, 2, 6, 10, 10, 5, 4];

export const TASK_STEP_CANCELLED = 1;
export const TASK_STEP_RUNNING = 2;
export const CALLBACK_STEP_TIMER = 1;

/** The wait targets a WAITING record carries; a gather's ("tasks", a list of ids) goes as an object. */
export const WAIT_KINDS = [
  "sleep",
  "yield",
  "task",
  "future",
  "promise",
  "greenlet",
  "executor",
  "network",
  ...RESOURCE_KINDS,
] as const satisfies readonly Exclude<WaitTarget["kind"], "tasks">[];
export type CompactWaitKind = (typeof WAIT_KINDS)[number];

/** The field a WAITING record's number fills, by wait kind; a sleep's `until` is -1 for Infinity (JSON has none). */
export const WAIT_NUMBER_FIELDS: { readonly [Kind in CompactWaitKind]: "until" | "taskId" | "futureId" | "objectId" | null } = {
  sleep: "until",
  yield: null,
  task: "taskId",
  future: "futureId",
  promise: null,
  greenlet: null,
  executor: null,
  network: null,
  lock: "objectId",
  semaphore: "objectId",
  event: "objectId",
  condition: "objectId",
  barrier: "objectId",
  queue: "objectId",
};

export { FINISHED_TASK_STATES, RESOURCE_ACTIONS, RESOURCE_KINDS };

/** The most numbers one batch holds: the guest sends a batch of 512 records, each at most 10 numbers and a TIME. */
export const MAX_BATCH_RECORDS = 512;
export const MAX_BATCH_NUMBERS = MAX_BATCH_RECORDS * 12;
