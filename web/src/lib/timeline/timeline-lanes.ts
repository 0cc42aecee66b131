// Which lanes the timeline draws, in order: one per task (children under their parent), and on
// the step axis one for the loop's own callbacks; and how a lane is named.

import { m } from "../../paraglide/messages.js";
import type { RunModel } from "../run-model.svelte.ts";
import type { TaskRecord } from "../task-record.ts";
import { CALLBACK_LANE } from "./step-index.ts";

export type TimelineAxis = "steps" | "clock";

export interface DrawnLane {
  /** The task's id, or CALLBACK_LANE. */
  key: number;
  task: TaskRecord | null;
  depth: number;
}

export function drawnLanes(model: RunModel, axis: TimelineAxis): DrawnLane[] {
  const order = model.laneOrder();
  const drawn: DrawnLane[] = [];
  for (let row = 0; row < order.length; row++) {
    const { task, depth } = order[row]!;
    // A REPL input runs as a top-level task of the module's code: it gets a lane only when it
    // started tasks of its own (the next lane is its child), so `1 + 1` adds none.
    const replInput = model.clock === "real" && task.parentId === null && task.coroutine === "<module>";
    if (replInput && (order[row + 1]?.depth ?? 0) === 0) continue;
    drawn.push({ key: task.id, task, depth });
  }
  // The loop's own callbacks are slots too, so they get a lane of their own on the step axis.
  if (axis === "steps" && model.steps.some((step) => step.taskId === undefined))
    drawn.unshift({ key: CALLBACK_LANE, task: null, depth: 0 });
  return drawn;
}

/** A lane's name and its coroutine call, as its label shows them. */
export function laneName(lane: DrawnLane): { name: string; call: string } {
  if (lane.task === null) return { name: m.timeline_lane_callbacks(), call: "" };
  const coroutine = lane.task.coroutine;
  return { name: lane.task.name, call: coroutine === "" ? "" : coroutine.startsWith("<") ? coroutine : `${coroutine}()` };
}
