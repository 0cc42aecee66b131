// The boundary's one-pass check of id lists (src/boundary/id-list.ts) refuses what zod's
// element-by-element array of ids refused: records as the guest would hand them to the host.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_DEADLOCK_NODES, MAX_WAITERS_LISTED } from "@looplab/runtime/events";
import { readGuestBatch } from "../src/boundary/read-guest-records.js";

const lockAction = (waiters: unknown) =>
  JSON.stringify([{ type: "resource", step: 3, time: 0, objectId: 1, kind: "lock", action: "acquire", taskId: 2, holder: 2, waiters }]);
const gatherWait = (taskIds: unknown) =>
  JSON.stringify([
    { type: "task-state", time: 0, taskId: 1, state: "waiting", waitingOn: { kind: "tasks", taskIds, label: "gather of 2" } },
  ]);
const deadlockCycle = (cycle: unknown) =>
  JSON.stringify([
    {
      type: "guest-error",
      time: 0,
      error: {
        name: "DeadlockError",
        message: "",
        stack: "",
        deadlock: { nodes: [{ kind: "task", id: 1, label: "Task-1" }], edges: [], cycle },
      },
    },
  ]);

const NOT_IDS: unknown[] = [[-1], [1.5], ["2"], [null], [[2]], [{ id: 2 }], [2 ** 53], [true], { 0: 2, length: 1 }, "2,3", 2];

test("lists of ids the host accepts: the waiters of a lock, the tasks of a gather, a deadlock's cycle", () => {
  const waiters = Array.from({ length: MAX_WAITERS_LISTED }, (_, index) => index + 2);
  const accepted = readGuestBatch(lockAction(waiters));
  assert.ok(accepted.ok);
  assert.deepEqual(accepted.value[0], JSON.parse(lockAction(waiters))[0]);
  assert.ok(readGuestBatch(lockAction([])).ok);
  assert.ok(readGuestBatch(gatherWait(Array.from({ length: 5000 }, (_, index) => index))).ok);
  assert.ok(readGuestBatch(deadlockCycle([0])).ok);
});

test("the host refuses a list of ids with anything but non-negative whole numbers in it, or too long", () => {
  for (const bad of NOT_IDS) {
    for (const batch of [lockAction(bad), gatherWait(bad), deadlockCycle(bad)]) {
      const reading = readGuestBatch(batch);
      assert.equal(reading.ok, false, batch);
      if (!reading.ok) assert.match(reading.problem, /record 1 of a batch: .*a list of/);
    }
  }
  assert.equal(readGuestBatch(lockAction(Array.from({ length: MAX_WAITERS_LISTED + 1 }, (_, index) => index))).ok, false);
  assert.equal(readGuestBatch(deadlockCycle(Array.from({ length: MAX_DEADLOCK_NODES + 1 }, () => 0))).ok, false);
});
