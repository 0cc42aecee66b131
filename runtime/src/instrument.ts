// Turns the runtime's hooks into the run's record, in the spirit of trio's Instrument. The loop
// holds `instrument: Instrument | null`; with no listener it is null and every hook site is a
// single null check. The record goes to a RecordSink (record-sink.ts): the events made at every
// step as calls with numbers, the rest as RuntimeEvents. With `full` false it records only the
// events from before issue 12 (task-spawned, task-state, output), to measure the full record's cost.

import type { WaitSubject } from "./asyncio/wait-subject.js";
import { repr } from "./builtins/format.js";
import type {
  CancelAction,
  CancelEvent,
  CancelRequester,
  FinishedTaskState,
  ResourceAction,
  RuntimeEvent,
  StepEvent,
  TaskState,
  WaitTarget,
} from "./events.js";
import { unpackSite } from "./lowering/sites.js";
import { NONE, type RecordSink } from "./record-sink.js";
import type { Runtime } from "./runtime.js";

/** What the instrument needs to know of a task. */
export interface InstrumentedTask {
  readonly id: number;
  getName(): string;
}

/** Reprs, names and labels in events are cut here: a snippet may name a task with a megabyte. */
const MAX_VALUE_LENGTH = 200;

function shortened(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}

const NO_RUNTIME_FOR_RESOURCES = "the instrument records locks and queues only for a runtime";

/** Number.MAX_SAFE_INTEGER, read once: a global's lookup at every record costs QuickJS more than the comparison. */
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

function shortRepr(value: unknown): string {
  return shortened(repr(value));
}

export class Instrument {
  /** The step running now, 0 between steps: what anything scheduled now records as its cause. */
  currentStep = 0;
  private steps = 0;
  private iterations = 0;
  private currentScheduledBy = 0;

  /** The tasks waiting on each recorded lock or queue, by object id: one that stops waiting without an action of its own records a `leave`. */
  private readonly waiters = new Map<number, Set<number>>();
  /**
   * How many of those lines each task is on, by task id. Most actions are by a task on no line,
   * so one array read spares them the Map and the Set: QuickJS pays for each lookup what a
   * queue's whole put costs in a tenth. Its length is the highest task id that waited, and ids
   * are dense: in a recorded run the events budget bounds them (a task's start is two events).
   */
  private readonly linesOfTask: number[] = [];

  /**
   * The lane a hand-off outside the loop's scheduling runs now: a snippet's generator driven by
   * next/send/throw, or a greenlet; null while a task (or the top level) runs.
   */
  handOffLane: InstrumentedTask | null = null;
  /** The snippet's top level as a lane, made the first time a hand-off returns to it. */
  private topLevel: InstrumentedTask | null = null;

  constructor(
    private readonly sink: RecordSink,
    /** The run's clock: read at each record. */
    private readonly clock: { now(): number },
    /** Numbers the objects a resource event names, and says which task runs. */
    private readonly runtime: Runtime | null = null,
    /** False: only task-spawned, task-state and output, the record from before steps and resources. */
    private readonly full = true,
  ) {}

  private emit(event: RuntimeEvent): void {
    this.sink.event(event);
  }

  iterationStarted(): void {
    this.iterations++;
  }

  /** Numbers a step the loop is about to run; the caller restores currentStep after it. */
  beginStep(scheduledBy: number): void {
    this.currentStep = ++this.steps;
    this.currentScheduledBy = scheduledBy;
  }

  /** A callback of the loop, as the current step; nothing outside a step the loop numbered. */
  callbackStep(callback: string, timer: boolean): void {
    if (this.currentStep === 0 || !this.full) return;
    this.sink.callbackStep(this.currentStep, this.iterations, this.clock.now(), this.currentScheduledBy, shortened(callback), timer);
  }

  /**
   * A task's step, as the current step, resuming at `site` (lowering/sites.ts), and the task
   * running: one call, as a step always makes its task run (the step's record outside a step the
   * loop numbered, or without the full record, is left out). A delivered cancellation's records
   * come between the step and the running state.
   */
  taskStep(task: InstrumentedTask, cancelled: boolean, site: number): void {
    const time = this.clock.now();
    if (this.currentStep === 0 || !this.full) {
      this.sink.taskRunning(time, task.id);
      return;
    }
    // A site a snippet passed to __suspendAt may be anything: the sink takes a positive safe integer or 0.
    const resumedAt = typeof site === "number" && site > 0 && site <= MAX_SAFE_INTEGER && site % 1 === 0 ? site : 0;
    const delivers = cancelled && this.cancellations.has(task.id);
    this.sink.taskStep(this.currentStep, this.iterations, time, this.currentScheduledBy, task.id, cancelled, resumedAt, !delivers);
    if (!delivers) return;
    this.cancelDelivered(task.id);
    this.sink.taskRunning(time, task.id);
  }

