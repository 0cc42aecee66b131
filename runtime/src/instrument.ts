// Turns the runtime's hooks into RuntimeEvents for the host, in the spirit of trio's
// Instrument. The loop holds `instrument: Instrument | null`; with no listener it is null and
// every hook site is a single null check.

import { repr } from "./builtins/format.js";
import type { RuntimeEvent, TaskState, WaitTarget } from "./events.js";

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
  constructor(
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly time: () => number,
  ) {}

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
