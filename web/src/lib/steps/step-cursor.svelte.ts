// The step of a run the page shows, shared by the timeline, the stepper, the loop panel and the
// editor: each reads it, and any of them may move it.

export class StepCursor {
  /** The step shown: 0 before the first step, n after step n ran (StepEvent.step). */
  step = $state(0);
  /** The task the learner follows (its lane is highlighted; "next step of this task" uses it). */
  selectedTaskId = $state<number | null>(null);
}
