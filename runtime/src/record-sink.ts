// Where the instrument writes the run's record. The events a run makes most of (each step, a
// task's start, running, waiting and end, each lock and queue action) are calls with numbers and shared
// strings, so a sink may store them without building an event object per step: the sandbox's
// guest writes them as numbers (sandbox/src/guest/record-batcher.ts), and the host builds the
// events. Everything else comes as an event. EventObjectSink builds today's events from the
// calls, for a host that takes objects (onEvent).

import {
  type CodeSite,
  type FinishedTaskState,
  finishedTaskEvent,
  type ResourceAction,
  type ResourceKind,
  type RuntimeEvent,
  type StepEvent,
  type TaskStateEvent,
  type WaitTarget,
} from "./events.js";
import { unpackSite } from "./lowering/sites.js";

/** The absent value of a numeric field of a resource action (a holder, a value, a size). */
export const NONE = -1;

export interface RecordSink {
  /** Any event the calls below do not cover. */
  event(event: RuntimeEvent): void;
  /**
   * A task's step; `site` is where it resumed (lowering/sites.ts), 0 for none. `running`: the
   * task's running state follows at once (else a taskRunning call comes after other records).
   */
  taskStep(
    step: number,
    iteration: number,
    time: number,
    scheduledBy: number,
    taskId: number,
    cancelled: boolean,
    site: number,
    running: boolean,
  ): void;
  /**
   * A task (or a lane) was made, and is pending: one call, as every task is pending first.
   * `parentId`: the task running when it was made, null at top level. Names at most 200 characters.
   */
  taskSpawned(time: number, taskId: number, name: string, parentId: number | null, coroutine: string): void;
  /** A task ended; `outcome` is the repr of its result when done, else of its exception (at most 200 characters). */
  taskFinished(time: number, taskId: number, state: FinishedTaskState, outcome: string): void;
  /** A callback the loop ran, by its function's name (at most 200 characters). */
  callbackStep(step: number, iteration: number, time: number, scheduledBy: number, callback: string, timer: boolean): void;
  taskRunning(time: number, taskId: number): void;
  /** The task suspended at `site` (0 for none) and waits on `waitingOn`, whose label is at most 200 characters. */
  taskWaiting(time: number, taskId: number, waitingOn: WaitTarget, site: number): void;
  /**
   * A lock's or a queue's action. `taskId` and `holder`: 0 for none; `value` and `size`: NONE
   * for none; `item`: its repr, or undefined for none, or a safe integer, whose repr is its
   * decimal: a queue of numbers then needs no string per item.
   */
  resource(
    step: number,
    time: number,
    objectId: number,
    kind: ResourceKind,
    action: ResourceAction,
    taskId: number,
    holder: number,
    value: number,
    item: string | number | undefined,
    size: number,
  ): void;
}

/** Builds today's event objects from a sink's calls and hands each to `onEvent`. */
export class EventObjectSink implements RecordSink {
  /** One position object per site for the run: a loop resumes and parks at the same few awaits. Events share it, so no reader may change it. */
  private readonly codeSites = new Map<number, CodeSite | null>();

  constructor(private readonly onEvent: (event: RuntimeEvent) => void) {}

  event(event: RuntimeEvent): void {
    this.onEvent(event);
  }

  taskStep(
    step: number,
    iteration: number,
    time: number,
    scheduledBy: number,
    taskId: number,
    cancelled: boolean,
    site: number,
    running: boolean,
  ): void {
    const event: StepEvent = { type: "step", step, iteration, time, scheduledBy, taskId };
    if (cancelled) event.cancelled = true;
    const resumedAt = this.codeSite(site);
    if (resumedAt !== null) event.resumedAt = resumedAt;
    this.onEvent(event);
    if (running) this.onEvent({ type: "task-state", time, taskId, state: "running" });
  }

  taskSpawned(time: number, taskId: number, name: string, parentId: number | null, coroutine: string): void {
    this.onEvent({ type: "task-spawned", time, taskId, name, parentId, coroutine });
    this.onEvent({ type: "task-state", time, taskId, state: "pending" });
  }

  taskFinished(time: number, taskId: number, state: FinishedTaskState, outcome: string): void {
    this.onEvent(finishedTaskEvent(time, taskId, state, outcome));
  }

  callbackStep(step: number, iteration: number, time: number, scheduledBy: number, callback: string, timer: boolean): void {
    const event: StepEvent = { type: "step", step, iteration, time, scheduledBy, callback };
    if (timer) event.timer = true;
    this.onEvent(event);
  }

  taskRunning(time: number, taskId: number): void {
    this.onEvent({ type: "task-state", time, taskId, state: "running" });
  }

  taskWaiting(time: number, taskId: number, waitingOn: WaitTarget, site: number): void {
    const event: TaskStateEvent = { type: "task-state", time, taskId, state: "waiting", waitingOn };
    const at = this.codeSite(site);
    if (at !== null) event.at = at;
    this.onEvent(event);
  }

  resource(
    step: number,
    time: number,
    objectId: number,
    kind: ResourceKind,
    action: ResourceAction,
    taskId: number,
    holder: number,
    value: number,
    item: string | number | undefined,
    size: number,
  ): void {
    const event: RuntimeEvent = { type: "resource", step, time, objectId, kind, action };
    if (taskId !== 0) event.taskId = taskId;
    if (holder !== 0) event.holder = holder;
    if (value !== NONE) event.value = value;
    if (item !== undefined) event.item = typeof item === "number" ? String(item) : item;
    if (size !== NONE) event.size = size;
    this.onEvent(event);
  }

  private codeSite(site: number): CodeSite | null {
    let position = this.codeSites.get(site);
    if (position === undefined) {
      position = unpackSite(site);
      this.codeSites.set(site, position);
    }
    return position;
  }
}
