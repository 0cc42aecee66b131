// What a page knows about one run (or one REPL session): its events folded into output, tasks
// with their state changes, and how it ended. The data are plain arrays and maps, mutated as
// events arrive; `version` is the one reactive value, bumped at most once per frame, so a run
// of 100,000 events redraws a few times a second instead of once per event.

import type { CompileErrorEvent, EndEvent, ErrorEvent, OutputEvent, ResourceEvent, RunEvent, StepEvent } from "@looplab/server/protocol";
import { StepLog } from "./steps/step-log.ts";
import { type Lane, laneOrder, type TaskRecord } from "./task-record.ts";

/**
 * How a run ended on the page's side: its end event, or the server or connection cut it short.
 * The page's own words are kept as a function that words them when shown, so a language switch
 * rewords an ending already on screen.
 */
export type Ending =
  | { kind: "end"; end: EndEvent }
  | { kind: "stopped"; words: () => string }
  | { kind: "lost" }
  | { kind: "refused"; words: () => string };

export class RunModel {
  /** Bumped whenever the data below changed; read it to redraw. */
  version = $state(0);

  /** Every event in the order it came, for a trace file. */
  readonly events: RunEvent[] = [];
  readonly outputs: OutputEvent[] = [];
  /** The events filed under the step they happened in, for the step-through view. */
  readonly log = new StepLog();
  /** Every task step and callback, in the order the loop ran them (step n is `steps[n - 1]`). */
  readonly steps: StepEvent[] = this.log.steps;
  /** Every lock, semaphore, event, condition, barrier and queue action, in order. */
  readonly resources: ResourceEvent[] = [];
  readonly tasks = new Map<number, TaskRecord>();
  compileError: CompileErrorEvent | null = null;
  error: ErrorEvent | null = null;
  ending: Ending | null = null;
  /** The latest time any event carried, in the run's seconds. */
  lastTime = 0;
  /** performance.now() when the latest event arrived, to extend live lanes on a real clock. */
  lastArrival = performance.now();

  private lanes: Lane[] | null = null;
  private bumpScheduled = false;

  constructor(readonly clock: "virtual" | "real") {}

  get ended(): boolean {
    return this.ending !== null;
  }

  add(event: RunEvent): void {
    if ("time" in event) this.lastTime = Math.max(this.lastTime, event.time);
    this.lastArrival = performance.now();
    this.log.add(event);
    this.events.push(event);
    switch (event.type) {
      case "output":
        this.outputs.push(event);
        break;
      case "task-spawned":
        this.tasks.set(event.taskId, {
          id: event.taskId,
          name: event.name,
          parentId: event.parentId,
          coroutine: event.coroutine,
          spawnedAt: event.time,
          changes: [],
        });
        this.lanes = null;
        break;
      case "task-state": {
        const task = this.tasks.get(event.taskId);
        if (task === undefined) break;
        task.changes.push(
          event.waitingOn === undefined
            ? { time: event.time, state: event.state }
            : { time: event.time, state: event.state, waitingOn: event.waitingOn },
        );
        if (event.result !== undefined) task.result = event.result;
        if (event.error !== undefined) task.error = event.error;
        break;
      }
      case "compile-error":
        this.compileError = event;
        break;
      case "error":
        this.error = event;
        break;
      case "end":
        this.ending = { kind: "end", end: event };
        this.lastTime = Math.max(this.lastTime, event.counters.virtualSeconds);
        break;
      case "step":
        break;
      case "resource":
        this.resources.push(event);
        break;
      case "result":
        break;
    }
    this.changed();
  }

  finish(ending: Ending): void {
    if (this.ending !== null) return;
    this.ending = ending;
    this.changed();
  }

  /** The end of the time axis: the run's last time, or now while a real-clock run is live. */
  now(): number {
    if (this.clock === "virtual" || this.ended) return this.lastTime;
    return this.lastTime + (performance.now() - this.lastArrival) / 1000;
  }

  /** Every task, each parent followed by its children, in the order they were spawned. */
  laneOrder(): Lane[] {
    this.lanes ??= laneOrder(this.tasks.values(), this.tasks);
    return this.lanes;
  }

  private changed(): void {
    if (this.bumpScheduled) return;
    this.bumpScheduled = true;
    const bump = () => {
      if (!this.bumpScheduled) return;
      this.bumpScheduled = false;
      this.version += 1;
    };
    // Frames do not come in a background tab; the timer keeps the model current there.
    requestAnimationFrame(bump);
    setTimeout(bump, 100);
  }
}
