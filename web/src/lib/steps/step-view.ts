// Everything the step-through view shows at one step, computed from a run's step log: the
// step that ran and who woke it, the tasks and where they are parked, the ready queue, the
// timers, the resources, the output so far, the wait graph and a sentence for screen readers.

import type { CodeSite, DeadlockGraph, ResourceEvent, StepEvent } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";
import { readyAfter } from "./ready-queue.ts";
import { resourceName } from "./resource-lines.ts";
import { StepHistory } from "./step-history.ts";
import type { StepLog } from "./step-log.ts";
import type { ResourceAtStep, TaskAtStep } from "./step-state.ts";
import { previousStepOf } from "./task-steps.ts";
import { cycleHolds, deadlockWaitGraph, liveWaitGraph, type WaitGraph } from "./wait-graph.ts";
import { type WakeCause, wakeCause } from "./wake-cause.ts";

export interface Timer {
  taskId: number;
  name: string;
  /** The deadline, in the run's seconds. */
  until: number;
  label: string;
}

export interface StepView {
  step: number;
  /** The run's steps so far. */
  total: number;
  /** The step that ran (absent at step 0). */
  ran?: StepEvent;
  /** Its task, when it was a task's step. */
  runningTask?: TaskAtStep;
  /** The line the running task resumed at, when the runtime says. */
  resumedAt?: CodeSite;
  /** The step is its task's first: it started rather than resumed. */
  firstOfTask: boolean;
  cause: WakeCause | null;
  /** Why the running task ran, in words: "woken by Task-1's put on Queue #1 (step 3)", "after yielding to the loop". */
  causeText: string;
  /** Every task spawned by then, in spawn order. */
  tasks: TaskAtStep[];
  /** The steps that run next, in order, as task names or callback names. */
  ready: { step: number; label: string; taskId?: number }[];
  timers: Timer[];
  resources: ResourceAtStep[];
  /** How many of the run's outputs had been written. */
  outputCount: number;
  graph: WaitGraph;
  summary: string;
}

export class StepViewer {
  private readonly history: StepHistory;
  /** The first step at which the deadlock's cycle holds, once looked for. */
  private deadlockStep: { graph: DeadlockGraph; step: number } | null = null;

  constructor(private readonly log: StepLog) {
    this.history = new StepHistory(log);
  }

  get total(): number {
    return this.log.steps.length;
  }

  /** The view after step `step`; `deadlock` is the run's, once its error came. */
  at(step: number, deadlock: DeadlockGraph | null = null): StepView {
    const total = this.total;
    const target = Math.max(0, Math.min(Math.floor(step), total));
    const deadlockFrom = deadlock === null ? Number.POSITIVE_INFINITY : this.findDeadlockStep(deadlock);
    const state = this.history.stateAt(target);
    const ran = this.log.steps[target - 1];
    const runningTask = ran?.taskId === undefined ? undefined : state.tasks.get(ran.taskId);
    const cause = wakeCause(this.log.steps, target);
    const tasks = [...state.tasks.values()];
    const nameOf = (id: number): string => state.tasks.get(id)?.name ?? `Task ${id}`;
    const ready = readyAfter(this.log.steps, target).map((next) => ({
      step: next.step,
      label: next.taskId === undefined ? `${next.callback ?? "callback"}()` : nameOf(next.taskId),
      ...(next.taskId === undefined ? {} : { taskId: next.taskId }),
    }));
    const timers: Timer[] = [];
    for (const task of tasks) {
      if (task.state === "waiting" && task.waitingOn?.kind === "sleep") {
        timers.push({ taskId: task.id, name: task.name, until: task.waitingOn.until, label: task.waitingOn.label });
      }
    }
    timers.sort((first, second) => first.until - second.until || first.taskId - second.taskId);
    const graph = deadlock !== null && target >= deadlockFrom ? deadlockWaitGraph(deadlock) : liveWaitGraph(state, ran?.taskId, cause);
    const resumedAt = ran?.resumedAt;
    const view: StepView = {
      step: target,
      total,
      ...(ran === undefined ? {} : { ran }),
      ...(runningTask === undefined ? {} : { runningTask }),
      ...(resumedAt === undefined ? {} : { resumedAt }),
      firstOfTask: ran?.taskId !== undefined && previousStepOf(this.log.steps, ran.taskId, target) === null,
      cause,
      causeText: describeCause(cause, ran?.taskId, nameOf, this.wakingAction(cause, ran?.taskId, target)),
      tasks,
      ready,
      timers,
      resources: [...state.resources.values()].sort((first, second) => first.id - second.id),
      outputCount: this.log.outputsUpTo(target),
      graph,
      summary: "",
    };
    view.summary = summarize(view);
    return view;
  }

