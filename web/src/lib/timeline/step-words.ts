// How the timeline's tooltip and its text for screen readers name tasks and steps.

import { formatSeconds } from "../messages.ts";
import type { RunModel } from "../run-model.svelte.ts";
import type { StepIndex } from "./step-index.ts";

/** A task's name, or "the loop" for none. */
export function taskName(model: RunModel, taskId: number | undefined): string {
  if (taskId === undefined) return "the loop";
  return model.tasks.get(taskId)?.name ?? `task ${taskId}`;
}

/** The step that scheduled a step, named with what ran in it. */
export function wokenBy(model: RunModel, index: StepIndex, step: number): string {
  if (step === 0) return "the run's start";
  const by = model.steps[index.positionOf(model.steps, step)];
  return by === undefined ? `step ${step}` : `step ${step} (${by.callback ?? taskName(model, by.taskId)})`;
}

/** One step in a sentence, as the list of steps for screen readers says it. */
export function describeStep(model: RunModel, index: StepIndex, position: number): string {
  const step = model.steps[position]!;
  return (
    `step ${step.step}, iteration ${step.iteration}, at ${formatSeconds(step.time)}: ` +
    `${step.callback === undefined ? `${taskName(model, step.taskId)} ran` : `callback ${step.callback}`}` +
    `${step.cancelled === true ? ", delivering a cancellation" : ""}, scheduled by ${wokenBy(model, index, step.scheduledBy)}`
  );
}
