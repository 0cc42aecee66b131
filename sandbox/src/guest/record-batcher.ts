// Collects a run's records inside QuickJS and hands them to the host in batches: a host call
// costs about 4 µs, so one per event would dominate task-heavy runs. A batch goes out when it
// is full or a few milliseconds old; a snippet that records something and then computes for a
// while records nothing more, so the host also drains the batch from its interrupt handler.
// It is the runtime's RecordSink: the events made at every step are written as numbers into a
// typed array, handed to the host as bytes, their strings once per batch (compact-records.ts),
// with no object per event; the rest are objects, encoded as JSON when the batch goes.
// Invariants: past a limit nothing more is recorded (the host stops the run at its next
// interrupt poll); drain() takes nothing while a method here is half-way through; #room never
// lets a record past the events limit, out of its batch's numbers, or a batch's age unread for
// more than AGE_CHECK_INTERVAL records.

import type { FinishedTaskState, ResourceAction, ResourceKind, RuntimeEvent, WaitTarget } from "@looplab/runtime/events";
import type { RecordSink } from "@looplab/runtime/record-sink";
import { unpackSite } from "@looplab/runtime/sites";
import { ArrayBufferOf, createObject, Float64ArrayOf, max, min, now, sliceString } from "./captured-intrinsics.js";
import {
  CALLBACK_STEP_TIMER,
  FINISHED_TASK_STATES,
  MAX_BATCH_NUMBERS,
  MAX_BATCH_RECORDS,
  RESOURCE_ACTIONS,
  RESOURCE_KINDS,
  RecordKind,
  TASK_STEP_CANCELLED,
  TASK_STEP_RUNNING,
  WAIT_KINDS,
  WAIT_NUMBER_FIELDS,
} from "./compact-records.js";
import type { GuestHost, GuestLimits, GuestRecord } from "./guest-protocol.js";
import { encodeJson } from "./record-encoder.js";

const MAX_BATCH_AGE_MS = 5;
/** Room left for the longest record and its TIME: a batch with less goes out. */
const NUMBERS_HEADROOM = 12;
/** The batch's age is read at every this many records at most (Date.now is a native call). */
const AGE_CHECK_INTERVAL = 16;

/** A name to its index in a list, on an object no prototype of a snippet's can change. */
function indexOf<Name extends string>(names: readonly Name[]): { readonly [name in Name]: number } {
  const index = createObject(null) as { [name in Name]: number };
  names.forEach((name, position) => {
    index[name] = position;
  });
  return index;
}

const WAIT_KIND_INDEX = indexOf(WAIT_KINDS);
const RESOURCE_KIND_INDEX = indexOf(RESOURCE_KINDS);
const RESOURCE_ACTION_INDEX = indexOf(RESOURCE_ACTIONS);
const FINISHED_STATE_INDEX = indexOf(FINISHED_TASK_STATES);

/** Set by RecordBatcher's static block: appends a record of the sandbox's own (see recordOwn). */
let appendOwn: (batcher: RecordBatcher, record: GuestRecord) => void;

/**
 * A record of the sandbox's own (result, error, input markers): never dropped, never counted.
 * Not a method: a snippet reaches the batcher through the loop's instrument, and must not add
 * records that no limit counts.
 */
export function recordOwn(batcher: RecordBatcher, record: GuestRecord): void {
  appendOwn(batcher, record);
}

export class RecordBatcher implements RecordSink {
  static {
    appendOwn = (batcher, record) => batcher.#append(record);
  }

