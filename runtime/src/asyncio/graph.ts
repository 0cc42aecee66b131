// Python 3.14's call-graph introspection (CPython Lib/asyncio/graph.py): for a task or future,
// the coroutines it is made of (its call stack, innermost first) and, recursively, the tasks
// awaiting it. A frame here is a coroutine of the task's await chain with the TypeScript line
// where it is suspended (lowering/sites.ts), not a Python frame. Plain functions between
// coroutines are not listed, so `depth` has no frames to skip and is accepted only to be
// compatible.

import { quote, repr } from "../builtins/format.js";
import { print } from "../builtins/print.js";
import { unpackSite } from "../lowering/sites.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { type AwaitersIndex, awaitersIndex } from "./awaited-by.js";
import type { Coroutine } from "./coroutines.js";
import { RuntimeError } from "./exceptions.js";
import { Future } from "./futures.js";
import { Task } from "./tasks.js";

/** The file a snippet's frames are in: the name the compile step gives a run's source. */
export const SNIPPET_FILE = "snippet.ts";
/** The file shown for the runtime's own coroutines (a TaskGroup's exit, a queue's get), which have no TypeScript line. */
export const RUNTIME_FILE = "<asyncio>";

/** One coroutine of a call stack (CPython's FrameCallGraphEntry, which holds a frame). */
export class FrameCallGraphEntry {
  /** The function's name; its line and column are null while it runs, before it starts, or for the runtime's own coroutines. */
  readonly name: string;
  readonly filename: string;
  readonly line: number | null;
  readonly column: number | null;
  /** "async" for a coroutine, "generator" for a generator used as one, as graph.py tags them. */
  readonly tag: "async" | "generator";

  constructor(readonly coroutine: Coroutine) {
    this.name = coroutine.name;
    const site = unpackSite(coroutine.site);
    // Parked without a site: the runtime's own coroutine, since every await of a snippet has one.
    const ownedByRuntime = site === null && coroutine.state === "suspended";
    // A REPL input's file is named as the sandbox's session names it.
    this.filename = ownedByRuntime ? RUNTIME_FILE : site?.input === undefined ? SNIPPET_FILE : `<input-${site.input}>`;
    // A running coroutine's site is where it last suspended, not where it is now.
    const where = coroutine.state === "running" ? null : site;
    this.line = where?.line ?? null;
    this.column = where?.column ?? null;
    // `kind` is how the coroutine names itself in its messages: "coroutine" or "generator".
    this.tag = (coroutine as unknown as { kind: string }).kind === "generator" ? "generator" : "async";
    Object.freeze(this);
  }
}

/** A future or task, its call stack (innermost first) and the graphs of the tasks awaiting it. */
export class FutureCallGraph {
  constructor(
    private readonly awaitable: Future,
    private readonly frames: readonly FrameCallGraphEntry[],
    private readonly awaiters: readonly FutureCallGraph[],
  ) {
    Object.freeze(frames);
    Object.freeze(awaiters);
    Object.freeze(this);
  }

  get future(): Future {
    return this.awaitable;
  }

  get callStack(): readonly FrameCallGraphEntry[] {
    return this.frames;
  }

  get awaitedBy(): readonly FutureCallGraph[] {
    return this.awaiters;
  }
}
addSnakeCaseAliases(FutureCallGraph);

export interface CallGraphOptions {
  depth?: number;
  /** Keep at most |limit| entries of each call stack: the outermost for a positive limit, the innermost for a negative one; 0 keeps none. */
  limit?: number | null;
}

export interface PrintCallGraphOptions extends CallGraphOptions {
  file?: Parameters<typeof print>[0];
}

/**
 * capture_call_graph(future=None, /, *, depth=1, limit=None): the graph of `future`, or of the
 * current task when none is given; null when there is no current task.
 */
export function captureCallGraph(future?: unknown, options?: CallGraphOptions): FutureCallGraph | null {
  [future, options] = splitArguments(future, options);
  const limit = option<number | null>(options, "limit", null);
  const loop = activeRuntime().runningLoop;
  if (future === undefined || future === null) {
    if (loop === null) {
      throw new RuntimeError("capture_call_graph() is called outside of a running event loop and no *future* to introspect was provided");
    }
    future = loop.currentTask;
    if (future === null) return null;
  }
  checkFuture(future);
  const index = awaitersIndex(loop ?? future.getLoop());
  return graphOf(future, index, limit, new Set());
}

