// Every example the web gallery offers runs in the real sandbox with the full record on (issue 12,
// acceptance 2), under the product's default limits: it prints what examples/ says and ends as it
// should, its record stays far below the event budget, and every step names as its cause a step
// that came before it. The runs go concurrently, as many at a time as the test pool has workers.

import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type GalleryRun, galleryRuns, intendedEnd, type RecordTally, tallyRecord } from "../bench/gallery-examples.js";
import { DEFAULT_LIMITS } from "../src/limits.js";
import { type CollectedRun, collect } from "./helpers.js";

/** A teaching program must stay far below the budget: a quarter of it at most. */
const EVENT_CEILING = DEFAULT_LIMITS.events / 4;

const examples = galleryRuns();
const runs = new Map<string, Promise<{ run: CollectedRun; tally: RecordTally }>>();

// After helpers.ts's own before(), which starts the pool: the runs queue for its workers.
before(() => {
  for (const example of examples) {
    runs.set(
      example.path,
      collect(example.code, { events: true }).then((run) => ({ run, tally: tallyRecord(run.events) })),
    );
  }
});

test("the gallery has examples, some of which end in an error on purpose", () => {
  assert.ok(examples.length >= 50, `${examples.length} examples`);
  assert.ok(examples.some((example) => intendedEnd(example) === "deadlock"));
  assert.ok(examples.some((example) => intendedEnd(example) === "error"));
});

function describe(example: GalleryRun, run: CollectedRun): string {
  const error = run.error === null ? "" : `, error ${run.error.name}: ${run.error.message}`;
  return `${example.path} ended ${run.end.reason}${run.end.message === undefined ? "" : ` (${run.end.message})`}${error}`;
}

for (const example of examples) {
  test(`gallery example ${example.path} runs with the full record and ends ${intendedEnd(example)}`, async () => {
    const { run, tally } = await (runs.get(example.path) as Promise<{ run: CollectedRun; tally: RecordTally }>);
    assert.equal(run.end.reason, intendedEnd(example), describe(example, run));
    if (example.intendedError !== null) {
      assert.equal(`${run.error?.name}: ${run.error?.message}`, example.intendedError);
    }
    assert.equal(run.stdout, example.stdout);
    assert.equal(run.stderr, example.stderr);
    assert.ok(tally.events > 0, "the record has events");
    assert.ok(tally.events <= EVENT_CEILING, `${tally.events} events, more than ${EVENT_CEILING}`);
    assert.deepEqual(tally.unexplainedSteps, []);
  });
}
