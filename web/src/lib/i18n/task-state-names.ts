// A task's state in the page's language ("waiting", "等待中"); the protocol's names stay in the data.

import type { TaskState } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";

const TASK_STATE_NAMES: Record<TaskState, () => string> = {
  pending: m.task_state_pending,
  running: m.task_state_running,
  waiting: m.task_state_waiting,
  done: m.task_state_done,
  failed: m.task_state_failed,
  cancelled: m.task_state_cancelled,
};

export function taskStateName(state: TaskState): string {
  return Object.hasOwn(TASK_STATE_NAMES, state) ? TASK_STATE_NAMES[state]() : state;
}
