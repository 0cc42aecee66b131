// Profiles one workload's Node side with V8's sampling profiler and prints where the time goes:
// self time by function, then by file. Usage:
//   node --import tsx bench/profile.ts <workload id> [--runs=N] [--top=N] [--out=file.cpuprofile] [--record]
// --record runs with a listener that takes every event, as the bench's full-record column does.
// The .cpuprofile written by --out opens in Chrome DevTools (Performance panel).
// It profiles the runtime bundle the bench times (runtime-bundle.ts); a function's file is the
// source file the bundle's `// src/...` comment above it names.

import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compile, stopCompiler } from "../src/compile/index.js";
import type { createRuntime as CreateRuntime } from "../src/index.js";
import { runtimeBundle } from "./runtime-bundle.js";
import { workloads } from "./workloads.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const value = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const workload = workloads.find((each) => each.id === args[0]);
if (workload === undefined) {
  console.error(`usage: profile.ts <${workloads.map((each) => each.id).join("|")}> [--runs=N] [--top=N] [--out=file] [--record]`);
  process.exit(2);
}
const runs = Number(value("runs") ?? 3);
const top = Number(value("top") ?? 30);
const record = args.includes("--record");

const { code } = await compile(workload.typescript.trimStart());
await stopCompiler();
const bundle = await runtimeBundle();
const { createRuntime } = (await import(pathToFileURL(bundle).href)) as { createRuntime: typeof CreateRuntime };

/** The first line of each source file in the bundle (0-based), in order. */
const fileStarts: { line: number; file: string }[] = [];
readFileSync(bundle, "utf8")
  .split("\n")
  .forEach((text, line) => {
    const match = /^\/\/ src\/(.+\.ts)$/.exec(text);
    if (match) fileStarts.push({ line, file: match[1] as string });
  });

function sourceFile(url: string, line: number): string {
  if (url === "") return "(native)";
  if (!url.startsWith("file:") || fileURLToPath(url) !== bundle) return "(snippet or other)";
  let file = "(bundle)";
  for (const start of fileStarts) {
    if (start.line > line) break;
    file = start.file;
  }
  return file;
}

function runOnce(): void {
  const live = createRuntime(record ? { onEvent: () => {} } : {});
  new Function(...live.scopeNames, code)(...live.scopeValues);
  live.finish();
}

runOnce(); // warm-up, outside the profile
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const started = performance.now();
for (let run = 0; run < runs; run++) runOnce();
const elapsedMs = performance.now() - started;
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
session.disconnect();

const out = value("out");
if (out !== undefined) writeFileSync(out, JSON.stringify(profile));

const selfMicroseconds = new Map<number, number>();
profile.samples.forEach((nodeId, index) => {
  selfMicroseconds.set(nodeId, (selfMicroseconds.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const time = selfMicroseconds.get(node.id) ?? 0;
  total += time;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = sourceFile(url, lineNumber);
  const name = `${functionName || "(anonymous)"}  ${file}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  byFile.set(file, (byFile.get(file) ?? 0) + time);
}

function report(title: string, entries: Map<string, number>, limit: number): void {
  console.log(`\n${title}`);
  for (const [name, time] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${(time / 1000).toFixed(1).padStart(9)} ms ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

console.log(`${workload.id}: ${runs} runs in ${elapsedMs.toFixed(0)} ms (${(elapsedMs / runs).toFixed(0)} ms a run)`);
report("self time by function", byFunction, top);
report("self time by file", byFile, 15);
