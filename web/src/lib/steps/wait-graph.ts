// Who waits on whom after a step: the live tasks, what each waits on, who holds what it waits
// on and who woke the task that ran. After a deadlock, the graph the runtime reported, with its
// cycle: the learner sees the locks the tasks hold and want.

import type { CancelRequester, DeadlockGraph } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";
import { waitWords } from "../i18n/wait-words.ts";
import type { StepState } from "./step-state.ts";
import type { WakeCause } from "./wake-cause.ts";

export interface GraphNode {
  /** Unique in its graph: "task:2", "lock:1", "future:4", "timer". */
  key: string;
  kind: "task" | "resource" | "other";
  /** A task node's task. */
  taskId?: number;
  label: string;
  /** A second line: a task's coroutine, or what it waits on when that has no node. */
  detail?: string;
  running?: boolean;
  inCycle?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** What the arrow says, in the page's language: "awaits", "cancels (TaskGroup)". */
  label: string;
  inCycle?: boolean;
}

export interface WaitGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The deadlock's cycle, by node key, in order; empty when none is shown. */
  cycle: string[];
}

type EdgeKind = "awaits" | "waits on" | "held by" | "woke" | "cancels";

/** Each arrow's word, in the page's language; the kind stays the data's name. */
const EDGE_WORDS: Record<EdgeKind, () => string> = {
  awaits: m.graph_edge_awaits,
  "waits on": m.graph_edge_waits_on,
  "held by": m.graph_edge_held_by,
  woke: m.graph_edge_woke,
  cancels: m.graph_edge_cancels,
};

function edge(from: string, to: string, kind: EdgeKind): GraphEdge {
  return { from, to, kind, label: EDGE_WORDS[kind]() };
}

const LIVE = new Set(["pending", "running", "waiting"]);

const taskKey = (id: number): string => `task:${id}`;

/** The mechanism a cancellation went through, as the arrow names it; none for a plain cancel(). */
const CANCELLED_THROUGH: Record<CancelRequester, (() => string) | null> = {
  task: null,
  await: m.graph_through_await,
  gather: () => "gather",
  "task-group": () => "TaskGroup",
  timeout: () => "timeout()",
  "wait-for": () => "waitFor()",
  shutdown: m.graph_through_shutdown,
};

/** The arrow's words: "cancels", or "cancels (TaskGroup)" and the message, if any. */
function cancelsLabel(by: CancelRequester, message: string | undefined): string {
  const through = CANCELLED_THROUGH[by];
  const words = through === null ? m.graph_edge_cancels() : m.graph_edge_cancels_through({ through: through() });
  return message === undefined ? words : m.graph_edge_cancel_message({ edge: words, message });
}

/** The graph of the live tasks of `state`; `runningTaskId` ran the step, woken by `cause`. */
export function liveWaitGraph(state: StepState, runningTaskId: number | undefined, cause: WakeCause | null): WaitGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const taskNode = (id: number): string => {
    const key = taskKey(id);
    if (!nodes.has(key)) {
      const task = state.tasks.get(id);
      nodes.set(key, {
        key,
        kind: "task",
        taskId: id,
        label: task?.name ?? `Task ${id}`,
        detail: task?.coroutine,
        running: id === runningTaskId,
      });
    }
    return key;
  };
  for (const task of state.tasks.values()) {
    if (!LIVE.has(task.state) && task.id !== runningTaskId) continue;
    const from = taskNode(task.id);
    const target = task.state === "waiting" ? task.waitingOn : undefined;
    if (target === undefined) continue;
    switch (target.kind) {
      case "task":
        edges.push(edge(from, taskNode(target.taskId), "awaits"));
        break;
      case "tasks":
        for (const id of target.taskIds) edges.push(edge(from, taskNode(id), "awaits"));
        break;
      case "lock":
      case "event":
      case "condition":
      case "semaphore":
      case "barrier":
      case "queue": {
        const key = `${target.kind}:${target.objectId}`;
        if (!nodes.has(key)) nodes.set(key, { key, kind: "resource", label: target.label });
        edges.push(edge(from, key, "waits on"));
        break;
      }
      case "future": {
        const key = `future:${target.futureId}`;
        if (!nodes.has(key)) nodes.set(key, { key, kind: "other", label: target.label });
        edges.push(edge(from, key, "waits on"));
        break;
      }
      default: {
        const node = nodes.get(from)!;
        node.detail = `${node.detail ?? ""} · ${waitWords(target)}`;
      }
    }
  }
  // A held lock someone waits on shows its holder, so the chain reads task → lock → holder.
  for (const resource of state.resources.values()) {
    const key = `${resource.kind}:${resource.id}`;
    if (resource.holder !== undefined && nodes.has(key)) edges.push(edge(key, taskNode(resource.holder), "held by"));
  }
  // A cancellation under way: from the task behind it, or from the mechanism itself (a deadline's
  // timer, the shutdown) when no task is, to the task it is to reach.
  for (const cancellation of state.cancellations.values()) {
    const cancelled = state.tasks.get(cancellation.taskId);
    if (cancelled === undefined || (!LIVE.has(cancelled.state) && cancelled.id !== runningTaskId)) continue;
    let from: string;
    if (cancellation.byTaskId !== undefined && cancellation.byTaskId !== cancellation.taskId) from = taskNode(cancellation.byTaskId);
    else {
      from = `canceller:${cancellation.by}`;
      if (!nodes.has(from)) nodes.set(from, { key: from, kind: "other", label: CANCELLED_THROUGH[cancellation.by]?.() ?? "cancel()" });
    }
    edges.push({ ...edge(from, taskNode(cancellation.taskId), "cancels"), label: cancelsLabel(cancellation.by, cancellation.message) });
  }
  if (cause?.kind === "task" && runningTaskId !== undefined && cause.taskId !== runningTaskId) {
    edges.push(edge(taskNode(cause.taskId), taskNode(runningTaskId), "woke"));
  }
  return { nodes: [...nodes.values()], edges, cycle: [] };
}

