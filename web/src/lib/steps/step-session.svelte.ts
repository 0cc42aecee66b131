// The step-through state of the run a page shows, kept by the program tab and by the widget: the
// cursor every panel reads and moves, the player, the view at the cursor's step, and what the
// editor and the console show there.

import { m } from "../../paraglide/messages.js";
import type { StepMarks } from "../editor.ts";
import type { RunModel } from "../run-model.svelte.ts";
import { StepCursor } from "./step-cursor.svelte.ts";
import { StepPlayer } from "./step-player.svelte.ts";
import { type StepView, StepViewer } from "./step-view.ts";
import { parkedLines } from "./task-steps.ts";

export class StepSession {
  readonly cursor = new StepCursor();
  readonly player = new StepPlayer(this.cursor, () => this.model?.steps.length ?? 0);
  /** The run shown; set it through `show`. */
  model = $state.raw<RunModel | null>(null);

  /** The viewer of the run shown, made once per run (a plain cache, not state). */
  #viewer: { model: RunModel; viewer: StepViewer } | null = null;

  /** What the view shows at the cursor's step (the run's last step while following). */
  readonly view: StepView | null = $derived.by(() => {
    const model = this.model;
    if (model === null) return null;
    model.version;
    if (this.#viewer?.model !== model) this.#viewer = { model, viewer: new StepViewer(model.log) };
    return this.#viewer.viewer.at(this.cursor.following ? model.steps.length : this.cursor.step, model.error?.deadlock ?? null);
  });

  /** The outputs the console shows: those written up to the step, or all of them while following. */
  readonly outputCount: number | undefined = $derived(this.cursor.following ? undefined : this.view?.outputCount);

  /** The running task's line and each parked task's await at the step; none while following. */
  readonly marks: StepMarks | null = $derived.by(() => {
    const view = this.view;
    if (view === null || this.cursor.following) return null;
    // Its first step has no line it resumed at: then the await it stopped at.
    const running = view.resumedAt?.line ?? view.runningTask?.at?.line ?? null;
    const parked = parkedLines(view.tasks).map((entry) => ({
      ...entry,
      title: m.editor_suspended_here({ names: entry.names.join(m.list_separator()) }),
    }));
    return { running, parked };
  });

  /** Shows a new run from its end, with no task selected and the player stopped. */
  show(model: RunModel | null): void {
    this.player.pause();
    this.cursor.showAll(0);
    this.cursor.selectedTaskId = null;
    this.model = model;
  }

  /** Keeps a following cursor on the run's last step as steps arrive; call it from an effect. */
  followRun(): void {
    const model = this.model;
    if (model === null) return;
    model.version;
    this.cursor.follow(model.steps.length);
  }
}
