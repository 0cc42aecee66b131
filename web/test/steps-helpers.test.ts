import assert from "node:assert/strict";
import { test } from "node:test";
import type { StepEvent } from "@looplab/server/protocol";
import { crossesBoxes, layoutGraph } from "../src/lib/steps/graph-layout.ts";
import { stepFromSearch, withStep } from "../src/lib/steps/step-link.ts";
import { nextStepOf, parkedLines, previousStepOf } from "../src/lib/steps/task-steps.ts";
import { describeNode, type WaitGraph } from "../src/lib/steps/wait-graph.ts";

function steps(taskIds: (number | undefined)[]): StepEvent[] {
  return taskIds.map((taskId, index) => ({
    type: "step",
    step: index + 1,
    iteration: index + 1,
    time: 0,
    scheduledBy: index,
    ...(taskId === undefined ? { callback: "wakeUp" } : { taskId }),
  }));
}

test("a task's next and previous steps skip the other tasks' steps and callbacks", () => {
  const run = steps([1, 2, undefined, 2, 1, 2]);
  assert.equal(nextStepOf(run, 2, 0), 2);
  assert.equal(nextStepOf(run, 2, 2), 4);
  assert.equal(nextStepOf(run, 1, 5), null);
  assert.equal(previousStepOf(run, 2, 4), 2);
  assert.equal(previousStepOf(run, 1, 5), 1);
  assert.equal(previousStepOf(run, 1, 1), null);
});

test("the gutter groups waiting tasks by their await line, and leaves out tasks not waiting or with no line", () => {
  assert.deepEqual(
    parkedLines([
      { name: "A", state: "waiting", at: { line: 6 } },
      { name: "B", state: "waiting", at: { line: 6 } },
      { name: "main", state: "waiting", at: { line: 13 } },
      { name: "C", state: "waiting" },
      { name: "D", state: "done", at: { line: 6 } },
    ]),
    [
      { line: 6, names: ["A", "B"] },
      { line: 13, names: ["main"] },
    ],
  );
});

test("a link's step is read from the query, and set keeping the path and the fragment", () => {
  assert.equal(stepFromSearch("?step=12"), 12);
  assert.equal(stepFromSearch("?theme=dark&step=0"), 0);
  assert.equal(stepFromSearch("?step=-1"), null);
  assert.equal(stepFromSearch("?step=1e9"), null);
  assert.equal(stepFromSearch(""), null);
  assert.equal(withStep("https://looplab.test/s/abc?step=3#x", 7), "https://looplab.test/s/abc?step=7#x");
  assert.equal(withStep("https://looplab.test/#code=xyz", 2), "https://looplab.test/?step=2#code=xyz");
});

test("the layout puts a chain of waits in columns left to right and a deadlock's cycle on a ring of boxes that do not overlap", () => {
  const chain: WaitGraph = {
    nodes: [
      { key: "task:1", kind: "task", label: "Task-1" },
      { key: "lock:1", kind: "resource", label: "Lock #1" },
      { key: "task:2", kind: "task", label: "Task-2" },
    ],
    edges: [
      { from: "task:1", to: "lock:1", kind: "waits on", label: "waits on" },
      { from: "lock:1", to: "task:2", kind: "held by", label: "held by" },
    ],
    cycle: [],
  };
  const columns = layoutGraph(chain);
  const x = (key: string) => columns.nodes.get(key)!.x;
  assert.ok(x("task:1") < x("lock:1") && x("lock:1") < x("task:2"));

  const ring: WaitGraph = {
    nodes: ["task:2", "lock:2", "task:3", "lock:1"].map((key) => ({
      key,
      kind: key.startsWith("task") ? "task" : "resource",
      label: key,
      inCycle: true,
    })),
    edges: [],
    cycle: ["task:2", "lock:2", "task:3", "lock:1"],
  };
  const placed = [...layoutGraph(ring).nodes.values()];
  for (const first of placed) {
    for (const second of placed) {
      if (first === second) continue;
      const apart =
        first.x + first.width <= second.x ||
        second.x + second.width <= first.x ||
        first.y + first.height <= second.y ||
        second.y + second.height <= first.y;
      assert.ok(apart, `${first.key} and ${second.key} do not overlap`);
    }
  }
  const box = { key: "b", x: 10, y: -5, width: 10, height: 10 };
  assert.equal(crossesBoxes({ x: 0, y: 0 }, { x: 40, y: 0 }, [box]), true);
  assert.equal(crossesBoxes({ x: 0, y: 20 }, { x: 40, y: 20 }, [box]), false);
});

test("a graph's box is described with its arrows, both ways, and its place in a deadlock's cycle", () => {
  const graph: WaitGraph = {
    nodes: [
      { key: "task:2", kind: "task", taskId: 2, label: "Task-2", detail: "take", inCycle: true },
      { key: "lock:1", kind: "resource", label: "Lock #1", inCycle: true },
      { key: "task:1", kind: "task", taskId: 1, label: "Task-1", running: true },
    ],
    edges: [
      { from: "task:2", to: "lock:1", kind: "waits on", label: "waits on", inCycle: true },
      { from: "lock:1", to: "task:1", kind: "held by", label: "held by" },
      { from: "task:1", to: "task:2", kind: "woke", label: "woke" },
    ],
    cycle: ["task:2", "lock:1"],
  };
  assert.equal(describeNode(graph, "task:2"), "Task-2 (take): waits on Lock #1; Task-1 woke it; in the deadlock's cycle.");
  assert.equal(describeNode(graph, "task:1"), "Task-1, running: woke Task-2; Lock #1 held by it.");
  assert.equal(describeNode({ nodes: [graph.nodes[2]!], edges: [], cycle: [] }, "task:1"), "Task-1, running.");
});
