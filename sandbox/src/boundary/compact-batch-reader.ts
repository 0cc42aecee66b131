// Reads a compact batch (guest/compact-records.ts) into records, trusting none of it: every
// number is checked before it becomes a field (a known record kind, ids that are non-negative
// integers, string indices the batch's table has, finite times, flags it defines, records that
// end inside the batch; NaN is none of these), every string is bounded, and every object record
// passes the schema.
// The first problem refuses the whole batch with a sentence that says what was wrong.

import { finishedTaskEvent, type ResourceEvent, type StepEvent, type TaskStateEvent, type WaitTarget } from "@looplab/runtime/events";
import { unpackSite } from "@looplab/runtime/sites";
import {
  CALLBACK_STEP_TIMER,
  FINISHED_TASK_STATES,
  MAX_BATCH_NUMBERS,
  RECORD_LENGTHS,
  RESOURCE_ACTIONS,
  RESOURCE_KINDS,
  RecordKind,
  TASK_STEP_CANCELLED,
  TASK_STEP_RUNNING,
  WAIT_KINDS,
  WAIT_NUMBER_FIELDS,
} from "../guest/compact-records.js";
import type { GuestRecord } from "../guest/guest-protocol.js";
import { guestRecordSchema, MAX_LABEL_CHARACTERS } from "./guest-record-schema.js";

/** More than the guest ever batches (512): a longer batch did not come from the runtime. */
export const MAX_RECORDS_PER_BATCH = 4096;

const KIND_NAMES = Object.fromEntries(Object.entries(RecordKind).map(([name, kind]) => [kind, name])) as Record<number, string>;

/**
 * About the characters of each kind's event as JSON, without its strings: what a compact record
 * weighs against the event-bytes limit, with each string it names counted again at each use,
 * so that a batch's few characters of numbers cannot make the host hold far more than the limit.
 */
const EVENT_CHARACTERS: readonly number[] = [0, 0, 110, 90, 60, 110, 110, 110, 170, 80];

/** Thrown inside the reader with what was wrong; the reader turns it into a refusal. */
class Refusal extends Error {}

/** `characters`: what the records weigh beyond the batch's text (see EVENT_CHARACTERS). */
export type CompactReading = { ok: true; value: GuestRecord[]; characters: number } | { ok: false; problem: string };

export function readCompactBatch(batch: object, numbers: Float64Array, describeIssue: (error: unknown) => string): CompactReading {
  const { s: strings, o: objects } = batch as { s?: unknown; o?: unknown };
  if (Object.keys(batch).length !== 2 || !Array.isArray(strings) || !Array.isArray(objects))
    return { ok: false, problem: "a batch that is neither a list of records nor {s, o} of lists" };
  if (numbers.length > MAX_BATCH_NUMBERS)
    return { ok: false, problem: `a batch of ${numbers.length} numbers (at most ${MAX_BATCH_NUMBERS})` };
  if (objects.length > MAX_RECORDS_PER_BATCH)
    return { ok: false, problem: `a batch of ${objects.length} object records (at most ${MAX_RECORDS_PER_BATCH})` };
  if (strings.length > MAX_BATCH_NUMBERS)
    return { ok: false, problem: `a batch of ${strings.length} strings (at most ${MAX_BATCH_NUMBERS})` };
  for (let index = 0; index < strings.length; index++) {
    const text: unknown = strings[index];
    if (typeof text !== "string" || text.length > MAX_LABEL_CHARACTERS)
      return { ok: false, problem: `string ${index + 1} of a batch: not a string of at most ${MAX_LABEL_CHARACTERS} characters` };
  }
  const reader = new NumberReader(numbers, strings as string[], objects, describeIssue);
  try {
    const value = reader.read();
    return { ok: true, value, characters: reader.characters };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ok: false, problem: `record ${reader.records.length + 1} of a batch: ${error.message}` };
  }
}

class NumberReader {
  readonly records: GuestRecord[] = [];
  /** The events' characters beyond the batch's text. */
  characters = 0;
  private at = 0;
  private objectsRead = 0;
  private time = Number.NaN;