  /**
   * A hand-off's step (issue 12, item 5): `lane` runs now, scheduled by the step running now (the
   * one that switched, sent or yielded). `value` is what was handed to it (sent, switched,
   * yielded or returned; an exception when `thrown`), left out when undefined. `site` is the
   * yield the lane resumes at (lowering/sites.ts), 0 for none.
   */
  laneStep(lane: InstrumentedTask, value: unknown, thrown: boolean, site: number): void {
    this.beginStep(this.currentStep);
    if (!this.full) return;
    const event: StepEvent = {
      type: "step",
      step: this.currentStep,
      iteration: this.iterations,
      time: this.clock.now(),
      scheduledBy: this.currentScheduledBy,
      taskId: lane.id,
    };
    const resumedAt = unpackSite(site);
    if (resumedAt !== null) event.resumedAt = resumedAt;
    if (value !== undefined || thrown) event.value = itemRepr(value);
    if (thrown) event.thrown = true;
    this.emit(event);
  }

  /** What runs now, as a lane: the hand-off's lane, else the running task, else the top level. */
  runningLane(): InstrumentedTask {
    if (this.handOffLane !== null) return this.handOffLane;
    const task = this.runtime?.runningLoop?.currentTask;
    if (task !== null && task !== undefined) return task;
    if (this.topLevel === null) {
      if (this.runtime === null) throw new Error("the instrument records hand-offs only for a runtime");
      const lane = { id: this.runtime.nextTaskId(), getName: () => "main" };
      this.topLevel = lane;
      this.taskSpawned(lane, null, "<module>");
      // Its own step, so that what it hands off to first is scheduled by it, not by the run's start.
      this.laneStep(lane, undefined, false, 0);
      this.taskRunning(lane);
    }
    return this.topLevel;
  }

  /**
   * The snippet's top level returned. Its lane, if it had one, is done; in a run where nothing
   * took a step (the module ran no coroutine), it gets its lane and one step, so that a view of
   * the run shows the module ran.
   */
  topLevelEnded(): void {
    if (this.runtime === null) return;
    if (this.steps === 0) this.runningLane();
    if (this.topLevel !== null) this.taskFinished(this.topLevel, "done", undefined);
  }

  taskSpawned(task: InstrumentedTask, parent: InstrumentedTask | null, coroutine: string): void {
    this.sink.taskSpawned(this.clock.now(), task.id, shortened(task.getName()), parent?.id ?? null, shortened(coroutine));
  }

  taskRunning(task: InstrumentedTask): void {
    this.sink.taskRunning(this.clock.now(), task.id);
  }

  /** The task suspended at `site` (lowering/sites.ts; 0 for none) and waits on `waitingOn`. */
  taskWaiting(task: InstrumentedTask, waitingOn: WaitTarget, site: number): void {
    if (waitingOn.label.length > MAX_VALUE_LENGTH) waitingOn = { ...waitingOn, label: shortened(waitingOn.label) };
    const at = typeof site === "number" && site > 0 && site <= MAX_SAFE_INTEGER && site % 1 === 0 ? site : 0;
    this.sink.taskWaiting(this.clock.now(), task.id, waitingOn, at);
  }

  taskFinished(task: InstrumentedTask, state: FinishedTaskState, outcome: unknown): void {
    if (this.cancellations.size > 0) this.cancellationsEnded(task.id, state);
    this.sink.taskFinished(this.clock.now(), task.id, state, shortRepr(outcome));
  }

  output(stream: "stdout" | "stderr", text: string): void {
    this.emit({ type: "output", time: this.clock.now(), stream, text });
  }

  // Locks and queues (the "resource" event). The call sites are `this.recorder?.…(...)`, so
  // without a listener their arguments are never evaluated.

  /** A lock's acquire or release: the holder after it is the acquiring task, or none. */
  lockChanged(subject: WaitSubject, action: "acquire" | "release"): void {
    if (!this.full) return;
    this.record(subject, action, NONE, undefined, NONE, false, action === "acquire");
  }

