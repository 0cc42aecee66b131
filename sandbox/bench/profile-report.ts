// Turns the QuickJS profiler's stacks (quickjs-profiler.ts) into tables: each frame of the
// bundle mapped through its source map to the runtime's own file and line, then the samples
// summed by innermost function (self) beside the function anywhere on the stack (total), then
// self by file and by line.

import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable } from "../../runtime/bench/table.js";
import type { Workload } from "../../runtime/bench/workloads.js";
import { BUNDLE_FILE, SNIPPET_FILE } from "../src/guest/guest-protocol.js";
import type { StackSamples } from "./quickjs-profiler.js";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
const FRAME = /^\s*at (.*?) \((.*)\)$/;
const POSITION = /^(.*):(\d+):(\d+)$/;

interface Frame {
  /** The function's name as QuickJS gives it (its `name`), and where it is: "runtime/src/asyncio/queues.ts". */
  name: string;
  file: string;
  /** "runtime/src/asyncio/queues.ts:120", or the file alone when there is no line. */
  line: string;
}

/** Reads one frame line, mapping a position in the bundle to its source file and line. */
function frameReader(samples: StackSamples): (text: string) => Frame {
  const map = new SourceMap(JSON.parse(samples.bundle.map));
  const cache = new Map<string, Frame>();
  const read = (text: string): Frame => {
    const [, name = "?", where = ""] = FRAME.exec(text) ?? [];
    if (where === "native") return { name, file: "(native)", line: "(native)" };
    const [, file = where, line = "0", column = "0"] = POSITION.exec(where) ?? [];
    if (file === SNIPPET_FILE) return { name, file: "(the snippet)", line: `(the snippet):${Number(line) - 1}` };
    if (file !== BUNDLE_FILE) return { name, file, line: `${file}:${line}` };
    const entry = map.findEntry(Number(line) - 1, Math.max(0, Number(column) - 1)) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource === undefined) return { name, file: BUNDLE_FILE, line: BUNDLE_FILE };
    const source = path.relative(REPOSITORY, path.resolve(samples.bundle.sourceRoot, entry.originalSource));
    return { name, file: source, line: `${source}:${(entry.originalLine ?? 0) + 1}` };
  };
  return (text) => {
    let frame = cache.get(text);
    if (frame === undefined) {
      frame = read(text);
      cache.set(text, frame);
    }
    return frame;
  };
}

function add(counts: Map<string, number>, key: string, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

/** Samples summed four ways; a function's key is "name  file". */
export interface ProfileTables {
  /** By innermost frame's function. */
  self: Map<string, number>;
  /** By function anywhere on the stack, once per sample. */
  total: Map<string, number>;
  byFile: Map<string, number>;
  /** By innermost frame's line, "file:line  (function)". */
  byLine: Map<string, number>;
}

export function profileTables(samples: StackSamples): ProfileTables {
  const frameOf = frameReader(samples);
  const tables: ProfileTables = { self: new Map(), total: new Map(), byFile: new Map(), byLine: new Map() };
  const key = (frame: Frame) => `${frame.name}  ${frame.file}`;
  for (const [stack, count] of samples.stacks) {
    const frames = stack
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map(frameOf);
    const innermost = frames[0];
    if (innermost === undefined) continue;
    add(tables.self, key(innermost), count);
    add(tables.byFile, innermost.file, count);
    add(tables.byLine, `${innermost.line}  (${innermost.name})`, count);
    for (const name of new Set(frames.map(key))) add(tables.total, name, count);
  }
  return tables;
}

/** The profile as text: self and total by function, self by file and by line, the `top` rows of each. */
export function formatProfile(samples: StackSamples, top = 20): string {
  const tables = profileTables(samples);
  const percent = (count: number) => `${((100 * count) / samples.samples).toFixed(1)}%`;
  const rows = (counts: Map<string, number>, also?: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, count]) => (also === undefined ? [percent(count), key] : [percent(count), percent(also.get(key) ?? 0), key]));
  return [
    formatTable(["self", "total", "function  file (innermost frame: self; anywhere on the stack: total)"], rows(tables.self, tables.total)),
    formatTable(["self", "file"], rows(tables.byFile)),
    formatTable(["self", "line  (function)"], rows(tables.byLine)),
  ].join("\n\n");
}

/** A workload's profile with what it was taken from, as the bench and profile.ts print it. */
export function profileHeader(workload: Workload, samples: StackSamples, top = 20): string {
  const output = samples.output.trim();
  const checked = output === workload.expected ? "" : `\nWRONG OUTPUT: ${JSON.stringify(output)}`;
  return [
    `QuickJS profile of ${workload.id} (${workload.title}): ${samples.samples} samples, one per ${samples.pollsPerSample} polls (calls and branches) on average; the run takes ${samples.unprofiledCpuMs.toFixed(0)} ms of CPU without the profiler. Shares are of polls, not of time (bench/quickjs-profiler.ts).${checked}`,
    formatProfile(samples, top),
  ].join("\n\n");
}
