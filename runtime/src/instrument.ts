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

const MAX_VALUE_LENGTH = 200;

function shortRepr(value: unknown): string {
  const text = repr(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}

export class Instrument {
  constructor(
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly time: () => number,
  ) {}

  taskSpawned(task: InstrumentedTask, parent: InstrumentedTask | null, coroutine: string): void {
    const time = this.time();
    this.emit({ type: "task-spawned", time, taskId: task.id, name: task.getName(), parentId: parent?.id ?? null, coroutine });
    this.emit({ type: "task-state", time, taskId: task.id, state: "pending" });
  }

  taskRunning(task: InstrumentedTask): void {
    this.emit({ type: "task-state", time: this.time(), taskId: task.id, state: "running" });
  }

  taskWaiting(task: InstrumentedTask, waitingOn: WaitTarget): void {
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
