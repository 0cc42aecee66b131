// The bench's QuickJS profiler (bench/quickjs-profiler.ts): it samples a run of the production
// bundle and names where the samples fall, by function and by source file of the runtime.

import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setStallTimeout, stopCompiler } from "@looplab/runtime/compile";
import { profileTables } from "../bench/profile-report.js";
import { profileSnippet } from "../bench/quickjs-profiler.js";

setStallTimeout(120_000);
after(() => stopCompiler());

function heaviest(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

test("a snippet's own loop is where its samples fall, and the run's output is its own", async () => {
  const samples = await profileSnippet(`
    function spin(rounds: number) {
      let sum = 0;
      for (let round = 0; round < rounds; round++) sum += round % 7;
      return sum;
    }
    print(spin(3_000_000));
  `);
  assert.equal(samples.output, "8999994\n");
  // 3M iterations of two branches each: thousands of samples at one per 200 polls on average.
  assert.ok(samples.samples > 10_000, `${samples.samples} samples`);
  const tables = profileTables(samples);
  assert.equal(heaviest(tables.self), "spin  (the snippet)");
  assert.ok((tables.self.get("spin  (the snippet)") ?? 0) > 0.9 * samples.samples);
});

test("the runtime's functions are named with their source file", async () => {
  const samples = await profileSnippet(`
    import asyncio from "asyncio";
    const queue = new asyncio.Queue();
    let total = 0;
    for (let item = 0; item < 50_000; item++) {
      queue.putNowait(item);
      total += queue.getNowait();
    }
    print(total);
  `);
  assert.equal(samples.output, "1249975000\n");
  const tables = profileTables(samples);
  for (const name of ["putNowait", "getNowait"]) assert.ok(tables.self.has(`${name}  runtime/src/asyncio/queues.ts`), name);
  assert.equal(heaviest(tables.byFile), "runtime/src/asyncio/queues.ts");
  assert.ok([...tables.byLine.keys()].some((line) => /^runtime\/src\/asyncio\/queues\.ts:\d+ {2}\(putNowait\)$/.test(line)));
});