  constructor(
    private readonly numbers: Float64Array,
    private readonly strings: string[],
    private readonly objects: unknown[],
    private readonly describeIssue: (error: unknown) => string,
  ) {}

  read(): GuestRecord[] {
    const numbers = this.numbers;
    while (this.at < numbers.length) {
      if (this.records.length >= MAX_RECORDS_PER_BATCH) throw new Refusal(`more than ${MAX_RECORDS_PER_BATCH} records in a batch`);
      const kind = numbers[this.at] as number;
      if (!Number.isInteger(kind) || kind < 0 || kind >= RECORD_LENGTHS.length)
        throw new Refusal(`an unknown record kind (${String(kind).slice(0, 20)})`);
      const end = this.at + (RECORD_LENGTHS[kind] as number);
      if (end > numbers.length) throw new Refusal(`a ${KIND_NAMES[kind]} record cut short by the end of the batch`);
      this.at++;
      this.characters += EVENT_CHARACTERS[kind] as number;
      this.readRecord(kind);
      this.at = end;
    }
    if (this.objectsRead !== this.objects.length)
      throw new Refusal(`${this.objects.length - this.objectsRead} object records that no OBJECT number places`);
    return this.records;
  }

  private readRecord(kind: number): void {
    switch (kind) {
      case RecordKind.OBJECT: {
        if (this.objectsRead >= this.objects.length) throw new Refusal("an OBJECT number with no object record left");
        const result = guestRecordSchema.safeParse(this.objects[this.objectsRead++]);
        if (!result.success) throw new Refusal(this.describeIssue(result.error));
        this.records.push(result.data);
        return;
      }
      case RecordKind.TIME: {
        const time = this.next();
        if (!Number.isFinite(time) || time < 0) throw new Refusal("a time that is not a finite number of seconds");
        this.time = time;
        return;
      }
      case RecordKind.TASK_STEP: {
        const event: StepEvent = { type: "step", step: this.id("step"), iteration: this.id("iteration"), time: this.now(), scheduledBy: 0 };
        event.scheduledBy = this.id("scheduledBy");
        event.taskId = this.id("taskId");
        const resumedAt = this.site();
        const flags = this.flags(TASK_STEP_CANCELLED | TASK_STEP_RUNNING);
        if ((flags & TASK_STEP_CANCELLED) !== 0) event.cancelled = true;
        if (resumedAt !== null) event.resumedAt = resumedAt;
        this.records.push(event);
        if ((flags & TASK_STEP_RUNNING) !== 0) {
          this.characters += EVENT_CHARACTERS[RecordKind.RUNNING] as number;
          this.records.push({ type: "task-state", time: event.time, taskId: event.taskId, state: "running" });
        }
        return;
      }
      case RecordKind.CALLBACK_STEP: {
        const event: StepEvent = { type: "step", step: this.id("step"), iteration: this.id("iteration"), time: this.now(), scheduledBy: 0 };
        event.scheduledBy = this.id("scheduledBy");
        event.callback = this.string("callback");
        if (this.flags(CALLBACK_STEP_TIMER) !== 0) event.timer = true;
        this.records.push(event);
        return;
      }
      case RecordKind.RUNNING:
        this.records.push({ type: "task-state", time: this.now(), taskId: this.id("taskId"), state: "running" });
        return;
      case RecordKind.WAITING: {
        const time = this.now();
        const taskId = this.id("taskId");
        const at = this.site();
        const event: TaskStateEvent = { type: "task-state", time, taskId, state: "waiting", waitingOn: this.waitTarget() };
        if (at !== null) event.at = at;
        this.records.push(event);
        return;
      }
      case RecordKind.TASK_SPAWNED: {
        const time = this.now();
        const taskId = this.id("taskId");
        const parentId = this.optionalCount("parentId");
        const name = this.string("name");
        this.records.push({ type: "task-spawned", time, taskId, name, parentId, coroutine: this.string("coroutine") });
        this.records.push({ type: "task-state", time, taskId, state: "pending" });
        return;
      }
      case RecordKind.TASK_FINISHED: {
        const time = this.now();
        const taskId = this.id("taskId");
        const state = this.listed(FINISHED_TASK_STATES, "finished task state");
        this.records.push(finishedTaskEvent(time, taskId, state, this.string(state === "done" ? "result" : "error")));
        return;
      }
      case RecordKind.RESOURCE:
      case RecordKind.RESOURCE_INTEGER_ITEM: {
        const event: ResourceEvent = {
          type: "resource",
          step: this.id("step"),
          time: this.now(),
          objectId: this.id("objectId"),
          kind: this.listed(RESOURCE_KINDS, "resource kind"),
          action: this.listed(RESOURCE_ACTIONS, "resource action"),
        };
        const taskId = this.id("taskId");
        const holder = this.id("holder");
        const value = this.optionalCount("value");
        const item = this.next();
        const size = this.optionalCount("size");
        if (taskId !== 0) event.taskId = taskId;
        if (holder !== 0) event.holder = holder;
        if (value !== null) event.value = value;
        if (kind === RecordKind.RESOURCE_INTEGER_ITEM) event.item = this.integerItem(item);
        else if (item !== -1) event.item = this.stringAt(item, "item");
        if (size !== null) event.size = size;
        this.records.push(event);
        return;
      }
    }
  }