  /** An action with a number after it (a semaphore's value, a notify's count...), or none. */
  resourceChanged(subject: WaitSubject, action: ResourceAction, value: number = NONE): void {
    if (!this.full) return;
    this.record(subject, action, value, undefined, NONE, false);
  }

  /** The running task begins to wait on the object (`wait`, or a barrier's `arrive`). */
  waiterJoined(subject: WaitSubject, action: "wait" | "arrive", value: number = NONE): void {
    if (!this.full) return;
    this.record(subject, action, value, undefined, NONE, true);
  }

  /** The running task stopped waiting without an action of its own to record; nothing if it was not waiting. */
  waiterLeft(subject: WaitSubject, value?: number): void {
    if (!this.full) return;
    const taskId = this.runningTaskId();
    if (taskId === undefined || (this.linesOfTask[taskId] ?? 0) === 0) return;
    const waiting = this.waiters.get(this.targetOf(subject).objectId);
    if (waiting === undefined || !waiting.has(taskId)) return;
    this.resourceChanged(subject, "leave", value);
  }

  /** A queue's put or get, with the item and the size after it. */
  queueChanged(subject: WaitSubject, action: "put" | "get", item: unknown, size: number): void {
    if (!this.full) return;
    // A safe integer's repr is its decimal (builtins/format.ts): the sink takes the number itself.
    const integer = typeof item === "number" && item % 1 === 0 && item <= MAX_SAFE_INTEGER && item >= -MAX_SAFE_INTEGER;
    this.record(subject, action, NONE, integer ? item : itemRepr(item), size, false);
  }

  /** A queue's shutdown, with the size after it. */
  queueShutDown(subject: WaitSubject, size: number): void {
    if (!this.full) return;
    this.record(subject, "shutdown", NONE, undefined, size, false);
  }

  /**
   * An action by the running task: a wait (`joins`) puts it on the object's line of waiters, any
   * other action takes it off (see updateWaiters in events.ts). `holds`: the task holds the
   * object after it (a lock's acquire).
   */
  private record(
    subject: WaitSubject,
    action: ResourceAction,
    value: number,
    item: string | number | undefined,
    size: number,
    joins: boolean,
    holds = false,
  ): void {
    // targetOf and runningTaskId written out: a queue's put and get each come here.
    const runtime = this.runtime;
    if (runtime === null) throw new Error(NO_RUNTIME_FOR_RESOURCES);
    const target = subject.target(runtime) as ResourceTarget;
    const taskId = runtime.runningLoop?.currentTask?.id ?? 0;
    if (taskId !== 0) {
      if (joins) this.joinLine(target.objectId, taskId);
      else if ((this.linesOfTask[taskId] ?? 0) > 0) this.leaveLine(target.objectId, taskId);
    }
    this.sink.resource(
      this.currentStep,
      this.clock.now(),
      target.objectId,
      target.kind,
      action,
      taskId,
      holds ? taskId : 0,
      value,
      item,
      size,
    );
  }

  private joinLine(objectId: number, taskId: number): void {
    let waiting = this.waiters.get(objectId);
    if (waiting === undefined) {
      waiting = new Set();
      this.waiters.set(objectId, waiting);
    }
    if (waiting.has(taskId)) return;
    waiting.add(taskId);
    const lines = this.linesOfTask;
    // Filled up to the id, not written past its end: a QuickJS array with a hole is no longer a fast array.
    while (lines.length <= taskId) lines[lines.length] = 0;
    lines[taskId] = (lines[taskId] as number) + 1;
  }

  private leaveLine(objectId: number, taskId: number): void {
    if (this.waiters.get(objectId)?.delete(taskId)) this.linesOfTask[taskId] = (this.linesOfTask[taskId] as number) - 1;
  }

  private runningTaskId(): number | undefined {
    return this.runtime?.runningLoop?.currentTask?.id;
  }

  /** The subject's wait target, numbering the object the first time it is recorded or waited on. */
  private targetOf(subject: WaitSubject): ResourceTarget {
    if (this.runtime === null) throw new Error(NO_RUNTIME_FOR_RESOURCES);
    return subject.target(this.runtime) as ResourceTarget;
  }

  // Cancellation (the "cancel" event, issue 12 item 4). The hooks are in Task.cancel() and
  // uncancel(); a mechanism that cancels (a TaskGroup, a timeout, gather...) names itself as the
  // requester around its call (asyncio/cancel-on-behalf.ts), else the running code is.

