// Every snippet under examples/ (the seed tutorials translated) runs through the real compile
// path and prints exactly what the files beside it say; examples/README.md gives the rules.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { modules } from "../src/index.js";
import { EXAMPLES_DIRECTORY as EXAMPLES } from "./example-source.js";
import { runSnippet } from "./harness.js";

/** Folders whose examples need modules other work is still building; skipped while one is missing. */
const PENDING_FOLDERS = new Set(["gevent-greenlet", "executor"]);

/** Runtime features found by what a snippet calls rather than by what it imports. */
const FEATURES: { uses: RegExp; name: string; present: () => boolean }[] = [
  {
    uses: /\b(runInExecutor|run_in_executor)\b/,
    name: "loop.runInExecutor",
    present: () => typeof (modules.asyncio?.EventLoop as { prototype?: Record<string, unknown> })?.prototype?.runInExecutor === "function",
  },
  { uses: /\b(toThread|to_thread)\b/, name: "asyncio.toThread", present: () => typeof modules.asyncio?.toThread === "function" },
  {
    uses: /\b(openConnection|open_connection|startServer|start_server)\b/,
    name: "asyncio.openConnection/startServer (simulated network)",
    present: () => typeof modules.asyncio?.openConnection === "function" && typeof modules.asyncio?.startServer === "function",
  },
];

interface Example {
  /** Path from examples/, e.g. "tasks/01-create-task.ts". */
  name: string;
  folder: string;
  source: string;
  stdout: string;
  stderr: string;
  /** `Name: message` of the error the run must end with, or null when it must end cleanly. */
  error: string | null;
}

function findExamples(): Example[] {
  const examples: Example[] = [];
  for (const folder of readdirSync(EXAMPLES, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const directory = join(EXAMPLES, folder.name);
    for (const file of readdirSync(directory).sort()) {
      // NN-name.en.ts and NN-name.zh-CN.ts are NN-name.ts with its comments translated, not examples of their own.
      if (!file.endsWith(".ts") || file.split(".").length > 2) continue;
      const base = join(directory, file.slice(0, -".ts".length));
      examples.push({
        name: relative(EXAMPLES, join(directory, file)),
        folder: folder.name,
        source: readFileSync(`${base}.ts`, "utf8"),
        stdout: readFileSync(`${base}.expected.txt`, "utf8"),
        stderr: readOptional(`${base}.expected-stderr.txt`) ?? "",
        error: readOptional(`${base}.expected-error.txt`)?.replace(/\n$/, "") ?? null,
      });
    }
  }
  return examples.sort((a, b) => a.name.localeCompare(b.name));
}

function readOptional(path: string): string | null {
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** What a pending-folder example still lacks: modules it imports and features it calls. */
function missingFor(example: Example): string[] {
  const missing: string[] = [];
  const imported = new Set(Array.from(example.source.matchAll(/\bfrom\s+"([^"]+)"/g), (match) => match[1] as string));
  for (const module of imported) {
    if (!(module in modules)) missing.push(`module "${module}"`);
  }
  for (const feature of FEATURES) {
    if (feature.uses.test(example.source) && !feature.present()) missing.push(feature.name);
  }
  return missing;
}

function describeError(error: unknown): string | null {
  if (error === undefined) return null;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown value: ${String(error)}`;
}

/** A line diff (longest common subsequence): "  " same, "- " expected only, "+ " actual only. */
function lineDiff(expected: string, actual: string): string {
  const left = expected.split("\n");
  const right = actual.split("\n");
  const common: number[][] = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      const row = common[i] as number[];
      const below = common[i + 1] as number[];
      row[j] = left[i] === right[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      lines.push(`  ${left[i++]}`);
      j++;
    } else if (i < left.length && (j === right.length || (common[i + 1]?.[j] as number) >= (common[i]?.[j + 1] as number))) {
      lines.push(`- ${left[i++]}`);
    } else {
      lines.push(`+ ${right[j++]}`);
    }
  }
  return lines.join("\n");
}

function compare(what: string, expected: string, actual: string): string | null {
  if (expected === actual) return null;
  return `${what} differs (- expected, + actual):\n${lineDiff(expected, actual)}`;
}

for (const example of findExamples()) {
  const missing = PENDING_FOLDERS.has(example.folder) ? missingFor(example) : [];
  const skip = missing.length > 0 ? `needs ${missing.join(", ")}, not built yet` : false;
  test(`example ${example.name} prints what ${example.name.replace(/\.ts$/, ".expected.txt")} says`, { skip }, async () => {
    const run = await runSnippet(example.source);
    const problems = [
      compare("stdout", example.stdout, run.stdout),
      compare("stderr", example.stderr, run.stderr),
      compare("the error the run ends with", example.error ?? "(none)", describeError(run.error) ?? "(none)"),
    ].filter((problem) => problem !== null);
    if (problems.length > 0) assert.fail(`${example.name}\n${problems.join("\n\n")}`);
  });
}
