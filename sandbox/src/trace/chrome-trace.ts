// A run's events as a Chrome Trace Event file, the JSON that Perfetto (ui.perfetto.dev) and
// chrome://tracing open. Pure: RunEvent[] in, the trace object out; `looplab run --trace` writes it.
//
// What the file shows, in one process:
// - a thread per task ("Task-2 worker"), and one for the event loop, which holds the loop's own
//   callbacks (timers, callSoon, done-callbacks) and the snippet's top-level code;
// - on each such thread, a slice per step the loop ran (`X`), with the step's number, loop
//   iteration and virtual time in its args;
// - an async track per task (`b`/`e`, category "task", id the task's id): a slice for the task's
//   whole life, and nested in it a slice per state: pending, running, "waiting: <what>";
// - a flow arrow (`s` → `f`) from the step that scheduled a step (its `scheduledBy`: the task
//   that completed the future, released the lock, put to the queue, or the timer) to that step;
// - an instant event (`i`, thread scope) for each write to stdout or stderr (args: the text),
//   each lock, queue, event... action, each task's end, each step of a cancellation's story (on
//   the thread of the task it is about: requested by whom, delivered, swallowed, uncancelled,
//   shielded); the error, if any, in global scope.
//
// Time. `ts` is in microseconds. Many steps share one instant of the virtual clock (a sleep(0)
// ping-pong runs entirely at t = 0), and on the virtual clock alone they would have no width and
// no order. So each step gets STEP_US microseconds of its own: a step starts at its virtual time,
// or right after the previous step when that is later. Virtual time is exact wherever the run is
// not busy, and a burst of zero-time steps becomes a visible row of slices that pushes the clock
// ahead by a few microseconds at most per step (the steps' args keep the exact virtual time).
// One axis, rather than a second "step" axis beside virtual time, because the viewers draw all
// tracks on one time line and flows must join slices on the same axis. The events inside a step
// (state changes, output) are spread in order across the middle of its slice.

import type { RunEvent, StepEvent, TaskState } from "../protocol-events.js";

/** The phases this converter writes, from the Trace Event Format. */
export type TracePhase = "X" | "b" | "e" | "i" | "s" | "f" | "M";

export interface TraceEvent {
  name: string;
  ph: TracePhase;
  /** Microseconds. */
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  /** An `X` slice's duration in microseconds. */
  dur?: number;
  /** Async slices (`b`/`e`) and flows (`s`/`f`) pair by category, id (and name for flows). */
  id?: number;
  /** An instant's scope: global, process or thread. */
  s?: "g" | "p" | "t";
  /** A flow end's binding point: "e", the enclosing slice. */
  bp?: "e";
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: "ns";
  /** How the run ended, and its counters; viewers show it as the trace's metadata. */
  otherData: Record<string, unknown>;
}

export interface ChromeTraceOptions {
  /** The process's name in the viewer (default "looplab"), e.g. the snippet's file. */
  processName?: string;
}

/** The width given to each step, in microseconds (see "Time" above). */
export const STEP_US = 1;

const PID = 1;
/** Where within its step's slice a flow arrow starts or ends: before any event of the step. */
const FLOW_OFFSET = 0.05;
/** The events inside a step lie between these fractions of its slice. */
const INNER_FROM = 0.1;
const INNER_TO = 0.9;

/** Virtual seconds to microseconds, rounded to the nanosecond so that 0.1 s is 100000 µs. */
function micros(seconds: number): number {
  return roundNs(seconds * 1e6);
}

function roundNs(us: number): number {
  return Math.round(us * 1000) / 1000;
}

/** A step and the events recorded after it, before the next step (or the events before the first). */
interface Segment {
  step: StepEvent | null;
  events: RunEvent[];
  start: number;
}

function segments(events: readonly RunEvent[]): Segment[] {
  const result: Segment[] = [];
  let current: Segment = { step: null, events: [], start: 0 };
  for (const event of events) {
    if (event.type === "step") {
      if (current.step !== null || current.events.length > 0) result.push(current);
      current = { step: event, events: [], start: 0 };
    } else {
      current.events.push(event);
    }
  }
  if (current.step !== null || current.events.length > 0) result.push(current);
  // Each segment starts at its virtual time, or STEP_US after the previous one when that is later.
  let next = 0;
  for (const segment of result) {
    const first = segment.step ?? segment.events.find((event) => "time" in event);
    const time = first !== undefined && "time" in first ? micros(first.time) : next;
    segment.start = roundNs(Math.max(time, next));
    next = segment.start + STEP_US;
  }
  return result;
}

