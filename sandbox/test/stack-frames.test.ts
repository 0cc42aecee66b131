// The stack mapper's bounds: what a REPL session keeps to map tracebacks stays within its budget.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type SnippetSource, StackMapper } from "../src/stack-frames.js";

function source(file: string): SnippetSource {
  return { file, lines: ["work()"], toSource: (line, column) => ({ line, column }) };
}

test("past its budget the mapper drops the oldest inputs' sources, and their frames with them", () => {
  const stacks = new StackMapper(250);
  for (let input = 1; input <= 5; input++) stacks.register(`input-${input}.js`, source(`<input-${input}>`), 100);
  const stack = [1, 2, 3, 4, 5].map((input) => `    at f (input-${input}.js:1:1)`).join("\n");
  assert.deepEqual(
    stacks.frames(stack).map((frame) => frame.file),
    ["<input-4>", "<input-5>"],
  );
});

test("a frame line longer than QuickJS writes is skipped, and text in frames is cut", () => {
  const stacks = new StackMapper();
  stacks.register("snippet.js", { file: "snippet.ts", lines: ["x".repeat(10_000)], toSource: (line, column) => ({ line, column }) });
  const frames = stacks.frames(`    at ${"g".repeat(500)} (snippet.js:1:1)\n    at f (snippet.js:1:1${" ".repeat(2000)})`);
  assert.equal(frames.length, 1);
  assert.equal(frames[0]?.function.length, 200);
  assert.equal(frames[0]?.code.length, 200);
});
