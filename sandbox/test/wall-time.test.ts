// A program run holds its worker for at most its wall budget, whatever it does with it: a
// blocking sleep on the real clock, a consumer that stops reading, or a native call that
// ignores the stop request (its worker is then terminated and replaced).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { EndEvent, RunEvent } from "../src/protocol-events.js";
import { run } from "../src/run.js";
import { collect, ts } from "./helpers.js";

const WALL_MS = 1500;
const GRACE_MS = 500;
// One worker: a run that held it past its budget would hold up the next one.
const pool = new WorkerPool({ workers: 1, spareContexts: 1, watchdogGraceMs: GRACE_MS });
before(() => pool.start());
after(() => pool.close());

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function benignRunCompletes(): Promise<void> {
  const { stdout, end } = await collect(`print("still serving");`, { pool });
  assert.equal(end.reason, "completed");
  assert.equal(stdout, "still serving\n");
}

test("time.sleep(3600) on the real clock ends with the wall-time limit after the wall budget", async () => {
  const { end, stdout, wallMs } = await collect(
    ts`
    import time from "time";
    print("sleeping");
    time.sleep(3600);
    print("woke");
  `,
    { pool, clock: "real", limits: { wallMs: WALL_MS } },
  );
  // What the snippet did after the sleep was cut short may still show; the run ends there.
  assert.match(stdout, /^sleeping\n/);
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "wall-time");
  assert.equal(end.message, "wall time limit exceeded: the run held its sandbox for more than 1.5 s");
  // Far below the hour asked for; the margin covers compiling and a machine busy with other tests.
  assert.ok(wallMs >= WALL_MS - 100 && wallMs < WALL_MS + 3000, `the run took ${Math.round(wallMs)} ms`);
  // Idle time is not CPU time.
  assert.ok(end.counters.cpuMs < 500, `cpu ${end.counters.cpuMs} ms`);
  await benignRunCompletes();
});

test("asyncio.sleep(3600) on the real clock ends with the wall-time limit too", async () => {
  const { end, wallMs } = await collect(
    ts`
    import asyncio from "asyncio";
    asyncio.run(asyncio.sleep(3600));
  `,
    { pool, clock: "real", limits: { wallMs: WALL_MS } },
  );
  assert.equal(end.limit, "wall-time", JSON.stringify(end));
  assert.ok(wallMs < WALL_MS + 3000, `the run took ${Math.round(wallMs)} ms`);
});

test("a run whose consumer stops reading ends with the wall-time limit, and its worker goes on to the next run", async () => {
  const events = run(`for (let i = 0; ; i++) print(i);`, { pool, limits: { wallMs: WALL_MS } })[Symbol.asyncIterator]();
  const first = await events.next();
  assert.equal((first.value as RunEvent).type, "output");
  // The consumer reads nothing more; the run pauses when 64 batches are unread, then its wall budget runs out.
  const started = performance.now();
  await benignRunCompletes();
  const waited = performance.now() - started;
  assert.ok(waited < WALL_MS + 1500, `the next run waited ${Math.round(waited)} ms for the worker`);
  let end: EndEvent | null = null;
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (next.value.type === "end") end = next.value;
  }
  assert.equal(end?.reason, "limit");
  assert.equal(end?.limit, "wall-time");
});

test("a native call that ignores the stop request is ended by terminating its worker, with the wall-time limit", async () => {
  // The CPU budget is far away: only the wall budget can end it.
  const { end, wallMs } = await collect(`print(new Array(2 ** 30).join("").length);`, {
    pool,
    limits: { wallMs: WALL_MS, cpuMs: 600_000 },
  });
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "wall-time");
  assert.ok(wallMs < WALL_MS + GRACE_MS + 1000, `the run took ${Math.round(wallMs)} ms`);
  // A fresh worker took its place.
  await sleep(100);
  await benignRunCompletes();
});
