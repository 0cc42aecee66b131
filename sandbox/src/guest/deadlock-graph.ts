// A DeadlockError's wait-for graph, copied for the host. The error is the snippet's to touch
// (it can catch one, make one, or set `graph` to anything, getters and proxies included), so the
// copy reads each field once, keeps only well-formed data within the bounds the host checks
// (guest-record-schema.ts), and gives nothing at all for a graph the runtime could not have made.

import { DeadlockError } from "@looplab/runtime";
import {
  type DeadlockEdge,
  type DeadlockGraph,
  type DeadlockNode,
  type DeadlockNodeKind,
  MAX_DEADLOCK_EDGES,
  MAX_DEADLOCK_LABEL_CHARACTERS,
  MAX_DEADLOCK_NODES,
} from "@looplab/runtime/events";
import { bounded } from "./bounded-text.js";
import { isArray } from "./captured-intrinsics.js";

/** A copy of the DeadlockError's graph; undefined for another error or a graph the runtime does not make. Never throws. */
export function deadlockGraphOf(error: unknown): DeadlockGraph | undefined {
  try {
    if (!(error instanceof DeadlockError)) return undefined;
    const graph: unknown = error.graph;
    if (typeof graph !== "object" || graph === null) return undefined;
    const { nodes, edges, cycle, truncated } = graph as Record<string, unknown>;
    const nodesCopy = copyList(nodes, MAX_DEADLOCK_NODES, copyNode);
    if (nodesCopy === undefined) return undefined;
    const count = nodesCopy.length;
    const edgesCopy = copyList(edges, MAX_DEADLOCK_EDGES, (edge) => copyEdge(edge, count));
    if (edgesCopy === undefined) return undefined;
    const cycleCopy = cycle === null ? null : copyList(cycle, count, (index) => (isIndex(index, count) ? index : undefined));
    if (cycleCopy === undefined || (truncated !== undefined && truncated !== true)) return undefined;
    return { nodes: nodesCopy, edges: edgesCopy, cycle: cycleCopy, truncated };
  } catch {
    return undefined;
  }
}

function copyList<T>(list: unknown, limit: number, copy: (item: unknown) => T | undefined): T[] | undefined {
  if (!isArray(list)) return undefined;
  const length: unknown = list.length;
  if (typeof length !== "number" || length > limit) return undefined;
  const copied: T[] = [];
  for (let index = 0; index < length; index++) {
    const item = copy(list[index]);
    if (item === undefined) return undefined;
    copied[index] = item;
  }
  return copied;
}

function copyNode(node: unknown): DeadlockNode | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const { kind, id, label, coroutine, done } = node as Record<string, unknown>;
  if (!isNodeKind(kind) || typeof label !== "string") return undefined;
  if (id !== undefined && !isCount(id)) return undefined;
  if (coroutine !== undefined && typeof coroutine !== "string") return undefined;
  if (done !== undefined && done !== true) return undefined;
  return {
    kind,
    id,
    label: bounded(label, MAX_DEADLOCK_LABEL_CHARACTERS),
    coroutine: coroutine === undefined ? undefined : bounded(coroutine, MAX_DEADLOCK_LABEL_CHARACTERS),
    done,
  };
}

function copyEdge(edge: unknown, count: number): DeadlockEdge | undefined {
  if (typeof edge !== "object" || edge === null) return undefined;
  const { from, to, kind } = edge as Record<string, unknown>;
  if (!isIndex(from, count) || !isIndex(to, count) || (kind !== "waits-on" && kind !== "held-by")) return undefined;
  return { from, to, kind };
}

/**
 * A switch, not a list's `includes`: the snippet may have replaced Array.prototype's methods.
 * Its default branch does not compile if a kind is added to DeadlockNodeKind and not here.
 */
function isNodeKind(value: unknown): value is DeadlockNodeKind {
  const kind = value as DeadlockNodeKind;
  switch (kind) {
    case "task":
    case "tasks":
    case "sleep":
    case "yield":
    case "future":
    case "promise":
    case "lock":
    case "event":
    case "condition":
    case "semaphore":
    case "barrier":
    case "queue":
    case "greenlet":
    case "executor":
    case "network":
      return true;
    default:
      return notAKind(kind);
  }
}

/** Takes only `never`: isNodeKind compiles only while it has a case for every DeadlockNodeKind. */
function notAKind(_kind: never): false {
  return false;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && value >= 0 && value <= Number.MAX_SAFE_INTEGER && value % 1 === 0;
}

function isIndex(value: unknown, count: number): value is number {
  return isCount(value) && value < count;
}
