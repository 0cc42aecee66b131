import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunEvent, StepEvent } from "@looplab/sandbox";
import { run, WorkerPool } from "@looplab/sandbox";
import { exampleSource } from "../../runtime/test/example-source.ts";
import { CancelMarks } from "../src/lib/timeline/cancel-marks.ts";

// Real runs in the real QuickJS sandbox: the events are the ones a page receives.
const pool = new WorkerPool({ workers: 1, spareContexts: 0 });
before(() => pool.start());
after(() => pool.close());

async function record(source: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of run(source, { pool })) events.push(event);
  return events;
}

function steps(events: readonly RunEvent[]): StepEvent[] {
  return events.filter((event): event is StepEvent => event.type === "step");
}

/** The gallery's example: main cancels a task sleeping for 10 s, then awaits it. */
const MAIN_CANCELS_SLEEPER = exampleSource("tasks/17-task-cancel.ts");

test("a request sits in the canceller's step and is joined to the sleeper's step that delivered it", async () => {
  const events = await record(MAIN_CANCELS_SLEEPER);
  const ran = steps(events);
  const marks = new CancelMarks().update(events);
  assert.equal(marks.requests.length, 1);
  const [request] = marks.requests;
  const canceller = ran[Math.floor(request!.position)]!;
  assert.equal(canceller.step, request!.step);
  assert.equal(canceller.taskId, request!.byTaskId, "the request is in a step of the task that asked");
  assert.notEqual(request!.delivery, null);
  const delivering = ran[request!.delivery!.position]!;
  assert.equal(delivering.taskId, request!.taskId, "the delivery is a step of the cancelled task");
  assert.equal(delivering.cancelled, true);
  assert.deepEqual(marks.deliveries, [request!.delivery!.position]);
  // main then gets the sleeper's CancelledError from its await: thrown in, but not a delivery.
  const mainResumed = ran.findLast((step) => step.taskId === request!.byTaskId)!;
  assert.equal(mainResumed.cancelled, true);
  assert.equal(marks.delivers(ran.indexOf(mainResumed)), false);
});

test("events read in pieces give the same marks as read at once", async () => {
  const events = await record(MAIN_CANCELS_SLEEPER);
  const growing = new CancelMarks();
  for (let end = 1; end <= events.length; end += 3) growing.update(events.slice(0, end));
  growing.update(events);
  assert.deepEqual(growing.requests, new CancelMarks().update(events).requests);
});

test("a request made by waitFor's timeout names the mechanism, not the running code", async () => {
  const events = await record(`import asyncio from "asyncio";
async function main() {
  try {
    await asyncio.waitFor(asyncio.sleep(10), 0.5);
  } catch (error) {
    print("timed out");
  }
}
asyncio.run(main());
`);
  const marks = new CancelMarks().update(events);
  assert.ok(marks.requests.length >= 1, "waitFor asks to cancel what it waits for");
  for (const request of marks.requests) assert.notEqual(request.by, "task", "the request is the mechanism's, not the code's");
});