  /** Who asks for the cancellations requested now; null: the running code ("task"). */
  private cancelRequest: CancelRequest | null = null;
  /** Tasks with a recorded request not yet answered: the step that delivered it, 0 before delivery. */
  private readonly cancellations = new Map<number, number>();

  /**
   * Names `by` as the requester of the cancellations requested until restoreCancelRequest(the
   * request returned); `byTaskId` defaults to the task behind the request under way, else the running task.
   */
  requestCancelAs(by: CancelRequester, byTaskId: number | undefined = this.requestingTaskId()): CancelRequest | null {
    const previous = this.cancelRequest;
    this.cancelRequest = { by, byTaskId };
    return previous;
  }

  restoreCancelRequest(previous: CancelRequest | null | undefined): void {
    this.cancelRequest = previous ?? null;
  }

  /** `task.cancel(message)` counted a request: `cancelling` are pending now. */
  cancelRequested(task: InstrumentedTask, message: unknown, cancelling: number): void {
    if (!this.full) return;
    const event = this.cancelEvent(task.id, "requested");
    event.by = this.cancelRequest?.by ?? "task";
    const byTaskId = this.requestingTaskId();
    if (byTaskId !== undefined) event.byTaskId = byTaskId;
    if (message !== undefined && message !== null) event.message = typeof message === "string" ? shortened(message) : itemRepr(message);
    event.cancelling = cancelling;
    if (!this.cancellations.has(task.id)) this.cancellations.set(task.id, 0);
    this.emit(event);
  }

  /** `task.uncancel()` took a request back, leaving `cancelling`; a request answered when none is left. */
  cancelTakenBack(task: InstrumentedTask, cancelling: number): void {
    if (!this.full) return;
    const event = this.cancelEvent(task.id, "uncancelled");
    event.by = this.cancelRequest?.by ?? "task";
    event.cancelling = cancelling;
    if (cancelling === 0) this.cancellations.delete(task.id);
    this.emit(event);
  }

  /** A cancellation of the task behind the request under way stopped at a shield: the shielded task goes on. */
  cancelShielded(shieldedTaskId: number): void {
    if (!this.full) return;
    const event = this.cancelEvent(shieldedTaskId, "shielded");
    const byTaskId = this.requestingTaskId();
    if (byTaskId !== undefined) event.byTaskId = byTaskId;
    this.emit(event);
  }

  /** The current step throws a CancelledError into a task; recorded when the task was asked to cancel. */
  private cancelDelivered(taskId: number): void {
    const delivered = this.cancellations.get(taskId);
    if (delivered === undefined) return;
    // Still running after an earlier delivery that no uncancel() answered: it caught that one.
    if (delivered > 0) this.emitSwallowed(taskId, delivered);
    this.cancellations.set(taskId, this.currentStep);
    this.emit(this.cancelEvent(taskId, "delivered"));
  }

  /** A task ends: a delivered cancellation it did not end with, nor had taken back, it swallowed. */
  private cancellationsEnded(taskId: number, state: TaskState): void {
    const delivered = this.cancellations.get(taskId);
    if (delivered === undefined) return;
    this.cancellations.delete(taskId);
    if (delivered > 0 && state !== "cancelled") this.emitSwallowed(taskId, delivered);
  }

  private emitSwallowed(taskId: number, deliveredAt: number): void {
    const event = this.cancelEvent(taskId, "swallowed");
    event.deliveredAt = deliveredAt;
    this.emit(event);
  }

  private cancelEvent(taskId: number, action: CancelAction): CancelEvent {
    return { type: "cancel", step: this.currentStep, time: this.clock.now(), action, taskId };
  }

  /** The task behind the request under way (a mechanism's), else the running task. */
  private requestingTaskId(): number | undefined {
    return this.cancelRequest === null ? this.runningTaskId() : this.cancelRequest.byTaskId;
  }
}

/** Who asks for the cancellations requested now (see Instrument.requestCancelAs). */
export interface CancelRequest {
  by: CancelRequester;
  byTaskId: number | undefined;
}

/** What a lock's or a queue's WaitSubject makes. */
type ResourceTarget = Extract<WaitTarget, { objectId: number }>;

/** A queue item's repr, cut; a snippet's __repr__ that raises must not break the put. */
function itemRepr(item: unknown): string {
  try {
    return shortRepr(item);
  } catch {
    return "<unprintable>";
  }
}