/** The runtime's deadlock graph, its cycle marked, the cycle's nodes first so they draw as a ring. */
export function deadlockWaitGraph(deadlock: DeadlockGraph): WaitGraph {
  const keys = deadlock.nodes.map((node, index) =>
    node.kind === "task" && node.id !== undefined ? taskKey(node.id) : `${node.kind}:${node.id ?? `#${index}`}`,
  );
  const cycle = (deadlock.cycle ?? []).map((index) => keys[index]!);
  const inCycle = new Set(cycle);
  const cycleEdges = new Set(cycle.map((key, index) => `${key}>${cycle[(index + 1) % cycle.length]}`));
  const order = [...(deadlock.cycle ?? []), ...deadlock.nodes.keys()].filter((index, position, all) => all.indexOf(index) === position);
  const nodes: GraphNode[] = order.map((index) => {
    const node = deadlock.nodes[index]!;
    return {
      key: keys[index]!,
      kind: node.kind === "task" ? "task" : node.kind === "tasks" || node.kind === "future" ? "other" : "resource",
      ...(node.kind === "task" && node.id !== undefined ? { taskId: node.id } : {}),
      // A gather's node is labelled as its wait is ("gather of 2"): words, not a name.
      label: node.kind === "task" ? node.label : waitWords(node),
      ...(node.coroutine === undefined ? {} : { detail: node.coroutine }),
      ...(inCycle.has(keys[index]!) ? { inCycle: true } : {}),
    };
  });
  const edges: GraphEdge[] = deadlock.edges.map((reported) => {
    const from = keys[reported.from]!;
    const to = keys[reported.to]!;
    const kind = reported.kind === "held-by" ? "held by" : deadlock.nodes[reported.to]?.kind === "task" ? "awaits" : "waits on";
    return { ...edge(from, to, kind), ...(cycleEdges.has(`${from}>${to}`) ? { inCycle: true } : {}) };
  });
  return { nodes, edges, cycle };
}

/**
 * A node and its arrows in words, for a screen reader landing on it: "Task-2 (worker), running:
 * waits on Lock #2; Lock #1 held by it; in the deadlock's cycle."
 */
export function describeNode(graph: WaitGraph, key: string): string {
  const labels = new Map(graph.nodes.map((node) => [node.key, node.label]));
  const node = graph.nodes.find((candidate) => candidate.key === key);
  if (node === undefined) return "";
  const facts = [
    ...graph.edges.filter((arrow) => arrow.from === key).map((arrow) => `${arrow.label} ${labels.get(arrow.to)}`),
    ...graph.edges
      .filter((arrow) => arrow.to === key)
      .map((arrow) => m.graph_node_incoming({ from: labels.get(arrow.from) ?? "", edge: arrow.label })),
  ];
  if (node.inCycle === true) facts.push(m.graph_node_in_cycle());
  const named = node.detail === undefined ? node.label : m.graph_node_detail({ name: node.label, detail: node.detail });
  const name = node.running === true ? m.graph_node_running({ name: named }) : named;
  return facts.length === 0 ? m.graph_node_alone({ name }) : m.graph_node_facts({ name, facts: facts.join(m.graph_fact_separator()) });
}

/** Whether `state` already has the cycle's waits: each task of the cycle waits on the node after it. */
export function cycleHolds(state: StepState, deadlock: DeadlockGraph): boolean {
  const cycle = deadlock.cycle;
  if (cycle === null || cycle.length === 0) return false;
  return cycle.every((index, position) => {
    const node = deadlock.nodes[index]!;
    if (node.kind !== "task" || node.id === undefined) return true;
    const next = deadlock.nodes[cycle[(position + 1) % cycle.length]!]!;
    const waitingOn = state.tasks.get(node.id)?.waitingOn;
    if (state.tasks.get(node.id)?.state !== "waiting" || waitingOn === undefined) return false;
    if (waitingOn.kind === "task") return next.kind === "task" && waitingOn.taskId === next.id;
    if ("objectId" in waitingOn) return waitingOn.objectId === next.id;
    if (waitingOn.kind === "future") return waitingOn.futureId === next.id;
    return waitingOn.kind === next.kind;
  });
}