  // Private: a snippet reaches this object (the loop's instrument holds it), not the host's functions or the limits.
  readonly #host: GuestHost;
  readonly #limits: GuestLimits;
  #buffer = new ArrayBufferOf(MAX_BATCH_NUMBERS * 8);
  #numbers = new Float64ArrayOf(this.#buffer);
  #count = 0;
  /** The batch's records, counted as the budget counts them (a step with its running state is 2). */
  #records = 0;
  /**
   * What a record may take without a look at the counts: the least of the events left under the
   * limit, the records left in the batch, the records its numbers surely hold, and the records
   * until the batch's age is read. Each record takes what it counts for, and only one that finds
   * too little calls #makeRoom: a record costs QuickJS one decrement, not four counts and checks.
   * What was taken since #granted is added to the counts by #settle.
   */
  #room = 0;
  #granted = 0;
  #objects: GuestRecord[] = [];
  #strings: string[] = [];
  #stringIndex: Record<string, number> = createObject(null);
  /**
   * The last wait target written, and its kind, number and label as written: the runtime shares
   * one target object among the waits on a lock, a queue or the next iteration, so a task that
   * waits on the same thing again costs one comparison, not three lookups. Forgotten with the batch's strings.
   */
  #target: WaitTarget | null = null;
  #targetKind = 0;
  #targetNumber = 0;
  #targetLabel = 0;
  /** The time of the batch's last TIME record; NaN before the first. */
  #time = Number.NaN;
  #sinceAgeCheck = 0;
  /** The first record goes out at once: it is what a person waits for after pressing Run. */
  #lastFlush = Number.NEGATIVE_INFINITY;
  #events = 0;
  #outputBytes = 0;
  #overLimit = false;
  #busy = false;

  constructor(host: GuestHost, limits: GuestLimits) {
    this.#host = host;
    this.#limits = limits;
  }

