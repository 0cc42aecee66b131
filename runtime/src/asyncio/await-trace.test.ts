// The await chain an exception passed through, as the chain driver notes it (await-trace.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "../../test/harness.js";
import { awaitFramesOf, MAX_AWAIT_FRAMES } from "./await-trace.js";

test("an exception raised in c and awaited by b, a and main passed through main, a and b, each at its await", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function c() { await asyncio.sleep(0); throw new Error("deep"); }
    async function b() { await c(); }
    async function a() {
      return await b();
    }
    async function main() { await a(); }
    asyncio.run(main());
  `);
  assert.deepEqual(awaitFramesOf(error), [
    { function: "main", line: 7, column: 25 },
    { function: "a", line: 5, column: 10 },
    { function: "b", line: 3, column: 22 },
  ]);
});

test("an exception caught and raised again keeps its trace; values that are not objects have none", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function fail() { await asyncio.sleep(0); throw new Error("again"); }
    async function main() {
      try { await fail(); } catch (error) { await asyncio.sleep(0); throw error; }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    awaitFramesOf(error).map((frame) => frame.function),
    ["main"],
  );
  assert.deepEqual(awaitFramesOf("a string"), []);
  assert.deepEqual(awaitFramesOf(null), []);
});

test("awaits recursing deeper than the bound keep the innermost and the outermost frames", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function down(depth: number): Promise<void> {
      if (depth === 0) { await asyncio.sleep(0); throw new Error("bottom"); }
      await down(depth - 1);
    }
    async function main() { await down(500); }
    asyncio.run(main());
  `);
  const frames = awaitFramesOf(error);
  assert.equal(frames.length, MAX_AWAIT_FRAMES);
  assert.equal(frames[0]?.function, "main", "the outermost is kept");
  assert.ok(frames.slice(1).every((frame) => frame.function === "down" && frame.line === 4));
});
