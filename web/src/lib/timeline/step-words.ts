// How the timeline's tooltip and its text for screen readers name tasks and steps.

import type { StepEvent } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";
import { formatSeconds } from "../messages.ts";
import type { RunModel } from "../run-model.svelte.ts";
import type { StepIndex } from "./step-index.ts";

/** A task's name, or "the loop" for none. */
export function taskName(model: RunModel, taskId: number | undefined): string {
  if (taskId === undefined) return m.step_words_the_loop();
  return model.tasks.get(taskId)?.name ?? m.step_words_task({ id: taskId });
}

/** The step that scheduled a step, named with what ran in it. */
export function wokenBy(model: RunModel, index: StepIndex, step: number): string {
  if (step === 0) return m.step_words_run_start();
  const by = model.steps[index.positionOf(model.steps, step)];
  return by === undefined ? m.tooltip_step({ step }) : m.step_words_step_by({ step, by: by.callback ?? taskName(model, by.taskId) });
}

/** What a step did with a CancelledError, if anything; `delivers`: it delivered a requested cancellation. */
export function cancelWords(step: StepEvent, delivers: boolean): string | null {
  if (delivers) return m.step_words_delivering();
  return step.cancelled === true ? m.step_words_cancelled() : null;
}

/** One step in a sentence, as the list of steps for screen readers says it. */
export function describeStep(model: RunModel, index: StepIndex, position: number, delivers: boolean): string {
  const step = model.steps[position]!;
  const cancel = cancelWords(step, delivers);
  const words = {
    step: step.step,
    iteration: step.iteration,
    time: formatSeconds(step.time),
    what:
      step.callback === undefined
        ? m.step_words_task_ran({ name: taskName(model, step.taskId) })
        : m.step_words_callback({ callback: step.callback }),
    by: wokenBy(model, index, step.scheduledBy),
  };
  return cancel === null ? m.step_words_step(words) : m.step_words_step_cancel({ ...words, cancel });
}
