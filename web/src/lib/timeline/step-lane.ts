// One lane on the step axis: the slots its task ran in, the waits between them (coloured by
// what they wait on), the time it sat ready before the loop ran it, and where it ended.
// Positions are slots: step at position p fills [p, p + 1).

import type { StepEvent, TaskState, WaitTarget } from "@looplab/server/protocol";
import { type StateChange, TERMINAL_STATES } from "../task-record.ts";
import type { StepIndex } from "./step-index.ts";

export interface LanePiece {
  kind: "running" | "waiting" | "ready";
  start: number;
  end: number;
  /** A wait's target; absent where the lane handed control over without recording a wait. */
  waitingOn?: WaitTarget;
  /** A running piece's step number. */
  step?: number;
}

export interface StepLane {
  pieces: LanePiece[];
  /** The final state and the slot boundary where it was reached, or null while the task lives. */
  ending: { state: TaskState; at: number } | null;
}

/**
 * What a task waited on after each of its steps, matched by order: the task's n-th `running`
 * change is its n-th step, and the change after it says how that step ended. Null when the
 * counts disagree (a hand-off lane such as `main`, which hands over without waiting), as the
 * match would then be wrong. One step more than changes is a step whose change has not arrived.
 */
export function waitsAfterSteps(changes: readonly StateChange[], stepCount: number): (WaitTarget | undefined)[] | null {
  const waits: (WaitTarget | undefined)[] = [];
  for (let index = 0; index < changes.length; index++) {
    if (changes[index]!.state !== "running") continue;
    const next = changes[index + 1];
    waits.push(next?.state === "waiting" ? next.waitingOn : undefined);
  }
  return waits.length === stepCount || waits.length === stepCount - 1 ? waits : null;
}

/** The slot boundary from which a step was ready to run: after the step that scheduled it, or its timer's iteration. */
function readyFrom(steps: readonly StepEvent[], index: StepIndex, position: number, floor: number): number {
  const step = steps[position]!;
  let from: number;
  if (step.timer === true) from = index.iterationStart(step.iteration);
  else if (step.scheduledBy === 0) from = floor;
  else from = index.positionOf(steps, step.scheduledBy) + 1;
  return Math.min(position, Math.max(floor, from));
}

/** A lane's pieces over the whole run; `total` is the number of steps so far. */
export function stepLane(
  changes: readonly StateChange[],
  positions: readonly number[],
  steps: readonly StepEvent[],
  index: StepIndex,
  total: number,
): StepLane {
  const pieces: LanePiece[] = [];
  if (positions.length === 0) return { pieces, ending: null };
  const waits = waitsAfterSteps(changes, positions.length);
  const first = positions[0]!;
  const firstReady = steps[first]!.scheduledBy === 0 ? first : readyFrom(steps, index, first, 0);
  if (firstReady < first) pieces.push({ kind: "ready", start: firstReady, end: first });
  for (let order = 0; order < positions.length; order++) {
    const position = positions[order]!;
    const step = steps[position]!;
    const running: LanePiece = { kind: "running", start: position, end: position + 1, step: step.step };
    pieces.push(running);
    const next = positions[order + 1];
    const waitingOn = waits?.[order];
    if (next === undefined) break;
    const ready = readyFrom(steps, index, next, position + 1);
    if (ready > position + 1) pieces.push(waitPiece(position + 1, ready, waitingOn));
    if (next > ready) pieces.push({ kind: "ready", start: ready, end: next });
  }
  const last = positions.at(-1)! + 1;
  const finalChange = changes.at(-1);
  if (finalChange !== undefined && TERMINAL_STATES.has(finalChange.state))
    return { pieces, ending: { state: finalChange.state, at: last } };
  if (total > last) pieces.push(waitPiece(last, total, waits?.[positions.length - 1]));
  return { pieces, ending: null };
}

function waitPiece(start: number, end: number, waitingOn: WaitTarget | undefined): LanePiece {
  return waitingOn === undefined ? { kind: "waiting", start, end } : { kind: "waiting", start, end, waitingOn };
}

/** The piece under slot `position`, or null. */
export function pieceAt(lane: StepLane, position: number): LanePiece | null {
  let low = 0;
  let high = lane.pieces.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const piece = lane.pieces[middle]!;
    if (position < piece.start) high = middle - 1;
    else if (position >= piece.end) low = middle + 1;
    else return piece;
  }
  return null;
}

export interface WakeArrow {
  /** The position of the step that scheduled the other. */
  from: number;
  to: number;
}

/**
 * Who woke whom among the steps at positions [first, last): an arrow from the step that
 * scheduled a step to it, when they ran in different lanes (a lane's own wake-ups are the gap in
 * its bar), at most `limit` of them.
 */
export function wakeArrows(steps: readonly StepEvent[], index: StepIndex, first: number, last: number, limit: number): WakeArrow[] {
  const arrows: WakeArrow[] = [];
  for (let position = Math.max(0, first); position < Math.min(last, index.count) && arrows.length < limit; position++) {
    const step = steps[position]!;
    if (step.scheduledBy === 0 || step.timer === true) continue;
    const from = index.positionOf(steps, step.scheduledBy);
    if (from === -1 || index.laneOf[from] === index.laneOf[position]) continue;
    arrows.push({ from, to: position });
  }
  return arrows;
}
