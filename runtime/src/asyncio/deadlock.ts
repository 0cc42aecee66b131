// The message of a DeadlockError: which tasks are stuck and on what, so the reader can see
// the cycle or the missing wake-up; and the same as data, the wait-for graph with its cycle.

import {
  type DeadlockEdge,
  type DeadlockGraph,
  type DeadlockNode,
  MAX_DEADLOCK_EDGES,
  MAX_DEADLOCK_LABEL_CHARACTERS,
  MAX_DEADLOCK_NODES,
  type WaitTarget,
} from "../events.js";
import type { Future } from "./futures.js";
import type { Task } from "./tasks.js";

const NOTHING_CAN_WAKE = "no task is ready, no timer is pending, and nothing else can wake a waiting task";

export function describeDeadlock(main: Future | null, liveTasks: Iterable<Task>, cause = NOTHING_CAN_WAKE): string {
  const lines: string[] = [];
  for (const task of liveTasks) {
    const target = task.describeOwnWait();
    const waits = target === null ? "is ready but was never scheduled" : `waits on ${target.label}`;
    lines.push(`  ${task.getName()} (${task.getCoro().name}) ${waits}`);
  }
  const subject = main === null ? "the event loop" : `the main ${main.constructor.name === "Task" ? "task" : "future"}`;
  const head = `${subject} can never finish: ${cause}`;
  return lines.length === 0 ? head : `${head}. Pending tasks:\n${lines.join("\n")}`;
}

/**
 * The wait-for graph of a deadlocked loop (events.ts's DeadlockGraph): each live task, what it
 * waits on, who holds that, and a cycle when there is one. Made only when the loop finds a
 * deadlock, so it costs nothing while the run goes on.
 */
export function deadlockGraph(liveTasks: Iterable<Task>): DeadlockGraph {
  const graph = new GraphBuilder();
  const live = new Map<number, Task>();
  for (const task of liveTasks) live.set(task.id, task);
  for (const task of live.values()) {
    const from = graph.task(task);
    const waiter = task.ownWaiter();
    if (waiter === null) continue;
    const target = waiter.describeWait();
    if (target.kind === "task") {
      const awaited = live.get(target.taskId);
      if (awaited !== undefined) graph.edge(from, graph.task(awaited), "waits-on");
      continue;
    }
    // A lock's waiters share its target; a future or a gather is one node however many await it.
    const to = graph.node("objectId" in target ? target : waiter, target);
    graph.edge(from, to, "waits-on");
    if (target.kind === "tasks") {
      for (const id of target.taskIds) {
        const member = live.get(id);
        if (member !== undefined) graph.edge(to, graph.task(member), "waits-on");
      }
    }
    for (const holder of waiter.heldBy?.holders() ?? []) graph.edge(to, graph.task(holder), "held-by");
  }
  return graph.finish();
}

/** No index: the node was left out, past MAX_DEADLOCK_NODES. */
const LEFT_OUT = -1;

class GraphBuilder {
  private readonly nodes: DeadlockNode[] = [];
  private readonly edges: DeadlockEdge[] = [];
  private readonly indices = new Map<unknown, number>();
  private readonly edgeKeys = new Set<string>();
  private readonly next: number[][] = [];
  private truncated = false;

  task(task: Task): number {
    const index = this.indices.get(task);
    if (index !== undefined) return index;
    const node: DeadlockNode = { kind: "task", id: task.id, label: cut(task.getName()), coroutine: cut(task.getCoro().name) };
    if (task.done()) node.done = true;
    return this.add(task, node);
  }

  /** What tasks wait on, once per `key`. */
  node(key: unknown, target: Exclude<WaitTarget, { kind: "task" }>): number {
    const index = this.indices.get(key);
    if (index !== undefined) return index;
    const node: DeadlockNode = { kind: target.kind, label: cut(target.label) };
    if ("objectId" in target) node.id = target.objectId;
    else if (target.kind === "future") node.id = target.futureId;
    return this.add(key, node);
  }

  edge(from: number, to: number, kind: DeadlockEdge["kind"]): void {
    if (from === LEFT_OUT || to === LEFT_OUT) return;
    const key = `${from} ${to} ${kind}`;
    if (this.edgeKeys.has(key)) return;
    if (this.edges.length === MAX_DEADLOCK_EDGES) {
      this.truncated = true;
      return;
    }
    this.edgeKeys.add(key);
    this.edges.push({ from, to, kind });
    this.next[from]?.push(to);
  }

  finish(): DeadlockGraph {
    const graph: DeadlockGraph = { nodes: this.nodes, edges: this.edges, cycle: this.findCycle() };
    if (this.truncated) graph.truncated = true;
    return graph;
  }

  private add(key: unknown, node: DeadlockNode): number {
    if (this.nodes.length === MAX_DEADLOCK_NODES) {
      this.truncated = true;
      return LEFT_OUT;
    }
    const index = this.nodes.length;
    this.nodes.push(node);
    this.next.push([]);
    this.indices.set(key, index);
    return index;
  }

  /**
   * The first cycle a depth-first walk from each node in order meets, turned to start at its
   * task created first (the smallest task id); null when the graph has none.
   */
  private findCycle(): number[] | null {
    const UNSEEN = 0;
    const ON_PATH = 1;
    const DONE = 2;
    const state = new Array<number>(this.nodes.length).fill(UNSEEN);
    for (let root = 0; root < this.nodes.length; root++) {
      if (state[root] !== UNSEEN) continue;
      // The path from the root, each node with the index of its next edge to follow.
      const path: number[] = [root];
      const edgeAt: number[] = [0];
      state[root] = ON_PATH;
      while (path.length > 0) {
        const top = path.length - 1;
        const node = path[top] as number;
        const out = this.next[node] as number[];
        const at = edgeAt[top] as number;
        if (at === out.length) {
          state[node] = DONE;
          path.pop();
          edgeAt.pop();
          continue;
        }
        edgeAt[top] = at + 1;
        const to = out[at] as number;
        if (state[to] === ON_PATH) return this.fromFirstTask(path.slice(path.indexOf(to)));
        if (state[to] === UNSEEN) {
          state[to] = ON_PATH;
          path.push(to);
          edgeAt.push(0);
        }
      }
    }
    return null;
  }

  private fromFirstTask(cycle: number[]): number[] {
    let start = 0;
    let first = Number.POSITIVE_INFINITY;
    cycle.forEach((index, at) => {
      const node = this.nodes[index] as DeadlockNode;
      if (node.kind === "task" && (node.id as number) < first) {
        first = node.id as number;
        start = at;
      }
    });
    return [...cycle.slice(start), ...cycle.slice(0, start)];
  }
}

function cut(label: string): string {
  return label.length <= MAX_DEADLOCK_LABEL_CHARACTERS ? label : `${label.slice(0, MAX_DEADLOCK_LABEL_CHARACTERS - 1)}…`;
}
