// The main thread's handlers of worker messages never throw out: a listener that throws on a
// run's or a session's records ends that operation only, with a SandboxError saying so, and
// the process, the pool and every other operation go on.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { EngineEnd } from "../src/engine/messages.js";
import { engineLimits, resolveLimits } from "../src/limits.js";
import { WorkerPool } from "../src/pool/worker-pool.js";
import { collect } from "./helpers.js";

const pool = new WorkerPool({ workers: 2, spareContexts: 1 });
before(() => pool.start());
after(() => pool.close());

const limits = resolveLimits();
const settings = {
  config: {
    clock: "virtual" as const,
    events: true,
    limits: { outputBytes: limits.outputBytes, events: limits.events, tasks: limits.tasks, virtualSeconds: limits.virtualSeconds },
  },
  limits: engineLimits(limits),
};

const HOST_FAILURE = /^the host could not process this run's records: Error: the listener broke$/;

test("a listener that throws on a run's records ends that run only; a run beside it completes", async () => {
  const started = performance.now();
  const ended = new Promise<EngineEnd>((resolve) => {
    void pool.startRun(`for (;;) print("flood");`, settings, {
      records: () => {
        throw new Error("the listener broke");
      },
      ended: resolve,
    });
  });
  const beside = collect(`import asyncio from "asyncio";\nasyncio.run(asyncio.sleep(1));\nprint("beside done");`, { pool });
  const end = await ended;
  assert.equal(end.stop, null);
  assert.equal(end.failure?.name, "SandboxError");
  assert.match(end.failure?.message ?? "", HOST_FAILURE);
  // Stopped at once, not by the CPU limit 2 s later.
  assert.ok(performance.now() - started < 1500, `the run took ${Math.round(performance.now() - started)} ms`);
  const { stdout, end: besideEnd } = await beside;
  assert.equal(besideEnd.reason, "completed");
  assert.equal(stdout, "beside done\n");
});

test("a listener that throws on a session's records closes that session only; its neighbour goes on", async () => {
  const sessionSettings = { ...settings, config: { ...settings.config, clock: "real" as const } };
  const neighbourRecords: unknown[] = [];
  const neighbour = await pool.openSession(sessionSettings, { records: (records) => neighbourRecords.push(...records), ended: () => {} });
  const ended = new Promise<EngineEnd>((resolve) => {
    void pool
      .openSession(sessionSettings, {
        records: () => {
          throw new Error("the listener broke");
        },
        ended: resolve,
      })
      .then((broken) => broken.evaluate(1, `print("one record")`));
  });
  const end = await ended;
  assert.match(end.failure?.message ?? "", HOST_FAILURE);
  neighbour.evaluate(1, `print("the neighbour goes on")`);
  const deadline = performance.now() + 5000;
  while (!JSON.stringify(neighbourRecords).includes("the neighbour goes on") && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.match(JSON.stringify(neighbourRecords), /the neighbour goes on/);
  neighbour.close("done");
});

test("a listener that throws as its run ends harms nothing, and the pool still serves runs", async () => {
  await new Promise<void>((resolve) => {
    void pool.startRun(`print("short");`, settings, {
      records: () => {},
      ended: () => {
        setImmediate(resolve);
        throw new Error("the end listener broke");
      },
    });
  });
  const { stdout, end } = await collect(`print("still serving");`, { pool });
  assert.equal(end.reason, "completed");
  assert.equal(stdout, "still serving\n");
});
