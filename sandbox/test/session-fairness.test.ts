// REPL sessions that share a worker cannot hurt each other: ticks take turns, the lightest
// first, so a session whose background tasks compute without pause cannot starve the others,
// and it is ended once it has held the worker past its share while others waited, or past a
// larger share alone; a native
// call that ignores the interrupt ends its own session only, and the others on its worker
// start afresh on a new one, saying so.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { RunEvent } from "../src/protocol-events.js";
import { type EvalOutcome, openSession, type Session } from "../src/repl/session.js";
import { ts } from "./helpers.js";

/** Lower than the defaults, to keep the tests short: 300 ms per tick, a share window of 3 s. */
const CPU_MS = 300;
const SHARE_WINDOW_MS = 3000;
const pool = new WorkerPool({ workers: 1, spareContexts: 1, watchdogGraceMs: 500, sessionShare: { windowMs: SHARE_WINDOW_MS } });
before(() => pool.start());
after(() => pool.close());

interface OpenSession {
  session: Session;
  events: RunEvent[];
  /** When each output event arrived (performance.now()). */
  outputTimes: number[];
  output(): string;
}

async function open(): Promise<OpenSession> {
  const session = await openSession({ pool, limits: { cpuMs: CPU_MS } });
  const events: RunEvent[] = [];
  const outputTimes: number[] = [];
  void (async () => {
    for await (const event of session.events) {
      events.push(event);
      if (event.type === "output") outputTimes.push(performance.now());
    }
  })();
  const output = () => events.map((event) => (event.type === "output" ? event.text : "")).join("");
  return { session, events, outputTimes, output };
}

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await sleep(10);
}

function longestGap(times: number[], from: number, to: number): number {
  const inside = [from, ...times.filter((time) => time > from && time < to), to];
  return Math.max(...inside.slice(1).map((time, index) => time - (inside[index] as number)));
}

/** Opens a session and evaluates `1 + 1` in it: milliseconds until the answer. */
async function onePlusOne(): Promise<{ session: Session; ms: number }> {
  const started = performance.now();
  const { session } = await open();
  assert.equal(value(await session.eval("1 + 1")), "2");
  return { session, ms: performance.now() - started };
}

/** A background task that computes for 250 ms of every tick (under the 300 ms per-tick limit), for ever. */
const BURNER = ts`
  import asyncio from "asyncio";
  async function burn() {
    for (;;) {
      const until = Date.now() + 250;
      while (Date.now() < until) {}
      await asyncio.sleep(0);
    }
  }
  const burner = asyncio.create_task(burn());
`;

test("three sessions burning 250 ms of every tick neither starve another user's session nor run for ever", async () => {
  // Warm: the session worker started, the compile step loaded.
  const warm = await onePlusOne();
  await warm.session.close();
  // Measured, as beside the burners below, with a spare context ready.
  await sleep(500);
  const normal = await onePlusOne();
  // A neighbour's background task that wants to run every 50 ms: it must keep getting turns.
  const neighbour = await open();
  await neighbour.session.eval(`import asyncio from "asyncio";`);
  await neighbour.session.eval(
    `const ticker = asyncio.create_task((async () => { for (;;) { print("tick"); await asyncio.sleep(0.05); } })());`,
  );
  const burners = await Promise.all([open(), open(), open()]);
  for (const burner of burners) assert.equal(value(await burner.session.eval(BURNER)), null);
  const burning = performance.now();
  await sleep(600);
  const contended = await onePlusOne();
  const ends = await Promise.all(burners.map((burner) => burner.session.ended));
  const burnersEnded = performance.now();
  for (const end of ends) {
    assert.equal(end.reason, "limit");
    assert.equal(end.limit, "cpu");
    assert.match(end.message ?? "", /^CPU share exceeded: the session's tasks used more than their share of CPU: they held the sandbox/);
  }
  const gap = longestGap(neighbour.outputTimes, burning, burnersEnded);
  console.log(
    `1 + 1: ${Math.round(normal.ms)} ms alone, ${Math.round(contended.ms)} ms beside three burners; ` +
      `the burners ended after ${Math.round(burnersEnded - burning)} ms; the neighbour's 50 ms ticker waited at most ${Math.round(gap)} ms`,
  );
  // At most one burner's tick (250 ms) before each of its two steps (the opening, the input's tick), plus slack for a busy machine.
  assert.ok(contended.ms < normal.ms + 2 * 250 + 500, `1 + 1 took ${Math.round(contended.ms)} ms, ${Math.round(normal.ms)} ms alone`);
  // Round robin alone would let all three burners go between two of its ticks (750 ms); the lightest goes first.
  assert.ok(gap < 250 + 300, `the neighbour's ticker waited ${Math.round(gap)} ms`);
  // Each burner held the worker a third of the time while others waited: past its quarter of the window soon after it filled.
  assert.ok(burnersEnded - burning < 2 * SHARE_WINDOW_MS, `the burners ran for ${Math.round(burnersEnded - burning)} ms`);
  // The neighbour's session is untouched and answers as fast as ever once the burners are gone.
  const started = performance.now();
  assert.equal(value(await neighbour.session.eval("21 * 2")), "42");
  assert.ok(performance.now() - started < normal.ms + 500, `21 * 2 took ${Math.round(performance.now() - started)} ms`);
  await neighbour.session.close();
  await contended.session.close();
  await normal.session.close();
});

test("a session computing alone may keep its worker busy for a part of any window, not all of it", async () => {
  // A third of the time busy, alone on the worker: nobody waits, and it stays under the bound.
  const moderate = await open();
  await moderate.session.eval(BURNER.replace("await asyncio.sleep(0)", "await asyncio.sleep(0.5)"));
  await sleep(SHARE_WINDOW_MS * 1.5);
  assert.ok(!moderate.events.some((event) => event.type === "end"), "the moderate session was ended");
  await moderate.session.close();
  // Busy all the time: a worker thread is a core that others need, so it ends once it held 75% of the window.
  const started = performance.now();
  const burner = await open();
  await burner.session.eval(BURNER);
  const end = await burner.session.ended;
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
  assert.match(
    end.message ?? "",
    /^CPU share exceeded: the session's tasks kept its sandbox busy for [\d.]+ s of the last 3 s \(a session may take 75% of it, even alone\)$/,
  );
  assert.ok(performance.now() - started < 2 * SHARE_WINDOW_MS, `the lone burner ran for ${Math.round(performance.now() - started)} ms`);
});

test("a native call that ignores the interrupt ends its own session only: the neighbour starts afresh and says so", async () => {
  const neighbour = await open();
  assert.equal(value(await neighbour.session.eval(`const kept = 41; kept + 1`)), "42");
  const stuck = await open();
  const outcome = stuck.session.eval(`new Array(2 ** 29).join("").length`);
  const end = await stuck.session.ended;
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
  assert.equal((await outcome).kind, "closed");
  // The neighbour lost its sandbox, not its session: a notice, then inputs as before.
  await until(() => neighbour.output() !== "", 2000);
  assert.match(
    neighbour.output(),
    /This REPL session was restarted on a new sandbox because another session sharing its worker had to be stopped; its variables and tasks were lost\.\n/,
  );
  assert.equal(value(await neighbour.session.eval("1 + 1")), "2");
  assert.equal(value(await neighbour.session.eval("typeof kept")), "'undefined'");
  assert.ok(!neighbour.events.some((event) => event.type === "end"), "the neighbour's session ended");
  const notice = neighbour.events.find((event) => event.type === "output" && event.stream === "stderr");
  assert.ok(notice !== undefined, "the notice is on stderr");
  await neighbour.session.close();
});
