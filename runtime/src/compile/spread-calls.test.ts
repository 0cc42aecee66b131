// The spread-call rewrite: `gather(...tasks)` reaches gather's array form, in JavaScript's
// evaluation order, beyond QuickJS's 65,534-argument cap (runtime/test/combinators.test.ts runs
// a 70k gather in both engines); other spread calls stay as esbuild wrote them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "../../test/harness.js";
import { compile } from "./index.js";

test("a spread call of gather, by module or by name, becomes __spreadCall; other spread calls do not", async () => {
  const { code } = await compile(ts`
    import asyncio from "asyncio";
    import { gather } from "asyncio";
    const numbers = [1, 2];
    const outside = asyncio.gather(...numbers.map(async (n) => n));
    async function main() {
      await gather(asyncio.sleep(0), ...numbers.map(async (n) => n));
      print(Math.max(...numbers), await outside);
    }
  `);
  assert.match(code, /__spreadCall\(__receiver = import_asyncio\.default, __receiver\.gather, \[\.\.\.numbers\.map/);
  assert.match(code, /__spreadCall\(void 0, \(0, import_asyncio\d*\.gather\), \[import_asyncio\.default\.sleep\(0\), \.\.\.numbers/);
  assert.match(code, /Math\.max\(\.\.\.numbers\)/);
});

test("a spread call evaluates the receiver, the function and the arguments once each, in order; a snippet's own gather is applied", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    const module = { get asyncio() { print("receiver"); return asyncio; } };
    function* values() { print("arguments"); yield asyncio.sleep(0, 1); yield asyncio.sleep(0, 2); }
    async function main() {
      print(await module.asyncio.gather(...values(), { returnExceptions: true }));
      const plain = { gather(...numbers: unknown[]) { return numbers.length + (this === plain ? 100 : 0); } };
      print(plain.gather(...[1, 2]));
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.stdout, "receiver\narguments\n[1, 2]\n102\n");
});
