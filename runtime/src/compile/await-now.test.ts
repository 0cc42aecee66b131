// The await rewrite: every await of a lowered async function tries the fast path first, other
// yields keep their meaning, and the composed source map still points at the snippet's columns.
import assert from "node:assert/strict";
import { SourceMap } from "node:module";
import { test } from "node:test";
import { runSnippet, ts } from "../../test/harness.js";
import { unpackSite } from "../lowering/sites.js";
import { compile } from "./index.js";

const AWAIT_CHECK = /__awaitNow\(__awaiting = |__awaitCallWith\(__receiver = /g;

/** The line and column of the site the compiled code passes where `pattern`'s first group is. */
function siteIn(code: string, pattern: RegExp): { line: number; column: number } | null {
  const match = pattern.exec(code);
  assert.ok(match !== null, `${pattern} in the compiled code`);
  return unpackSite(Number(match[1]));
}

test("the awaits of async functions, methods and arrows are rewritten; generators' and async generators' yields only pass their site", async () => {
  const { code } = await compile(ts`
    async function hoisted(x: number) { await x; return x; }
    const arrow = async () => { await hoisted(1); };
    const object = { async method() { return await hoisted(await hoisted(2)); } };
    class Worker { async run() { await object.method(); } }
    function* plain() { yield "plain-yield"; }
    async function* stream() { yield "stream-yield"; await hoisted(3); }
  `);
  // hoisted: 1, arrow: 1, method: 2 (nested), run: 1.
  assert.equal(code.match(AWAIT_CHECK)?.length, 5);
  assert.deepEqual(siteIn(code, /yield __suspendAt\((\d+), \("plain-yield"\)\);/), { line: 5, column: 21 });
  assert.deepEqual(siteIn(code, /yield __suspendAt\((\d+), \("stream-yield"\)\);/), { line: 6, column: 28 });
  // An async generator's await is a yield of its own (esbuild's __await), with the await's site.
  assert.deepEqual(siteIn(code, /yield __suspendAt\((\d+), \(new __await\(hoisted\(3\)\)\)\)/), { line: 6, column: 50 });
});

test("an await of a method or imported function call with at most one argument becomes __awaitCallWith; other calls keep the coroutine check", async () => {
  const { code } = await compile(ts`
    import { sleep } from "asyncio";
    async function f(queue: any, items: number[]) {
      await sleep(0);
      await queue.get();
      await queue.put(items);
      await queue.put(1, 2);
      await queue.put(...items);
      await queue?.get();
      await queue["get"]();
      await f(queue, items);
    }
  `);
  const getSite = siteIn(
    code,
    /__awaitCallWith\(__receiver = queue, __receiver\.get, void 0, false\)\) !== __notNow \? __awaitResult : yield __awaitLater\((\d+)\)/,
  );
  assert.deepEqual(getSite, { line: 4, column: 3 });
  assert.match(code, /__awaitCallWith\(__receiver = queue, __receiver\.put, items\)/);
  assert.match(code, /__awaitCallWith\(void 0, \(0, import_asyncio\.sleep\), 0\)/);
  for (const kept of ["queue.put(1, 2)", "queue.put(...items)", "queue?.get()", 'queue["get"]()', "f(queue, items)"]) {
    assert.ok(code.includes(`__awaitNow(__awaiting = ${kept})`), kept);
  }
});

test("a snippet without async functions keeps its yields' values: each passes its site on the way", async () => {
  const { code } = await compile(ts`
    function* numbers() { yield 1; yield (2, 3); yield; yield* numbers(); }
    print([...numbers()]);
  `);
  assert.doesNotMatch(code, /__awaitNow/);
  assert.deepEqual(siteIn(code, /yield __suspendAt\((\d+), \(1\)\);/), { line: 1, column: 23 });
  assert.match(code, /yield \(__suspendAt\(\d+, \(2, 3\)\)\);/);
  assert.match(code, /yield __suspendAt\(\d+\);/);
  assert.match(code, /yield\* __suspendAt\(\d+, \(__yieldStar\(numbers\(\)\)\)\);/);
  const run = await runSnippet(ts`
    function* numbers() { yield 1; yield (2, 3); yield; }
    print([...numbers()]);
  `);
  assert.equal(run.stdout, "[1, 3, None]\n");
});

test("after the rewrite a stack position maps back to the TypeScript line and column of the code", async () => {
  const source = ts`
    import asyncio from "asyncio";
    async function main() {
      return [await asyncio.sleep(0, 1), await asyncio.sleep(0, 2), missing.property];
    }
    asyncio.run(main());
  `;
  const { code, map } = await compile(source);
  const generatedLines = code.split("\n");
  // The property passed as a value became __bound(missing, "property") (compile/bound-members.ts).
  const generatedLine = generatedLines.findIndex((line) => line.includes("__bound(missing"));
  const generatedColumn = (generatedLines[generatedLine] as string).indexOf("__bound(missing") + "__bound(".length;
  const originalColumn = (source.split("\n")[2] as string).indexOf("missing.property");
  // Two rewritten awaits stand before it on its line: its column moved by their text.
  assert.ok(generatedColumn > originalColumn + 40);
  const entry = new SourceMap(JSON.parse(map)).findEntry(generatedLine, generatedColumn) as {
    originalLine: number;
    originalColumn: number;
  };
  assert.deepEqual([entry.originalLine, entry.originalColumn], [2, originalColumn]);
});

test("nested awaits and awaits inside conditions, loops and `for await` run to the same results", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    async function double(x: number) { await asyncio.sleep(0); return 2 * x; }
    async function* count() { for (let i = 0; i < 3; i++) { await asyncio.sleep(0); yield i; } }
    async function main() {
      const queue = new asyncio.Queue();
      queue.putNowait(5);
      print(await double(await double(await queue.get())));
      queue.taskDone();
      print((await double(1)) + (await double(2)), await queue.join());
      let total = 0;
      for await (const i of count()) total += await double(i);
      print(total, await 7, await null);
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.stdout, "20\n6 None\n6 7 None\n");
});
