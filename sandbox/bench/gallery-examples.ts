// The gallery's examples as the sandbox runs them: the list the web gallery offers
// (web/build/examples-index.ts), each with how it must end, and a tally of the record a run makes.
// Shared by the bench's gallery section and test/gallery-records.test.ts.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { RUNTIME_EVENT_TYPES, type RuntimeEvent } from "@looplab/runtime/events";
import type { EndEvent, ErrorEvent, RunEvent } from "../src/protocol-events.js";

/** The part of web/build/examples-index.ts used here. */
interface GalleryIndex {
  EXAMPLES_DIRECTORY: string;
  readGallery(): { examples: { path: string; code: string }[] }[];
}

// Imported by a computed address: the web workspace is outside the sandbox's TypeScript project.
const GALLERY_INDEX = new URL("../../web/build/examples-index.ts", import.meta.url).href;
const { EXAMPLES_DIRECTORY, readGallery } = (await import(GALLERY_INDEX)) as GalleryIndex;

export interface GalleryRun {
  /** Path from examples/, e.g. "tasks/01-create-task.ts". */
  path: string;
  code: string;
  /** What it prints (its expected.txt and expected-stderr.txt). */
  stdout: string;
  stderr: string;
  /** `Name: message` of the error the example ends in on purpose (its expected-error.txt), or null. */
  intendedError: string | null;
}

function expectedFile(examplePath: string, suffix: string): string | null {
  const file = path.join(EXAMPLES_DIRECTORY, examplePath.replace(/\.ts$/, `.${suffix}`));
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

export function galleryRuns(): GalleryRun[] {
  return readGallery().flatMap((group) =>
    group.examples.map((example) => ({
      path: example.path,
      code: example.code,
      stdout: expectedFile(example.path, "expected.txt") ?? "",
      stderr: expectedFile(example.path, "expected-stderr.txt") ?? "",
      intendedError: expectedFile(example.path, "expected-error.txt")?.replace(/\n$/, "") ?? null,
    })),
  );
}

/** The end a run of the example must have: completed, or its intended error (a DeadlockError ends as "deadlock"). */
export function intendedEnd(example: GalleryRun): EndEvent["reason"] {
  if (example.intendedError === null) return "completed";
  return example.intendedError.startsWith("DeadlockError:") ? "deadlock" : "error";
}

/** The record's events (what the run's event budget counts): every runtime event, output included. */
export type RecordEvent = Extract<RunEvent, RuntimeEvent>;

const RECORD_KINDS = new Set<string>(RUNTIME_EVENT_TYPES);

export function isRecordEvent(event: RunEvent): event is RecordEvent {
  return RECORD_KINDS.has(event.type);
}

export interface RecordTally {
  /** Events of the record by type. */
  byKind: Map<string, number>;
  events: number;
  end: EndEvent | null;
  error: ErrorEvent | null;
  /** Step events whose `scheduledBy` is neither 0 (outside any step) nor a step that came before them. */
  unexplainedSteps: string[];
}

export function tallyRecord(events: Iterable<RunEvent>): RecordTally {
  const tally: RecordTally = { byKind: new Map(), events: 0, end: null, error: null, unexplainedSteps: [] };
  const stepsSeen = new Set<number>();
  for (const event of events) {
    if (event.type === "end") tally.end = event;
    if (event.type === "error") tally.error = event;
    if (!isRecordEvent(event)) continue;
    tally.events++;
    tally.byKind.set(event.type, (tally.byKind.get(event.type) ?? 0) + 1);
    if (event.type !== "step") continue;
    if (event.scheduledBy !== 0 && !(event.scheduledBy < event.step && stepsSeen.has(event.scheduledBy))) {
      tally.unexplainedSteps.push(`step ${event.step} scheduledBy ${event.scheduledBy}`);
    }
    stepsSeen.add(event.step);
  }
  return tally;
}
