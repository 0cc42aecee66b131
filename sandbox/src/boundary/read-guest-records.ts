// Reads what the guest hands the worker: a batch of records as JSON text and numbers (the compact
// form of guest/compact-records.ts), or a list of record objects, or the counters at a run's end. The
// text is parsed in the host's own realm (no guest prototype, toJSON or getter takes part) and
// each record is checked (compact-batch-reader.ts, the schema); anything else is refused with a
// sentence that says what was wrong, and the run ends on it.

import type { z } from "zod";
import type { GuestCounters, GuestRecord } from "../guest/guest-protocol.js";
import { MAX_RECORDS_PER_BATCH, readCompactBatch } from "./compact-batch-reader.js";
import { guestCountersSchema, guestRecordSchema } from "./guest-record-schema.js";

export type GuestReading<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * A batch as the guest handed it over, which the worker read and found valid: what crosses from
 * the worker to the main thread, which reads it again into records. Text and numbers cost a copy
 * to post; the records they stand for cost a structured clone each, several times the reading.
 */
export interface CheckedBatch {
  text: string;
  /** Its own buffer, moved to the main thread with the message. */
  numbers: Float64Array<ArrayBuffer>;
}

/** The records of a batch the worker checked; throws if they are not valid after all. */
export function recordsOf(batch: CheckedBatch): GuestRecord[] {
  const reading = readGuestBatch(batch.text, batch.numbers);
  if (!reading.ok) throw new Error(`a batch the worker had checked was refused: ${reading.problem}`);
  return reading.value;
}

/** The host's own records as a batch, in the list form. */
export function hostBatch(records: GuestRecord[]): CheckedBatch {
  return { text: JSON.stringify(records), numbers: new Float64Array(0) };
}

const MAX_PROBLEM_CHARACTERS = 300;
const NO_NUMBERS = new Float64Array(0);

/**
 * The records of a batch, and the characters they weigh against the event-bytes limit: the
 * text's, and for compact records the events they stand for (compact-batch-reader.ts).
 */
export function readGuestBatch(text: string, numbers: Float64Array = NO_NUMBERS): GuestReading<GuestRecord[]> & { characters?: number } {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const batch = parsed.value;
  if (typeof batch === "object" && batch !== null && !Array.isArray(batch)) {
    const reading = readCompactBatch(batch, numbers, (error) => firstIssue(error as z.ZodError));
    return reading.ok ? { ok: true, value: reading.value, characters: text.length + reading.characters } : refused(reading.problem);
  }
  if (!Array.isArray(batch)) return refused("a batch that is not a list of records");
  if (numbers.length > 0) return refused("a list of records with numbers beside it");
  if (batch.length > MAX_RECORDS_PER_BATCH) return refused(`a batch of ${batch.length} records (at most ${MAX_RECORDS_PER_BATCH})`);
  const records: GuestRecord[] = [];
  for (let index = 0; index < batch.length; index++) {
    const result = guestRecordSchema.safeParse(batch[index]);
    if (!result.success) return refused(`record ${index + 1} of a batch: ${firstIssue(result.error)}`);
    records.push(result.data);
  }
  return { ok: true, value: records, characters: text.length };
}

export function readGuestCounters(text: string): GuestReading<GuestCounters> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const result = guestCountersSchema.safeParse(parsed.value);
  return result.success ? { ok: true, value: result.data } : refused(`counters: ${firstIssue(result.error)}`);
}

function parseJson(text: string): GuestReading<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refused("text that is not JSON");
  }
}

function refused(problem: string): { ok: false; problem: string } {
  const bounded = problem.length > MAX_PROBLEM_CHARACTERS ? `${problem.slice(0, MAX_PROBLEM_CHARACTERS)}…` : problem;
  return { ok: false, problem: bounded };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "not a valid record";
  const path = issue.path.map(String).join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}
