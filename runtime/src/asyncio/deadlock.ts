// The message of a DeadlockError: which tasks are stuck and on what, so the reader can see
// the cycle or the missing wake-up.

import type { Future } from "./futures.js";
import type { Task } from "./tasks.js";

const NOTHING_CAN_WAKE = "no task is ready, no timer is pending, and nothing else can wake a waiting task";

export function describeDeadlock(main: Future | null, liveTasks: Iterable<Task>, cause = NOTHING_CAN_WAKE): string {
  const lines: string[] = [];
  for (const task of liveTasks) {
    const target = task.describeOwnWait();
    const waits = target === null ? "is ready but was never scheduled" : `waits on ${target.label}`;
    lines.push(`  ${task.getName()} (${task.getCoro().name}) ${waits}`);
  }
  const subject = main === null ? "the event loop" : `the main ${main.constructor.name === "Task" ? "task" : "future"}`;
  const head = `${subject} can never finish: ${cause}`;
  return lines.length === 0 ? head : `${head}. Pending tasks:\n${lines.join("\n")}`;
}