  /** A runtime event; output events count against the output limit. */
  event(event: GuestRecord): void {
    this.#busy = true;
    try {
      if (--this.#room < 0 && !this.#makeRoom(1)) return;
      this.#countEvent(event);
    } finally {
      this.#busy = false;
    }
  }

  taskStep(
    step: number,
    iteration: number,
    time: number,
    scheduledBy: number,
    taskId: number,
    cancelled: boolean,
    site: number,
    running: boolean,
  ): void {
    // #begin is written out here and in taskWaiting, the two records of every step: a call costs
    // QuickJS about as much as the record's numbers.
    this.#busy = true;
    // The running state is an event of its own for the budget, written as a flag of the step.
    const events = running ? 2 : 1;
    if ((this.#room -= events) < 0 && !this.#makeRoom(events)) {
      this.#busy = false;
      return;
    }
    const numbers = this.#numbers;
    let at = this.#count;
    if (time !== this.#time) {
      this.#time = time;
      numbers[at++] = RecordKind.TIME;
      numbers[at++] = time;
    }
    numbers[at++] = RecordKind.TASK_STEP;
    numbers[at++] = step;
    numbers[at++] = iteration;
    numbers[at++] = scheduledBy;
    numbers[at++] = taskId;
    numbers[at++] = site;
    numbers[at++] = (cancelled ? TASK_STEP_CANCELLED : 0) + (running ? TASK_STEP_RUNNING : 0);
    this.#count = at;
    this.#busy = false;
  }

  taskSpawned(time: number, taskId: number, name: string, parentId: number | null, coroutine: string): void {
    // The pending state is an event of its own for the budget, as a step's running state is.
    if (!this.#begin(time, 2)) return;
    // A task's name is most often its own ("Task-7"): added, not looked up.
    const nameField = this.#add(name);
    const coroutineField = this.#intern(coroutine);
    const numbers = this.#numbers;
    let at = this.#count;
    numbers[at++] = RecordKind.TASK_SPAWNED;
    numbers[at++] = taskId;
    numbers[at++] = parentId === null ? -1 : parentId;
    numbers[at++] = nameField;
    numbers[at++] = coroutineField;
    this.#count = at;
    this.#busy = false;
  }

  taskFinished(time: number, taskId: number, state: FinishedTaskState, outcome: string): void {
    if (!this.#begin(time)) return;
    const outcomeField = this.#intern(outcome);
    const numbers = this.#numbers;
    let at = this.#count;
    numbers[at++] = RecordKind.TASK_FINISHED;
    numbers[at++] = taskId;
    numbers[at++] = FINISHED_STATE_INDEX[state];
    numbers[at++] = outcomeField;
    this.#count = at;
    this.#busy = false;
  }

  callbackStep(step: number, iteration: number, time: number, scheduledBy: number, callback: string, timer: boolean): void {
    if (!this.#begin(time)) return;
    const name = this.#intern(callback);
    const numbers = this.#numbers;
    let at = this.#count;
    numbers[at++] = RecordKind.CALLBACK_STEP;
    numbers[at++] = step;
    numbers[at++] = iteration;
    numbers[at++] = scheduledBy;
    numbers[at++] = name;
    numbers[at++] = timer ? CALLBACK_STEP_TIMER : 0;
    this.#count = at;
    this.#busy = false;
  }

  taskRunning(time: number, taskId: number): void {
    if (!this.#begin(time)) return;
    const numbers = this.#numbers;
    numbers[this.#count] = RecordKind.RUNNING;
    numbers[this.#count + 1] = taskId;
    this.#count += 2;
    this.#busy = false;
  }

  taskWaiting(time: number, taskId: number, waitingOn: WaitTarget, site: number): void {
    if (waitingOn.kind === "tasks") {
      const event: RuntimeEvent = { type: "task-state", time, taskId, state: "waiting", waitingOn };
      const at = unpackSite(site);
      if (at !== null) event.at = at;
      this.event(event);
      return;
    }
    this.#busy = true;
    if (--this.#room < 0 && !this.#makeRoom(1)) {
      this.#busy = false;
      return;
    }
    if (waitingOn !== this.#target) {
      const field = WAIT_NUMBER_FIELDS[waitingOn.kind];
      const number = field === null ? 0 : (waitingOn as unknown as Record<typeof field, number>)[field];
      this.#targetKind = WAIT_KIND_INDEX[waitingOn.kind];
      this.#targetNumber = number === Number.POSITIVE_INFINITY ? -1 : number;
      this.#targetLabel = this.#intern(waitingOn.label);
      this.#target = waitingOn;
    }
    const numbers = this.#numbers;
    let at = this.#count;
    if (time !== this.#time) {
      this.#time = time;
      numbers[at++] = RecordKind.TIME;
      numbers[at++] = time;
    }
    numbers[at++] = RecordKind.WAITING;
    numbers[at++] = taskId;
    numbers[at++] = site;
    numbers[at++] = this.#targetKind;
    numbers[at++] = this.#targetNumber;
    numbers[at++] = this.#targetLabel;
    this.#count = at;
    this.#busy = false;
  }

  resource(
    step: number,
    time: number,
    objectId: number,
    kind: ResourceKind,
    action: ResourceAction,
    taskId: number,
    holder: number,
    value: number,
    item: string | number | undefined,
    size: number,
  ): void {
    if (!this.#begin(time)) return;
    const integer = typeof item === "number";
    // An item's repr is most often new (each item put once, got once): added, not looked up.
    const itemField = integer ? item : item === undefined ? -1 : this.#add(item);
    const numbers = this.#numbers;
    let at = this.#count;
    numbers[at++] = integer ? RecordKind.RESOURCE_INTEGER_ITEM : RecordKind.RESOURCE;
    numbers[at++] = step;
    numbers[at++] = objectId;
    numbers[at++] = RESOURCE_KIND_INDEX[kind];
    numbers[at++] = RESOURCE_ACTION_INDEX[action];
    numbers[at++] = taskId;
    numbers[at++] = holder;
    numbers[at++] = value;
    numbers[at++] = itemField;
    numbers[at++] = size;
    this.#count = at;
    this.#busy = false;
  }

  flush(): void {
    this.#lastFlush = now();
    this.#busy = true;
    try {
      this.#settle();
      if (this.#records > 0) this.#send();
    } finally {
      this.#busy = false;
    }
  }

  /** Sends what is waiting, for the host's interrupt handler; nothing when empty or busy. */
  drain(): void {
    if (this.#busy) return;
    this.#settle();
    if (this.#records > 0) this.flush();
  }

  /** Takes room for a compact record of `events` and writes its TIME when the time moved; false past a limit. */
  #begin(time: number, events = 1): boolean {
    this.#busy = true;
    if ((this.#room -= events) < 0 && !this.#makeRoom(events)) {
      this.#busy = false;
      return false;
    }
    if (time !== this.#time) {
      this.#time = time;
      this.#numbers[this.#count] = RecordKind.TIME;
      this.#numbers[this.#count + 1] = time;
      this.#count += 2;
    }
    return true;
  }

  /**
   * A record of `events` found too little #room (and gave back what it took): counts what was
   * taken, sends the batch if it is full or old, and takes the record's room anew; false past
   * the events limit.
   */
  #makeRoom(events: number): boolean {
    this.#room += events;
    this.#settle();
    if (this.#overLimit) return false;
    if (this.#events + events > this.#limits.events) {
      this.#stop("events");
      return false;
    }
    if (this.#records + events > MAX_BATCH_RECORDS || this.#count > MAX_BATCH_NUMBERS - NUMBERS_HEADROOM * events) this.#send();
    else if (this.#sinceAgeCheck >= AGE_CHECK_INTERVAL) {
      this.#sinceAgeCheck = 0;
      if (now() - this.#lastFlush >= MAX_BATCH_AGE_MS) this.#send();
    }
    this.#grant();
    // A record of two events may find one left before the age is read: it takes it, and the next record settles.
    this.#room -= events;
    return true;
  }

  /** Adds what the records took of #room since it was granted to the counts. */
  #settle(): void {
    const taken = this.#granted - this.#room;
    this.#events += taken;
    this.#records += taken;
    this.#sinceAgeCheck += taken;
    this.#granted = 0;
    this.#room = 0;
  }

  /** Room from the counts, which #settle brought up to date; none past a limit. */
  #grant(): void {
    this.#settle();
    const room = this.#overLimit
      ? 0
      : min(
          this.#limits.events - this.#events,
          MAX_BATCH_RECORDS - this.#records,
          // A whole number of records: the numbers left are fewer than 2³¹.
          (((MAX_BATCH_NUMBERS - this.#count) / NUMBERS_HEADROOM) | 0) - 1,
          AGE_CHECK_INTERVAL - this.#sinceAgeCheck,
        );
    this.#granted = this.#room = max(0, room);
  }

  /** The string's index in the batch's table, added the first time the batch uses it. */
  #intern(text: string): number {
    const known = this.#stringIndex[text];
    if (known !== undefined) return known;
    const index = this.#strings.length;
    this.#strings[index] = text;
    this.#stringIndex[text] = index;
    return index;
  }

  /** The string as a new entry of the batch's table, without looking for it there. */
  #add(text: string): number {
    const index = this.#strings.length;
    this.#strings[index] = text;
    return index;
  }

  /** Hands the batch to the host and starts the next; the host copies the numbers' bytes before it returns. */
  #send(): void {
    this.#settle();
    this.#lastFlush = now();
    const text = `{"s":${encodeJson(this.#strings)},"o":${encodeJson(this.#objects)}}`;
    const count = this.#count;
    this.#objects = [];
    this.#strings = [];
    this.#stringIndex = createObject(null);
    this.#target = null;
    this.#count = 0;
    this.#records = 0;
    this.#time = Number.NaN;
    this.#host.flush(text, this.#buffer, count);
    this.#grant();
  }

  /** An object record that took its room. */
  #countEvent(event: GuestRecord): void {
    if (event.type === "guest-traceback") {
      // Counted by its texts; the traceback the host adds is bounded by the event-bytes limit.
      const length = event.before.length + event.error.message.length + event.after.length;
      if (length > this.#limits.outputBytes - this.#outputBytes) {
        this.#outputBytes = this.#limits.outputBytes;
        this.#stop("output");
        return;
      }
      this.#outputBytes += length;
    } else if (event.type === "output") {
      const room = this.#limits.outputBytes - this.#outputBytes;
      if (event.text.length > room) {
        if (room > 0) this.#push({ ...event, text: sliceString(event.text, 0, room) });
        this.#outputBytes = this.#limits.outputBytes;
        this.#stop("output");
        return;
      }
      this.#outputBytes += event.text.length;
    }
    this.#push(event);
  }

  /** An object record that took its room; sent at once when the batch is old (the first record is). */
  #push(record: GuestRecord): void {
    this.#objects[this.#objects.length] = record;
    this.#numbers[this.#count++] = RecordKind.OBJECT;
    if (now() - this.#lastFlush >= MAX_BATCH_AGE_MS) this.#send();
  }

  /** A record of the sandbox's own, which takes no room: counted in the batch, not in the budget. Not Array.prototype.push, which a snippet may replace. */
  #append(record: GuestRecord): void {
    this.#settle();
    if (this.#count > MAX_BATCH_NUMBERS - NUMBERS_HEADROOM) this.#send();
    this.#objects[this.#objects.length] = record;
    this.#numbers[this.#count++] = RecordKind.OBJECT;
    this.#records++;
    this.#grant();
  }

  #stop(limit: "events" | "output"): void {
    this.#settle();
    this.#overLimit = true;
    if (this.#records > 0) this.#send();
    this.#host.limit(limit);
  }
}
