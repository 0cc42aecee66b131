// The step of a run the page shows, shared by the timeline, the stepper, the loop panel and the
// editor: each reads it, and any of them may move it.

export class StepCursor {
  #step = $state(0);
  /** The task the learner follows (its lane is highlighted; "next step of this task" uses it). */
  selectedTaskId = $state<number | null>(null);
  /**
   * The cursor stays on the run's last step as steps arrive ("show at once", the default) until
   * someone moves it; `showAll` follows again.
   */
  following = $state(true);

  /** The step shown: 0 before the first step, n after step n ran (StepEvent.step). Setting it stops following. */
  get step(): number {
    return this.#step;
  }
  set step(value: number) {
    this.#step = value;
    this.following = false;
  }

  /** Selects a task to follow, or unselects it when it was selected. */
  toggleTask(taskId: number): void {
    this.selectedTaskId = this.selectedTaskId === taskId ? null : taskId;
  }

  /** Shows step `step`, clamped to 0..total. */
  moveTo(step: number, total: number): void {
    this.step = Math.max(0, Math.min(Math.round(step), total));
  }

  /** Follows the run's end again, showing its last step. */
  showAll(total: number): void {
    this.following = true;
    this.#step = total;
  }

  /** A run's steps grew to `total`: a following cursor moves to the new last step. */
  follow(total: number): void {
    if (this.following) this.#step = total;
  }
}
