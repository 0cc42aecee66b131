// The next or previous step of one task, for "step to this task's next step". A linear scan:
// 100,000 steps take well under a millisecond.

import type { StepEvent } from "@looplab/server/protocol";

/** The first step after `step` that ran task `taskId`, or null. */
export function nextStepOf(steps: readonly StepEvent[], taskId: number, step: number): number | null {
  for (let index = Math.max(0, step); index < steps.length; index++) if (steps[index]!.taskId === taskId) return index + 1;
  return null;
}

/** The last step before `step` that ran task `taskId`, or null. */
export function previousStepOf(steps: readonly StepEvent[], taskId: number, step: number): number | null {
  for (let index = Math.min(step, steps.length) - 2; index >= 0; index--) if (steps[index]!.taskId === taskId) return index + 1;
  return null;
}

/** The editor's marks at a step: tasks suspended at a known line, grouped by line. */
export function parkedLines(tasks: Iterable<{ name: string; state: string; at?: { line: number } }>): { line: number; names: string[] }[] {
  const byLine = new Map<number, string[]>();
  for (const task of tasks) {
    if (task.state !== "waiting" || task.at === undefined) continue;
    const names = byLine.get(task.at.line);
    if (names === undefined) byLine.set(task.at.line, [task.name]);
    else names.push(task.name);
  }
  return [...byLine].map(([line, names]) => ({ line, names }));
}
