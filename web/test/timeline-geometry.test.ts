import assert from "node:assert/strict";
import { test } from "node:test";
import type { TaskRecord } from "../src/lib/task-record.ts";
import { awaitedTaskIds, segmentAt, segmentsOf, stateAt, tickStep, ticks } from "../src/lib/timeline-geometry.ts";

const sleeper: TaskRecord = {
  id: 2,
  name: "Task-2",
  parentId: 1,
  coroutine: "work",
  spawnedAt: 0,
  changes: [
    { time: 0, state: "pending" },
    { time: 0, state: "running" },
    { time: 0, state: "waiting", waitingOn: { kind: "sleep", until: 2, label: "sleep(2)" } },
    { time: 2, state: "running" },
    { time: 2, state: "done" },
  ],
  result: "'ok'",
};

test("a finished task's segments: one per state, the wait lasting until the wake-up, the final state an instant", () => {
  const segments = segmentsOf(sleeper, Number.POSITIVE_INFINITY, 2);
  assert.deepEqual(
    segments.map((segment) => [segment.state, segment.start, segment.end, segment.terminal]),
    [
      ["pending", 0, 0, false],
      ["running", 0, 0, false],
      ["waiting", 0, 2, false],
      ["running", 2, 2, false],
      ["done", 2, 2, true],
    ],
  );
  assert.equal(segments[2]!.waitingOn?.label, "sleep(2)");
});

test("segments stop at the replay cursor: a wait in progress reaches the cursor, later changes are not shown yet", () => {
  const segments = segmentsOf(sleeper, 1.5, 2);
  assert.deepEqual(
    segments.map((segment) => [segment.state, segment.start, segment.end]),
    [
      ["pending", 0, 0],
      ["running", 0, 0],
      ["waiting", 0, 1.5],
    ],
  );
  assert.deepEqual(segmentsOf({ ...sleeper, spawnedAt: 3 }, 2, 5), []);
});

test("a live task's last segment reaches now; a task not yet scheduled is pending from its spawn", () => {
  const live: TaskRecord = { ...sleeper, changes: sleeper.changes.slice(0, 3) };
  assert.deepEqual(segmentsOf(live, Number.POSITIVE_INFINITY, 7.5).at(-1), {
    state: "waiting",
    start: 0,
    end: 7.5,
    terminal: false,
    waitingOn: { kind: "sleep", until: 2, label: "sleep(2)" },
  });
  const unscheduled: TaskRecord = { ...sleeper, spawnedAt: 1, changes: [] };
  assert.deepEqual(segmentsOf(unscheduled, Number.POSITIVE_INFINITY, 4), [{ state: "pending", start: 1, end: 4, terminal: false }]);
});

test("the segment under a point: the latest one within the slack wins, so an instant can be pointed at", () => {
  const segments = segmentsOf(sleeper, Number.POSITIVE_INFINITY, 2);
  assert.equal(segmentAt(segments, 1, 0)?.state, "waiting");
  assert.equal(segmentAt(segments, 2.01, 0.02)?.state, "done");
  assert.equal(segmentAt(segments, 3, 0.02), null);
});

test("the state at a time is the last change at or before it, and nothing before the spawn", () => {
  assert.equal(stateAt(sleeper, 1), "waiting");
  assert.equal(stateAt(sleeper, 2), "done");
  assert.equal(stateAt({ ...sleeper, spawnedAt: 1 }, 0.5), null);
});

test("axis ticks step by 1, 2 or 5 times a power of ten and print without float noise", () => {
  assert.equal(tickStep(10, 5), 2);
  assert.equal(tickStep(0.9, 4), 0.5);
  assert.deepEqual(ticks(0.3, 3), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(ticks(0, 5), [0]);
});

test("a wait links to the tasks it awaits", () => {
  assert.deepEqual(awaitedTaskIds({ kind: "task", taskId: 3, label: "Task-3" }), [3]);
  assert.deepEqual(awaitedTaskIds({ kind: "tasks", taskIds: [3, 4], label: "gather of 2" }), [3, 4]);
  assert.deepEqual(awaitedTaskIds({ kind: "lock", objectId: 1, label: "Lock" }), []);
  assert.deepEqual(awaitedTaskIds(undefined), []);
});