interface TaskTrack {
  tid: number;
  /** The name of the open state slice, or null when none is open. */
  openState: string | null;
  /** The lifetime slice's name while it is open. */
  openLife: string | null;
}

function stateName(state: TaskState, label: string | undefined): string {
  if (state === "waiting") return label === undefined ? "waiting" : `waiting: ${label}`;
  return state;
}

/** Cuts a text to one line of at most 60 characters, for an event's name (the args keep it whole). */
function shortText(text: string): string {
  const line = text.replace(/\n$/, "").replace(/\n/g, "⏎");
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function toChromeTrace(events: readonly RunEvent[], options: ChromeTraceOptions = {}): ChromeTrace {
  const out: TraceEvent[] = [];
  const tasks = new Map<number, TaskTrack>();
  let maxTaskId = 0;
  for (const event of events) if (event.type === "task-spawned") maxTaskId = Math.max(maxTaskId, event.taskId);
  // Task threads use the task's id; the loop's thread comes after them (tid 0 is the idle
  // "swapper" thread to Perfetto, so no track uses it).
  const loopTid = maxTaskId + 1;

  const meta: TraceEvent[] = [
    { name: "process_name", ph: "M", ts: 0, pid: PID, tid: loopTid, args: { name: options.processName ?? "looplab" } },
    { name: "thread_name", ph: "M", ts: 0, pid: PID, tid: loopTid, args: { name: "event loop" } },
    { name: "thread_sort_index", ph: "M", ts: 0, pid: PID, tid: loopTid, args: { sort_index: -1 } },
  ];

  /** The trace time of each step's slice, by step number, for flows. */
  const stepStart = new Map<number, { ts: number; tid: number }>();
  let last = 0;

  const closeState = (task: TaskTrack, taskId: number, ts: number, args?: Record<string, unknown>): void => {
    if (task.openState === null) return;
    out.push({ name: task.openState, ph: "e", ts, pid: PID, tid: task.tid, cat: "task", id: taskId, ...(args && { args }) });
    task.openState = null;
  };

  for (const segment of segments(events)) {
    const { step, start } = segment;
    let threadTid = loopTid;
    let runningTask: number | null = null;
    if (step !== null) {
      if (step.taskId !== undefined) {
        runningTask = step.taskId;
        threadTid = tasks.get(step.taskId)?.tid ?? step.taskId;
      }
      stepStart.set(step.step, { ts: start, tid: threadTid });
      const name = step.taskId !== undefined ? `step ${step.step}` : `${step.callback ?? "callback"}()`;
      out.push({
        name: step.cancelled ? `${name} (cancelled)` : name,
        ph: "X",
        ts: start,
        dur: STEP_US,
        pid: PID,
        tid: threadTid,
        cat: step.taskId !== undefined ? "step" : "callback",
        args: {
          step: step.step,
          iteration: step.iteration,
          time: step.time,
          scheduledBy: step.scheduledBy,
          ...(step.timer && { timer: true }),
          ...(step.cancelled && { cancelled: true }),
        },
      });
      const source = stepStart.get(step.scheduledBy);
      if (source !== undefined) {
        // Flow v1: `s` inside the scheduling step's slice, `f` bound ("bp": "e") to the slice
        // that encloses it, this step's. One flow per step, so the step number is its id.
        const flowName = step.timer ? "timer" : step.cancelled ? "cancel" : "wake-up";
        const common = { name: flowName, cat: "wake-up", pid: PID, id: step.step } as const;
        out.push({ ...common, ph: "s", ts: roundNs(source.ts + FLOW_OFFSET * STEP_US), tid: source.tid });
        out.push({ ...common, ph: "f", bp: "e", ts: roundNs(start + FLOW_OFFSET * STEP_US), tid: threadTid });
      }
    }
    const count = segment.events.length;
    segment.events.forEach((event, index) => {
      const ts = roundNs(start + STEP_US * (INNER_FROM + ((INNER_TO - INNER_FROM) * (index + 1)) / (count + 1)));
      last = Math.max(last, ts);
      // Events after the step's task stopped running (or outside any task) are the loop's.
      const tid = runningTask === null ? loopTid : (tasks.get(runningTask)?.tid ?? runningTask);
      switch (event.type) {
        case "task-spawned": {
          const track: TaskTrack = { tid: event.taskId, openState: null, openLife: `${event.name} ${event.coroutine}` };
          tasks.set(event.taskId, track);
          meta.push({ name: "thread_name", ph: "M", ts: 0, pid: PID, tid: track.tid, args: { name: `${event.name} ${event.coroutine}` } });
          meta.push({ name: "thread_sort_index", ph: "M", ts: 0, pid: PID, tid: track.tid, args: { sort_index: event.taskId } });
          out.push({
            name: track.openLife as string,
            ph: "b",
            ts,
            pid: PID,
            tid: track.tid,
            cat: "task",
            id: event.taskId,
            args: { taskId: event.taskId, name: event.name, coroutine: event.coroutine, parentId: event.parentId },
          });
          break;
        }
        case "task-state": {
          const task = tasks.get(event.taskId);
          if (task === undefined) break;
          const ended = event.state === "done" || event.state === "failed" || event.state === "cancelled";
          closeState(task, event.taskId, ts);
          if (event.taskId === runningTask && event.state !== "running") runningTask = null;
          if (ended) {
            const outcome = event.state === "done" ? { result: event.result } : { error: event.error };
            out.push({
              name: event.state === "done" ? "done" : `${event.state}${event.error === undefined ? "" : `: ${shortText(event.error)}`}`,
              ph: "i",
              s: "t",
              ts,
              pid: PID,
              tid: task.tid,
              cat: "task",
              args: { state: event.state, ...outcome },
            });
            if (task.openLife !== null) {
              out.push({
                name: task.openLife,
                ph: "e",
                ts,
                pid: PID,
                tid: task.tid,
                cat: "task",
                id: event.taskId,
                args: { state: event.state, ...outcome },
              });
              task.openLife = null;
            }
          } else if (task.openLife !== null) {
            task.openState = stateName(event.state, event.waitingOn?.label);
            out.push({
              name: task.openState,
              ph: "b",
              ts,
              pid: PID,
              tid: task.tid,
              cat: "task",
              id: event.taskId,
              args: { state: event.state, ...(event.waitingOn && { waitingOn: event.waitingOn }) },
            });
          }
          break;
        }
        case "output":
          out.push({
            name: `${event.stream}: ${shortText(event.text)}`,
            ph: "i",
            s: "t",
            ts,
            pid: PID,
            tid,
            cat: "output",
            args: { stream: event.stream, text: event.text },
          });
          break;
        case "resource": {
          const { type: _type, step: _step, time: _time, ...args } = event;
          const label = `${event.kind[0]?.toUpperCase()}${event.kind.slice(1)} #${event.objectId}`;
          const actor = event.taskId === undefined ? loopTid : (tasks.get(event.taskId)?.tid ?? tid);
          out.push({ name: `${label} ${event.action}`, ph: "i", s: "t", ts, pid: PID, tid: actor, cat: "resource", args });
          break;
        }
        case "cancel": {
          const { type: _type, step: _step, time: _time, ...args } = event;
          const by = event.by === undefined ? "" : ` by ${event.by}`;
          const about = tasks.get(event.taskId)?.tid ?? tid;
          out.push({ name: `cancel ${event.action}${by}`, ph: "i", s: "t", ts, pid: PID, tid: about, cat: "cancel", args });
          break;
        }
        case "error":
          out.push({
            name: `${event.name}: ${shortText(event.message)}`,
            ph: "i",
            s: "g",
            ts,
            pid: PID,
            tid,
            cat: "error",
            args: { name: event.name, message: event.message, traceback: event.traceback },
          });
          break;
        case "result":
          out.push({
            name: `result: ${shortText(event.value)}`,
            ph: "i",
            s: "t",
            ts,
            pid: PID,
            tid,
            cat: "result",
            args: { value: event.value },
          });
          break;
        // compile-error and end have no time: the end goes to otherData below.
      }
    });
    if (step !== null) last = Math.max(last, start + STEP_US);
  }

  // A run cut short (deadlock, limit, stop) leaves tasks waiting: their slices end with the trace.
  const endTs = roundNs(last);
  for (const [taskId, task] of tasks) {
    closeState(task, taskId, endTs, { unfinished: true });
    if (task.openLife !== null) {
      out.push({ name: task.openLife, ph: "e", ts: endTs, pid: PID, tid: task.tid, cat: "task", id: taskId, args: { unfinished: true } });
      task.openLife = null;
    }
  }

  const end = events.findLast((event) => event.type === "end");
  const compileError = events.find((event) => event.type === "compile-error");
  return {
    // Metadata first, then by time; the sort is stable, so events at one time keep their order
    // (an async slice's inner end before its outer end).
    traceEvents: [...meta, ...out.sort((a, b) => a.ts - b.ts)],
    displayTimeUnit: "ns",
    otherData: {
      generator: "looplab run --trace",
      stepMicroseconds: STEP_US,
      ...(end && {
        reason: end.reason,
        ...(end.limit !== undefined && { limit: end.limit }),
        ...(end.message !== undefined && { message: end.message }),
        ...end.counters,
      }),
      ...(compileError && { compileError: compileError.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`) }),
    },
  };
}