/** format_call_graph(future=None, /, *, depth=1, limit=None): the graph as graph.py prints it; "" when there is none. */
export function formatCallGraph(future?: unknown, options?: CallGraphOptions): string {
  const graph = captureCallGraph(future, options);
  if (graph === null) return "";
  const lines: string[] = [];
  renderLevel(graph, lines, 0);
  return lines.join("\n");
}

/** print_call_graph(future=None, /, *, file=None, depth=1, limit=None). */
export function printCallGraph(future?: unknown, options?: PrintCallGraphOptions): void {
  [future, options] = splitArguments(future, options);
  const text = formatCallGraph(future, options);
  if (options?.file !== undefined && options.file !== null) print(text, { file: options.file });
  else print(text);
}

/** A task's coroutines, innermost first, cut to `limit` as graph.py cuts them. */
export function callStackOf(task: Task, limit: number | null = null): FrameCallGraphEntry[] {
  const frames: FrameCallGraphEntry[] = [];
  for (let coroutine: Coroutine | null = task.innermost; coroutine !== null; coroutine = coroutine.awaitedBy) {
    frames.push(new FrameCallGraphEntry(coroutine));
  }
  if (limit === null) return frames;
  if (limit === 0) return [];
  // Positive: the outermost |limit|, the ones nearest the task; negative: the innermost.
  return limit > 0 ? frames.slice(-limit) : frames.slice(0, -limit);
}

/** The graph of `future`; `onPath` holds the futures above it, so a cycle of tasks awaiting each other ends. */
function graphOf(future: Future, index: AwaitersIndex, limit: number | null, onPath: Set<Future>): FutureCallGraph {
  const callStack = future instanceof Task ? callStackOf(future, limit) : [];
  onPath.add(future);
  const awaitedBy: FutureCallGraph[] = [];
  for (const awaiter of index.get(future) ?? []) {
    // CPython would recurse until RecursionError; the awaiter that closes the cycle is left out.
    if (!onPath.has(awaiter)) awaitedBy.push(graphOf(awaiter, index, limit, onPath));
  }
  onPath.delete(future);
  return new FutureCallGraph(future, callStack, awaitedBy);
}

/** graph.py's render_level: four spaces per level of awaiting. */
function renderLevel(graph: FutureCallGraph, lines: string[], level: number): void {
  const indent = "    ".repeat(level);
  const future = graph.future;
  const id = `0x${future.id.toString(16)}`;
  lines.push(future instanceof Task ? `${indent}* Task(name=${quote(future.getName())}, id=${id})` : `${indent}* Future(id=${id})`);
  if (graph.callStack.length > 0) {
    lines.push(`${indent}  + Call stack:`);
    for (const entry of graph.callStack) lines.push(`${indent}  |   ${describeFrame(entry)}`);
  }
  if (graph.awaitedBy.length > 0) {
    lines.push(`${indent}  + Awaited by:`);
    for (const awaiter of graph.awaitedBy) renderLevel(awaiter, lines, level + 1);
  }
}

/** `File 'snippet.ts', line 4, in async main()`; without "line N" when it has none. */
export function describeFrame(entry: FrameCallGraphEntry): string {
  const line = entry.line === null ? "" : ` line ${entry.line},`;
  return `File ${quote(entry.filename)},${line} in ${entry.tag} ${entry.name}()`;
}

/** Python's positional-only future with keyword options: `captureCallGraph({ limit: 1 })` passes options alone. */
function splitArguments<T extends CallGraphOptions>(future: unknown, options: T | undefined): [unknown, T | undefined] {
  if (options === undefined && isOptionsObject(future)) return [undefined, future as T];
  return [future, options];
}

function checkFuture(future: unknown): asserts future is Future {
  if (!(future instanceof Future)) {
    throw new TypeError(`${repr(future)} object does not appear to be compatible with asyncio.Future`);
  }
}
