// Turns the runtime's hooks into RuntimeEvents for the host, in the spirit of trio's
// Instrument. The loop holds `instrument: Instrument | null`; with no listener it is null and
// every hook site is a single null check.

import { repr } from "./builtins/format.js";
import type { RuntimeEvent, StepEvent, TaskState, WaitTarget } from "./events.js";

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

function shortRepr(value: unknown): string {
  return shortened(repr(value));
}

export class Instrument {
  /** The step running now, 0 between steps: what anything scheduled now records as its cause. */
  currentStep = 0;
  private steps = 0;
  private iterations = 0;
  private currentScheduledBy = 0;

  constructor(
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly time: () => number,
  ) {}

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
    if (this.currentStep === 0) return;
    const event: StepEvent = this.stepEvent();
    event.callback = shortened(callback);
    if (timer) event.timer = true;
    this.emit(event);
  }

  /** A task's step, as the current step; nothing outside a step the loop numbered. */
  taskStep(task: InstrumentedTask, cancelled: boolean): void {
    if (this.currentStep === 0) return;
    const event: StepEvent = this.stepEvent();
    event.taskId = task.id;
    if (cancelled) event.cancelled = true;
    this.emit(event);
  }

  private stepEvent(): StepEvent {
    const iteration = this.iterations;
    return { type: "step", step: this.currentStep, iteration, time: this.time(), scheduledBy: this.currentScheduledBy };
  }

  taskSpawned(task: InstrumentedTask, parent: InstrumentedTask | null, coroutine: string): void {
    const time = this.time();
    const name = shortened(task.getName());
    this.emit({ type: "task-spawned", time, taskId: task.id, name, parentId: parent?.id ?? null, coroutine: shortened(coroutine) });
    this.emit({ type: "task-state", time, taskId: task.id, state: "pending" });
  }

  taskRunning(task: InstrumentedTask): void {
    this.emit({ type: "task-state", time: this.time(), taskId: task.id, state: "running" });
  }

  taskWaiting(task: InstrumentedTask, waitingOn: WaitTarget): void {
    if (waitingOn.label.length > MAX_VALUE_LENGTH) waitingOn = { ...waitingOn, label: shortened(waitingOn.label) };
    this.emit({ type: "task-state", time: this.time(), taskId: task.id, state: "waiting", waitingOn });
  }

  taskFinished(task: InstrumentedTask, state: Exclude<TaskState, "pending" | "running" | "waiting">, outcome: unknown): void {
    const event: RuntimeEvent = { type: "task-state", time: this.time(), taskId: task.id, state };
    if (state === "done") event.result = shortRepr(outcome);
    else event.error = shortRepr(outcome);
    this.emit(event);
  }

  output(stream: "stdout" | "stderr", text: string): void {
    this.emit({ type: "output", time: this.time(), stream, text });
  }
}
