// How the timeline's tooltip and its text for screen readers name tasks and steps.

import type { StepEvent } from "@looplab/server/protocol";
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

/** What a step did with a CancelledError, if anything; `delivers`: it delivered a requested cancellation. */
export function cancelWords(step: StepEvent, delivers: boolean): string | null {
  if (delivers) return "delivering a cancellation";
  return step.cancelled === true ? "resumed by a CancelledError from what it awaited" : null;
}

/** One step in a sentence, as the list of steps for screen readers says it. */
export function describeStep(model: RunModel, index: StepIndex, position: number, delivers: boolean): string {
  const step = model.steps[position]!;
  const cancel = cancelWords(step, delivers);
  return (
    `step ${step.step}, iteration ${step.iteration}, at ${formatSeconds(step.time)}: ` +
    `${step.callback === undefined ? `${taskName(model, step.taskId)} ran` : `callback ${step.callback}`}` +
    `${cancel === null ? "" : `, ${cancel}`}, scheduled by ${wokenBy(model, index, step.scheduledBy)}`
  );
}
