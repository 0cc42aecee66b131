import assert from "node:assert/strict";
import { test } from "node:test";
import type { StepEvent } from "@looplab/server/protocol";
import type { StateChange } from "../src/lib/task-record.ts";
import { CALLBACK_LANE, prefersStepAxis, StepIndex, stepsUntil } from "../src/lib/timeline/step-index.ts";
import { pieceAt, stepLane, waitsAfterSteps, wakeArrows } from "../src/lib/timeline/step-lane.ts";
import { WAIT_FAMILIES, WAIT_FAMILY_LABELS, waitFamily } from "../src/lib/timeline/wait-kinds.ts";

/** Steps numbered from 1 in the order given. */
function stepsOf(...parts: Omit<StepEvent, "type" | "step">[]): StepEvent[] {
  return parts.map((part, position) => ({ type: "step", step: position + 1, ...part }));
}

const YIELD = { kind: "yield", label: "the next loop iteration" } as const;

// Two tasks that each await sleep(0) twice: main (1) starts them, then they take turns at time 0.
const pingPong = stepsOf(
  { iteration: 1, time: 0, taskId: 1, scheduledBy: 0 },
  { iteration: 2, time: 0, taskId: 2, scheduledBy: 1 },
  { iteration: 2, time: 0, taskId: 3, scheduledBy: 1 },
  { iteration: 3, time: 0, taskId: 2, scheduledBy: 2 },
  { iteration: 3, time: 0, taskId: 3, scheduledBy: 3 },
  { iteration: 4, time: 0, taskId: 2, scheduledBy: 4 },
  { iteration: 4, time: 0, taskId: 3, scheduledBy: 5 },
  { iteration: 5, time: 0, callback: "onChildDone", scheduledBy: 7 },
  { iteration: 6, time: 0, taskId: 1, scheduledBy: 8 },
);
const pingChanges: StateChange[] = [
  { time: 0, state: "pending" },
  { time: 0, state: "running" },
  { time: 0, state: "waiting", waitingOn: YIELD },
  { time: 0, state: "running" },
  { time: 0, state: "waiting", waitingOn: YIELD },
  { time: 0, state: "running" },
  { time: 0, state: "done" },
];

test("the index puts each step in its task's lane, callbacks in their own, and marks where iterations begin", () => {
  const index = new StepIndex().update(pingPong);
  assert.deepEqual(index.positionsByLane.get(2), [1, 3, 5]);
  assert.deepEqual(index.positionsByLane.get(3), [2, 4, 6]);
  assert.deepEqual(index.positionsByLane.get(CALLBACK_LANE), [7]);
  assert.deepEqual(index.iterationStarts, [0, 1, 3, 5, 7, 8]);
  assert.equal(index.iterationStart(4), 5);
  assert.equal(index.positionOf(pingPong, 5), 4);
  assert.equal(index.positionOf(pingPong, 99), -1);
});

test("an index grown step by step equals one made at once", () => {
  const grown = new StepIndex();
  for (let count = 1; count <= pingPong.length; count++) grown.update(pingPong.slice(0, count));
  const whole = new StepIndex().update(pingPong);
  assert.deepEqual(grown.laneOf, whole.laneOf);
  assert.deepEqual([...grown.positionsByLane], [...whole.positionsByLane]);
  assert.deepEqual(grown.iterationStarts, whole.iterationStarts);
  assert.equal(grown.sameInstantTaskSteps, whole.sameInstantTaskSteps);
});

test("the step axis is preferred when task steps share instants, the clock when time moves between them", () => {
  assert.equal(prefersStepAxis(new StepIndex().update(pingPong)), true);
  const sleepers = stepsOf(
    { iteration: 1, time: 0, taskId: 1, scheduledBy: 0 },
    { iteration: 2, time: 1, taskId: 1, scheduledBy: 1, timer: true },
    { iteration: 3, time: 2, taskId: 1, scheduledBy: 2, timer: true },
    { iteration: 4, time: 3, taskId: 1, scheduledBy: 3, timer: true },
  );
  const index = new StepIndex().update(sleepers);
  assert.equal(prefersStepAxis(index), false);
  // The welcome snippet: main starts three tasks at 0 s, which wake at 1, 1.5 and 2 s.
  const together = stepsOf(
    ...[0, 0, 0, 0, 1, 1.5, 2, 2].map((time, position) => ({
      iteration: position + 1,
      time,
      taskId: position === 7 ? 1 : (position % 4) + 1,
      scheduledBy: 0,
    })),
  );
  assert.equal(prefersStepAxis(new StepIndex().update(together)), false);
  assert.deepEqual(index.clockMoves, [1, 2, 3]);
  assert.equal(stepsUntil(sleepers, 1.5), 2);
  assert.equal(stepsUntil(sleepers, Number.POSITIVE_INFINITY), 4);
});

test("a ping-pong lane alternates running slots with yields, ready from the step that scheduled it, and ends done", () => {
  const index = new StepIndex().update(pingPong);
  const lane = stepLane(pingChanges, index.positionsByLane.get(2)!, pingPong, index, pingPong.length);
  assert.deepEqual(
    lane.pieces.map((piece) => [piece.kind, piece.start, piece.end, piece.step ?? piece.waitingOn?.kind ?? null]),
    [
      // Created in step 1, ready from its end until it ran at position 1.
      ["running", 1, 2, 2],
      // Its sleep(0) made it ready again at once: no wait, ready until its turn.
      ["ready", 2, 3, null],
      ["running", 3, 4, 4],
      ["ready", 4, 5, null],
      ["running", 5, 6, 6],
    ],
  );
  assert.deepEqual(lane.ending, { state: "done", at: 6 });
  assert.equal(pieceAt(lane, 3)?.step, 4);
  assert.equal(pieceAt(lane, 8), null);
});

