// The timeline's arithmetic, apart from drawing: a task's segments up to a cursor, which
// segment lies under a point, and the time axis's ticks. Times are the run's seconds.

import type { TaskState, WaitTarget } from "@looplab/server/protocol";
import { type TaskRecord, TERMINAL_STATES } from "./task-record.ts";

export interface Segment {
  state: TaskState;
  start: number;
  /** Equal to start for the instant a task reached its final state. */
  end: number;
  waitingOn?: WaitTarget;
  /** The final state: drawn as a mark, the lane ends there. */
  terminal: boolean;
}

/**
 * A task's life up to `cursor`: one segment per state, the last open one reaching `now`.
 * A task spawned but not yet scheduled is pending from its spawn time.
 */
export function segmentsOf(task: TaskRecord, cursor: number, now: number): Segment[] {
  const segments: Segment[] = [];
  if (task.spawnedAt > cursor) return segments;
  const changes = task.changes;
  const until = Math.min(cursor, now);
  if (changes.length === 0 || changes[0]!.time > task.spawnedAt) {
    const end = Math.min(changes[0]?.time ?? until, until);
    segments.push({ state: "pending", start: task.spawnedAt, end, terminal: false });
  }
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]!;
    if (change.time > cursor) break;
    const terminal = TERMINAL_STATES.has(change.state);
    const next = changes[index + 1];
    const end = terminal ? change.time : Math.min(next !== undefined ? next.time : until, until);
    const segment: Segment = { state: change.state, start: change.time, end: Math.max(end, change.time), terminal };
    if (change.waitingOn !== undefined) segment.waitingOn = change.waitingOn;
    segments.push(segment);
  }
  return segments;
}

/**
 * The segment drawn under time `time`, allowing `slack` seconds either side so instants (zero
 * length on a virtual clock) can be pointed at; the latest segment wins where several overlap.
 */
export function segmentAt(segments: Segment[], time: number, slack: number): Segment | null {
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index]!;
    if (time >= segment.start - slack && time <= segment.end + slack) return segment;
  }
  return null;
}

/** The state a task was in at `time` (its last change at or before it), or null before its spawn. */
export function stateAt(task: TaskRecord, time: number): TaskState | null {
  if (time < task.spawnedAt) return null;
  let state: TaskState = "pending";
  for (const change of task.changes) {
    if (change.time > time) break;
    state = change.state;
  }
  return state;
}

/** Tick step: 1, 2 or 5 times a power of ten, giving about `count` ticks over `span`. */
export function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return factor * power;
}

export function ticks(span: number, count: number): number[] {
  if (!(span > 0)) return [0];
  const step = tickStep(span, count);
  const result: number[] = [];
  // Rounded so 0.1 + 0.2 prints as 0.3.
  for (let index = 0; index * step <= span + step * 1e-9; index++) result.push(Number((index * step).toPrecision(12)));
  return result;
}

/** The ids of the tasks a wait points at, to link the segment to their lanes. */
export function awaitedTaskIds(waitingOn: WaitTarget | undefined): number[] {
  if (waitingOn === undefined) return [];
  if (waitingOn.kind === "task") return [waitingOn.taskId];
  if (waitingOn.kind === "tasks") return waitingOn.taskIds;
  return [];
}
