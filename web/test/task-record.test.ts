import assert from "node:assert/strict";
import { test } from "node:test";
import { currentState, laneOrder, type TaskRecord } from "../src/lib/task-record.ts";

function task(id: number, parentId: number | null): TaskRecord {
  return { id, name: `Task-${id}`, parentId, coroutine: "f", spawnedAt: 0, changes: [] };
}

test("lanes put each task under its parent, siblings in spawn order, with their depth", () => {
  const tasks = [task(1, null), task(2, 1), task(3, null), task(4, 2), task(5, 1), task(6, 99)];
  const byId = new Map(tasks.map((each) => [each.id, each]));
  assert.deepEqual(
    laneOrder(tasks, byId).map((lane) => [lane.task.id, lane.depth]),
    [
      [1, 0],
      [2, 1],
      [4, 2],
      [5, 1],
      [3, 0],
      // A parent the page never saw spawn (a REPL session's earlier input) puts the task at the top.
      [6, 0],
    ],
  );
});

test("ten thousand nested tasks make ten thousand lanes without overflowing the stack", () => {
  const tasks = Array.from({ length: 10_000 }, (_, index) => task(index + 1, index === 0 ? null : index));
  const lanes = laneOrder(tasks, new Map(tasks.map((each) => [each.id, each])));
  assert.equal(lanes.length, 10_000);
  assert.equal(lanes.at(-1)!.depth, 9_999);
});

test("a task's current state is its last change, pending before any", () => {
  assert.equal(currentState(task(1, null)), "pending");
  assert.equal(
    currentState({
      ...task(1, null),
      changes: [
        { time: 0, state: "running" },
        { time: 1, state: "cancelled" },
      ],
    }),
    "cancelled",
  );
});
