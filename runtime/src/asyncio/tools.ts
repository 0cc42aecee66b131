// `python -m asyncio ps` and `pstree` (CPython 3.14 Lib/asyncio/tools.py), for the loop this
// runs on: a table of the live tasks, each with its coroutine stack and who awaits it, and the
// same as a tree from the tasks nobody awaits down to the tasks they await. CPython reads
// another process; here the task that asks is running, so it is left out, as the process that
// asks is in CPython.

import { print } from "../builtins/print.js";
import { option } from "../python-names.js";
import { awaitersIndex } from "./awaited-by.js";
import { getRunningLoop } from "./events.js";
import { callStackOf, type FrameCallGraphEntry, RUNTIME_FILE } from "./graph.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./tasks.js";

/** The loop's one thread, in the `tid` column CPython fills with the OS thread's id. */
const THREAD_ID = 1;

interface TaskInfo {
  id: number;
  name: string;
  /** Its coroutines, innermost first, as tools.py formats them. */
  stack: string[];
  /** The tasks awaiting it, by id. */
  awaitedBy: number[];
}

/** Raised when the tasks await each other in a cycle: pstree cannot draw a tree (tools.py's CycleFoundException). */
export class CycleFoundException extends Error {
  constructor(
    readonly cycles: number[][],
    readonly id2name: ReadonlyMap<number, string>,
  ) {
    super(`the await graph has ${cycles.length === 1 ? "a cycle" : `${cycles.length} cycles`}`);
    this.name = "CycleFoundException";
  }
}

export interface ToolsOptions {
  /** False to show coroutines by name only: in the REPL a line is in the input that defined the coroutine, which the runtime does not record. */
  locations?: boolean;
}

/** tools.py's _format_stack_entry: `main snippet.ts:12`, or the bare name of a frame without a line. */
function formatStackEntry(entry: FrameCallGraphEntry, locations: boolean): string {
  if (!locations || entry.line === null || entry.filename === RUNTIME_FILE) return entry.name;
  return `${entry.name} ${entry.filename}:${entry.line}`;
}

/** Every live task but the one asking, in creation order. */
function liveTaskInfo(loop: EventLoop, options: ToolsOptions | undefined): TaskInfo[] {
  const locations = option(options, "locations", true);
  const index = awaitersIndex(loop);
  const infos: TaskInfo[] = [];
  for (const task of loop.liveTasks) {
    if (task === loop.currentTask) continue;
    infos.push({
      id: task.id,
      name: task.getName(),
      stack: callStackOf(task).map((entry) => formatStackEntry(entry, locations)),
      awaitedBy: (index.get(task) ?? []).filter((awaiter: Task) => awaiter !== loop.currentTask).map((awaiter) => awaiter.id),
    });
  }
  return infos;
}

/** An edge of the await graph: `parent`, whose coroutines are `stack` (innermost first), awaits `child`. */
interface Await {
  parent: number;
  stack: string[];
  child: number;
}

function indexTasks(infos: TaskInfo[]): { id2name: Map<number, string>; awaits: Await[]; stacks: Map<number, string[]> } {
  const id2name = new Map<number, string>();
  const stacks = new Map<number, string[]>();
  for (const info of infos) {
    id2name.set(info.id, info.name);
    stacks.set(info.id, info.stack);
  }
  const awaits: Await[] = [];
  for (const info of infos) {
    for (const parent of info.awaitedBy) awaits.push({ parent, stack: stacks.get(parent) ?? [], child: info.id });
  }
  return { id2name, awaits, stacks };
}

const hex = (id: number) => `0x${id.toString(16)}`;
/** The name without its location: tools.py's `entry.split(" ")[0]`. */
const bareName = (entry: string) => entry.split(" ")[0] ?? entry;

/** build_task_table: a row per task and awaiter (tid, task id, task name, coroutine stack, awaiter chain, awaiter name, awaiter id). */
export function buildTaskTable(options?: ToolsOptions, loop: EventLoop = getRunningLoop()): string[][] {
  const infos = liveTaskInfo(loop, options);
  const { id2name, stacks } = indexTasks(infos);
  const table: string[][] = [];
  for (const info of infos) {
    const stack = info.stack.map(bareName).join(" -> ");
    if (info.awaitedBy.length === 0) {
      table.push([String(THREAD_ID), hex(info.id), info.name, stack, "", "", "0x0"]);
      continue;
    }
    for (const parent of info.awaitedBy) {
      const chain = (stacks.get(parent) ?? []).map(bareName).join(" -> ");
      table.push([String(THREAD_ID), hex(info.id), info.name, stack, chain, id2name.get(parent) ?? "Unknown", hex(parent)]);
    }
  }
  return table;
}