  /**
   * What the waking task did to the object the woken task waited on, in words ("put on Queue
   * #1"), or null when the records name no such object. The object is the one the
   * woken task acts on first when it resumes (a get, an acquire), or the one the waker's step
   * took it off (a "leave", as an event's set does).
   */
  private wakingAction(cause: WakeCause | null, wokenTaskId: number | undefined, step: number): WakingAction | null {
    if (cause?.kind !== "task" || wokenTaskId === undefined || cause.taskId === wokenTaskId) return null;
    const wakerEvents = this.resourceEventsOf(cause.step);
    const object =
      this.resourceEventsOf(step).find((event) => event.taskId === wokenTaskId) ??
      wakerEvents.find((event) => event.taskId === wokenTaskId && event.action === "leave");
    if (object === undefined) return null;
    const done = wakerEvents.findLast((event) => event.taskId === cause.taskId && event.objectId === object.objectId);
    if (done === undefined) return null;
    const name = resourceName({ kind: done.kind, id: done.objectId });
    return { action: done.action, preposition: ACTION_PREPOSITIONS[done.action] ?? "on", object: name };
  }

  /** The resource events of step `step`, in order. */
  private resourceEventsOf(step: number): ResourceEvent[] {
    if (step < 1) return [];
    const events: ResourceEvent[] = [];
    for (let index = this.log.stepStarts[step - 1]!; index < this.log.endOfStep(step); index++) {
      const event = this.log.stepped[index]!;
      if (event.type === "resource") events.push(event);
    }
    return events;
  }

  /** The step after which the deadlock's tasks all wait in their cycle (the end when never). */
  private findDeadlockStep(deadlock: DeadlockGraph): number {
    if (this.deadlockStep?.graph === deadlock) return this.deadlockStep.step;
    let found = this.total;
    for (let step = 1; step <= this.total; step++) {
      if (cycleHolds(this.history.stateAt(step), deadlock)) {
        found = step;
        break;
      }
    }
    this.deadlockStep = { graph: deadlock, step: found };
    return found;
  }
}

/** "release of Lock #1", "put on Queue #1": the word between an action and its object. */
const ACTION_PREPOSITIONS: Partial<Record<ResourceEvent["action"], string>> = {
  release: "of",
  set: "of",
  get: "from",
  reset: "of",
  abort: "of",
  shutdown: "of",
};

/** What a waking task did: "put" "on" "Queue #1"; the action keeps its API name in every language. */
interface WakingAction {
  action: string;
  preposition: string;
  object: string;
}

function describeCause(
  cause: WakeCause | null,
  ranTaskId: number | undefined,
  nameOf: (id: number) => string,
  action: WakingAction | null,
): string {
  switch (cause?.kind) {
    case "task":
      if (cause.taskId === ranTaskId) return m.cause_yielded();
      if (action === null) return m.cause_woken_by({ name: nameOf(cause.taskId), step: cause.step });
      return m.cause_woken_by_action({ name: nameOf(cause.taskId), ...action, step: cause.step });
    case "timer":
      return m.cause_timer();
    case "cancellation":
      return m.cause_cancellation();
    default:
      return m.cause_start();
  }
}

/**
 * One sentence for screen readers, as the issue asks: "Step 14 of 20: Task-2 (consumer) resumed
 * at line 12, woken by Task-1's put on Queue #1 (step 13); ready next: Task-1."
 */
function summarize(view: StepView): string {
  if (view.ran === undefined) return m.summary_before_first({ total: view.total });
  // A hand-off (a generator's send, a greenlet's switch) says what it handed over.
  const value = view.ran.value;
  const handed =
    value === undefined ? "" : view.ran.thrown === true ? m.summary_handed_raise({ value }) : m.summary_handed_value({ value });
  const task = view.runningTask;
  const line = view.resumedAt?.line;
  const who = task === undefined ? null : { name: task.name, coroutine: task.coroutine, handed, cause: view.causeText };
  const what =
    who === null
      ? m.summary_callback({ callback: view.ran.callback ?? "?" })
      : view.firstOfTask
        ? m.summary_started(who)
        : line === undefined
          ? m.summary_resumed(who)
          : m.summary_resumed_at({ ...who, line });
  const next =
    view.ready.length === 0
      ? m.summary_nothing_ready()
      : m.summary_ready_next({
          names: view.ready
            .slice(0, 3)
            .map((entry) => entry.label)
            .join(m.list_separator()),
        });
  return m.summary_step({ step: view.step, total: view.total, what, next });
}