  private waitTarget(): WaitTarget {
    const kind = this.listed(WAIT_KINDS, "wait kind");
    const number = this.next();
    const label = this.string("label");
    const field = WAIT_NUMBER_FIELDS[kind];
    if (field === null) {
      if (number !== 0) throw new Refusal(`a ${kind} wait with a number`);
      return { kind, label } as WaitTarget;
    }
    if (field === "until") {
      if (number === -1) return { kind: "sleep", until: Number.POSITIVE_INFINITY, label };
      if (!Number.isFinite(number) || number < 0) throw new Refusal("a sleep until a time that is not a finite number of seconds or -1");
      return { kind: "sleep", until: number, label };
    }
    if (!isId(number)) throw new Refusal(`a ${kind} wait whose ${field} is not an id`);
    return { kind, [field]: number, label } as WaitTarget;
  }

  /** The next number: read() checked that the record ends inside the batch. */
  private next(): number {
    return this.numbers[this.at++] as number;
  }

  private id(field: string): number {
    const value = this.next();
    if (!isId(value)) throw new Refusal(`a ${field} that is not a non-negative integer`);
    return value;
  }

  /** A value, a size: a non-negative integer, or -1 for none. */
  private optionalCount(field: string): number | null {
    const value = this.next();
    if (value === -1) return null;
    if (!isId(value)) throw new Refusal(`a ${field} that is neither a non-negative integer nor -1`);
    return value;
  }

  private flags(known: number): number {
    const value = this.next();
    if (!Number.isInteger(value) || value < 0 || (value & ~known) !== 0 || value > known) throw new Refusal("flags it does not define");
    return value;
  }

  private site() {
    const value = this.next();
    if (!isId(value)) throw new Refusal("a site that is not a non-negative integer");
    return unpackSite(value);
  }

  private string(field: string): string {
    return this.stringAt(this.next(), field);
  }

  /** A RESOURCE_INTEGER_ITEM's item: a safe integer, shown as its decimal, as the runtime's repr shows it. */
  private integerItem(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Refusal("an integer item that is not a safe integer");
    const text = String(value);
    this.characters += text.length;
    return text;
  }

  private stringAt(index: number, field: string): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.strings.length)
      throw new Refusal(`a ${field} naming a string the batch does not have`);
    const text = this.strings[index] as string;
    this.characters += text.length;
    return text;
  }

  private listed<Name extends string>(names: readonly Name[], what: string): Name {
    const index = this.next();
    if (!Number.isInteger(index) || index < 0 || index >= names.length) throw new Refusal(`an unknown ${what}`);
    return names[index] as Name;
  }

  /** The time of the batch's last TIME record. */
  private now(): number {
    if (Number.isNaN(this.time)) throw new Refusal("a record before the batch's first TIME");
    return this.time;
  }
}

function isId(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