/** build_async_tree: one tree per task nobody awaits, as lines; throws CycleFoundException for a cycle. */
export function buildAsyncTree(options?: ToolsOptions, loop: EventLoop = getRunningLoop(), taskEmoji = "(T)", corEmoji = ""): string[][] {
  const { id2name, awaits, stacks } = indexTasks(liveTaskInfo(loop, options));
  const cycles = findCycles(awaits);
  if (cycles.length > 0) throw new CycleFoundException(cycles, id2name);

  // Nodes are tasks ("t<id>") and coroutine frames ("c<n>"), each frame node under one parent.
  const labels = new Map<string, string>();
  const isTask = new Set<string>();
  const children = new Map<string, string[]>();
  const frameNodes = new Map<string, Map<string, string>>();
  let nextFrameNode = 1;
  for (const [id, name] of id2name) {
    labels.set(`t${id}`, name);
    isTask.add(`t${id}`);
  }
  const kidsOf = (node: string) => {
    let kids = children.get(node);
    if (kids === undefined) children.set(node, (kids = []));
    return kids;
  };
  const frameNode = (parent: string, frame: string) => {
    let byFrame = frameNodes.get(parent);
    if (byFrame === undefined) frameNodes.set(parent, (byFrame = new Map()));
    const existing = byFrame.get(frame);
    if (existing !== undefined) return existing;
    const node = `c${nextFrameNode++}`;
    labels.set(node, frame);
    kidsOf(parent).push(node);
    byFrame.set(frame, node);
    return node;
  };
  // From each awaiting task down its coroutines, outermost first, to the task awaited.
  for (const { parent, stack, child } of awaits) {
    let node = `t${parent}`;
    for (const frame of [...stack].reverse()) node = frameNode(node, frame);
    const kids = kidsOf(node);
    if (!kids.includes(`t${child}`)) kids.push(`t${child}`);
  }
  // A task that awaits no other task ends with its own coroutines.
  const awaiting = new Set(awaits.map((edge) => edge.parent));
  for (const id of id2name.keys()) {
    if (awaiting.has(id)) continue;
    let node = `t${id}`;
    for (const frame of [...(stacks.get(id) ?? [])].reverse()) node = frameNode(node, frame);
  }

  const allChildren = new Set([...children.values()].flat());
  const render = (node: string, prefix: string, last: boolean, lines: string[]) => {
    lines.push(`${prefix}${last ? "└── " : "├── "}${isTask.has(node) ? taskEmoji : corEmoji} ${labels.get(node)}`);
    const inner = prefix + (last ? "    " : "│   ");
    const kids = children.get(node) ?? [];
    kids.forEach((kid, index) => {
      render(kid, inner, index === kids.length - 1, lines);
    });
    return lines;
  };
  return [...labels.keys()].filter((node) => !allChildren.has(node)).map((root) => render(root, "", true, []));
}

/** tools.py's _find_cycles: the back edges a depth-first walk of the task-to-task graph meets, each as a path of task ids. */
function findCycles(awaits: Await[]): number[][] {
  const graph = new Map<number, number[]>();
  for (const { parent, child } of awaits) {
    const next = graph.get(parent) ?? [];
    if (!next.includes(child)) next.push(child);
    graph.set(parent, next);
  }
  const ON_PATH = 1;
  const DONE = 2;
  const color = new Map<number, number>();
  const path: number[] = [];
  const cycles: number[][] = [];
  const visit = (task: number) => {
    color.set(task, ON_PATH);
    path.push(task);
    for (const next of graph.get(task) ?? []) {
      const seen = color.get(next);
      if (seen === undefined) visit(next);
      else if (seen === ON_PATH) cycles.push([...path.slice(path.indexOf(next)), next]);
    }
    color.set(task, DONE);
    path.pop();
  };
  for (const task of graph.keys()) if (!color.has(task)) visit(task);
  return cycles;
}

/** `python -m asyncio ps`: the table, its columns padded as tools.py pads them. */
export function displayAwaitedByTasksTable(options?: ToolsOptions, loop: EventLoop = getRunningLoop()): void {
  const widths = [10, 20, 20, 50, 50, 15, 15];
  const row = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(" ");
  print(row(["tid", "task id", "task name", "coroutine stack", "awaiter chain", "awaiter name", "awaiter id"]));
  print("-".repeat(180));
  for (const cells of buildTaskTable(options, loop)) print(row(cells));
}

/** `python -m asyncio pstree`: the trees, or on stderr the cycles that prevent drawing one. */
export function displayAwaitedByTasksTree(options?: ToolsOptions, loop: EventLoop = getRunningLoop()): void {
  let trees: string[][];
  try {
    trees = buildAsyncTree(options, loop);
  } catch (error) {
    if (!(error instanceof CycleFoundException)) throw error;
    print("ERROR: await-graph contains cycles - cannot print a tree!", { file: "stderr" });
    print("", { file: "stderr" });
    for (const cycle of error.cycles) {
      print(`cycle: ${cycle.map((id) => error.id2name.get(id) ?? hex(id)).join(" → ")}`, { file: "stderr" });
    }
    return;
  }
  for (const tree of trees) print(tree.join("\n"));
}