test("a wait lasts until the step that woke it, and a timer's wait until its iteration begins", () => {
  const steps = stepsOf(
    { iteration: 1, time: 0, taskId: 1, scheduledBy: 0 },
    { iteration: 1, time: 0, taskId: 2, scheduledBy: 0 },
    { iteration: 2, time: 0, taskId: 2, scheduledBy: 1 },
    { iteration: 3, time: 1, callback: "tick", scheduledBy: 3, timer: true },
    { iteration: 3, time: 1, taskId: 1, scheduledBy: 2, timer: true },
  );
  const index = new StepIndex().update(steps);
  const queueWait = { kind: "queue", objectId: 1, label: "Queue #1 get()" } as const;
  const consumer = stepLane(
    [
      { time: 0, state: "running" },
      { time: 0, state: "waiting", waitingOn: queueWait },
      { time: 0, state: "running" },
      { time: 0, state: "waiting", waitingOn: { kind: "sleep", until: 5, label: "sleep(5)" } },
    ],
    index.positionsByLane.get(2)!,
    steps,
    index,
    steps.length,
  );
  assert.deepEqual(
    consumer.pieces.map((piece) => [piece.kind, piece.start, piece.end, piece.waitingOn?.label ?? null]),
    [
      ["running", 1, 2, null],
      // Scheduled in step 1, before its previous step ran: no wait, ready at once.
      ["running", 2, 3, null],
      ["waiting", 3, 5, "sleep(5)"],
    ],
  );
  assert.equal(consumer.ending, null);
  const sleeper = stepLane(
    [
      { time: 0, state: "running" },
      { time: 0, state: "waiting", waitingOn: { kind: "sleep", until: 1, label: "sleep(1)" } },
      { time: 1, state: "running" },
      { time: 1, state: "done" },
    ],
    index.positionsByLane.get(1)!,
    steps,
    index,
    steps.length,
  );
  assert.deepEqual(
    sleeper.pieces.map((piece) => [piece.kind, piece.start, piece.end]),
    [
      ["running", 0, 1],
      ["waiting", 1, 3],
      ["ready", 3, 4],
      ["running", 4, 5],
    ],
  );
});

test("a lane whose steps do not match its running changes (a hand-off lane) shows its gaps as waits on nothing recorded", () => {
  assert.equal(
    waitsAfterSteps(
      [
        { time: 0, state: "running" },
        { time: 0, state: "done" },
      ],
      3,
    ),
    null,
  );
  const steps = stepsOf(
    { iteration: 0, time: 0, taskId: 2, scheduledBy: 0 },
    { iteration: 0, time: 0, taskId: 1, scheduledBy: 1, value: "''" },
    { iteration: 0, time: 0, taskId: 2, scheduledBy: 2, value: "1" },
    { iteration: 0, time: 0, taskId: 1, scheduledBy: 3, value: "'ok'" },
  );
  const index = new StepIndex().update(steps);
  const main = stepLane(
    [
      { time: 0, state: "running" },
      { time: 0, state: "done" },
    ],
    index.positionsByLane.get(1)!,
    steps,
    index,
    steps.length,
  );
  assert.deepEqual(
    main.pieces.map((piece) => [piece.kind, piece.start, piece.end, piece.waitingOn === undefined]),
    [
      ["running", 1, 2, true],
      ["waiting", 2, 3, true],
      ["running", 3, 4, true],
    ],
  );
  assert.deepEqual(main.ending, { state: "done", at: 4 });
});

test("wake-up arrows join steps of different lanes, and skip a lane's own wake-ups and timers", () => {
  const index = new StepIndex().update(pingPong);
  assert.deepEqual(wakeArrows(pingPong, index, 0, pingPong.length, 100), [
    { from: 0, to: 1 },
    { from: 0, to: 2 },
    { from: 6, to: 7 },
    { from: 7, to: 8 },
  ]);
  assert.equal(wakeArrows(pingPong, index, 0, pingPong.length, 2).length, 2);
  assert.deepEqual(wakeArrows(pingPong, index, 5, 8, 100), [{ from: 6, to: 7 }]);
});

test("every kind of wait belongs to a family the legend names", () => {
  assert.equal(waitFamily({ kind: "sleep", until: 1, label: "sleep(1)" }), "sleep");
  assert.equal(waitFamily({ kind: "tasks", taskIds: [2, 3], label: "gather" }), "future");
  assert.equal(waitFamily({ kind: "semaphore", objectId: 1, label: "Semaphore #1" }), "lock");
  assert.equal(waitFamily({ kind: "queue", objectId: 1, label: "Queue #1" }), "queue");
  assert.equal(waitFamily({ kind: "event", objectId: 1, label: "Event #1" }), "event");
  assert.equal(waitFamily({ kind: "network", label: "GET /" }), "io");
  assert.equal(waitFamily(undefined), "yield");
  for (const family of WAIT_FAMILIES) assert.ok(WAIT_FAMILY_LABELS[family]().length > 0);
});
