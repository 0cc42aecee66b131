// REPL sessions share one engine per worker, each in a QuickJS runtime of its own: what one
// session does to every builtin and module it reaches is not seen by a session beside it, nor by
// one opened later in the memory a closed session gave back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import { type EvalOutcome, openSession } from "../src/repl/session.js";

const POLLUTE = `
import asyncio from "asyncio";
(globalThis as any).leaked = "from the polluter";
Array.prototype.push = function () { return -1; };
Object.prototype.polluted = true;
JSON.stringify = () => "forged";
(asyncio as any).sleep = () => "replaced";
Object.freeze(Promise.prototype);
"polluted"`;

const PROBE = `
import asyncio from "asyncio";
const probe: unknown[] = [];
probe.push(typeof (globalThis as any).leaked, ({} as any).polluted, JSON.stringify({ a: 1 }), Object.isFrozen(Promise.prototype));
await asyncio.sleep(0);
String(probe)`;

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

test("sessions on one worker do not see each other's globals, before or after one of them closes", async () => {
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const polluter = await openSession({ pool });
    const neighbour = await openSession({ pool });
    assert.equal(value(await polluter.eval(POLLUTE)), "'polluted'");
    const clean = "'undefined,,{\"a\":1},false'";
    assert.equal(value(await neighbour.eval(PROBE)), clean);
    await polluter.close();
    const later = await openSession({ pool });
    assert.equal(value(await later.eval(PROBE)), clean);
    assert.equal(value(await neighbour.eval(`probe.length`)), "4", "the neighbour's own declarations live on");
    await Promise.all([neighbour.close(), later.close()]);
  } finally {
    await pool.close();
  }
});

test("a session whose runtime aborts the shared engine as it is freed (quickjs-emscripten #269) ends no neighbour", async () => {
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const neighbour = await openSession({ pool });
    const neighbourOutput: string[] = [];
    void (async () => {
      for await (const event of neighbour.events) if (event.type === "output") neighbourOutput.push(event.text);
    })();
    assert.equal(value(await neighbour.eval(`const kept = 41; kept + 1`)), "42");
    const poisoner = await openSession({ pool });
    // Many objects allocated inside promise jobs make QuickJS's runtime teardown abort the module.
    const filled = await poisoner.eval(`
      const keep: object[] = [];
      await Promise.resolve().then(() => { for (let i = 0; i < 200_000; i++) keep.push({ i, inner: { i } }); });
      keep.length`);
    assert.equal(value(filled), "200000");
    await poisoner.close();
    // The neighbour lost its sandbox, not its session: a notice, then inputs as before.
    for (let waited = 0; neighbourOutput.length === 0 && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(neighbourOutput.join(""), /This REPL session was restarted on a new sandbox/);
    assert.equal(value(await neighbour.eval("1 + 1")), "2");
    const later = await openSession({ pool });
    assert.equal(value(await later.eval(`"after the abort"`)), "'after the abort'");
    await Promise.all([neighbour.close(), later.close()]);
  } finally {
    await pool.close();
  }
});
