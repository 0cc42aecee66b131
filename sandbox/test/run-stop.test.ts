// Stopping a program run: a consumer's return() or an aborted signal stops it at once, wherever
// it is, and a stop never reaches another run on the same worker.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ControlBlock } from "../src/engine/control-block.js";
import type { RunEvent } from "../src/protocol-events.js";
import { run } from "../src/run.js";
import { collect, testPool, ts } from "./helpers.js";

const SPIN = `print("spinning"); while (true) {}`;
const SLEEP = ts`
  import time from "time";
  print("sleeping");
  time.sleep(20);
  print("woke");
`;

async function lastEvent(events: AsyncIterable<RunEvent>): Promise<RunEvent | undefined> {
  let last: RunEvent | undefined;
  for await (const event of events) last = event;
  return last;
}

for (const [label, source, clock] of [
  ["a busy loop", SPIN, "virtual"],
  ["a 20 s time.sleep on the real clock", SLEEP, "real"],
] as const) {
  test(`aborting the signal stops ${label} at once`, async () => {
    const controller = new AbortController();
    const iterator = run(source, { pool: testPool(), clock, signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    const abortedAt = performance.now();
    controller.abort();
    const end = await lastEvent({ [Symbol.asyncIterator]: () => iterator });
    assert.equal(end?.type, "end");
    assert.equal(end?.type === "end" && end.reason, "stopped");
    // The CPU limit (2 s) or the sleep (20 s) would end it much later.
    assert.ok(performance.now() - abortedAt < 1000, `stopped ${Math.round(performance.now() - abortedAt)} ms after the abort`);
  });

  test(`returning the iterator stops ${label} at once and frees its worker`, async () => {
    const iterator = run(source, { pool: testPool(), clock })[Symbol.asyncIterator]();
    await iterator.next();
    const returnedAt = performance.now();
    await iterator.return?.();
    const benign = await collect(`print("next")`);
    assert.equal(benign.stdout, "next\n");
    assert.ok(performance.now() - returnedAt < 1000, `the next run finished ${Math.round(performance.now() - returnedAt)} ms later`);
  });
}

test("a signal aborted before the run starts gives a stopped end and runs nothing", async () => {
  const events: RunEvent[] = [];
  for await (const event of run(`print("never")`, { pool: testPool(), signal: AbortSignal.abort() })) events.push(event);
  assert.deepEqual(
    events.map((event) => event.type),
    ["end"],
  );
});

test("a stop names its operation: asked before it begins, it holds; asked after it ended, the next is untouched", () => {
  const control = new ControlBlock();
  control.requestStop(7);
  control.beginOperation(7, 100, 0);
  assert.equal(control.stopRequested(), true);
  assert.equal(control.stopReason(), "consumer");
  control.endOperation();
  control.beginOperation(8, 100, 0);
  assert.equal(control.stopRequested(), false, "a stale stop reached the next operation");
  control.requestStop(8, "wall-time");
  control.requestStop(8, "consumer");
  assert.equal(control.stopReason(), "wall-time", "the first reason asked for wins");
});

test("an interrupt names its operation: one that ends before taking it says so, and a late request finds it closed", () => {
  const control = new ControlBlock();
  control.beginOperation(7, 100, 0);
  assert.equal(control.requestInterrupt(7), true);
  assert.equal(control.interruptRequested(), true);
  assert.equal(control.endOperation(), true, "the operation ended without taking the interrupt, and must say so");
  assert.equal(control.requestInterrupt(7), false, "no operation runs");
  control.beginOperation(7, 100, 0);
  assert.equal(control.interruptRequested(), false, "a stale interrupt reached the next operation");
  assert.equal(control.endOperation(), false);
  assert.equal(control.requestInterrupt(7), false, "the ended operation's word is closed");
  control.beginOperation(8, 100, 0);
  assert.equal(control.requestInterrupt(7), false, "another session's operation runs");
  assert.equal(control.endOperation(), false);
});
