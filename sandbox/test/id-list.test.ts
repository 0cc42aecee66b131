// The boundary's one-pass check of id lists (src/boundary/id-list.ts) refuses what zod's
// element-by-element array of ids refused: records as the guest would hand them to the host.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_DEADLOCK_NODES } from "@looplab/runtime/events";
import { readGuestBatch } from "../src/boundary/read-guest-records.js";

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

test("lists of ids the host accepts: the tasks of a gather, a deadlock's cycle", () => {
  const taskIds = Array.from({ length: 5000 }, (_, index) => index);
  const accepted = readGuestBatch(gatherWait(taskIds));
  assert.ok(accepted.ok);
  assert.deepEqual(accepted.value[0], JSON.parse(gatherWait(taskIds))[0]);
  assert.ok(readGuestBatch(gatherWait([])).ok);
  assert.ok(readGuestBatch(deadlockCycle([0])).ok);
});

test("the host refuses a list of ids with anything but non-negative whole numbers in it, or too long", () => {
  for (const bad of NOT_IDS) {
    for (const batch of [gatherWait(bad), deadlockCycle(bad)]) {
      const reading = readGuestBatch(batch);
      assert.equal(reading.ok, false, batch);
      if (!reading.ok) assert.match(reading.problem, /record 1 of a batch: .*a list of/);
    }
  }
  assert.equal(readGuestBatch(deadlockCycle(Array.from({ length: MAX_DEADLOCK_NODES + 1 }, () => 0))).ok, false);
});
