// Ctrl-C on a session computing without pause, as `python -m asyncio` has it: the task computing
// ends with KeyboardInterrupt and the session goes on, its variables and tasks alive. QuickJS's
// interrupt skips catch and finally, so the interrupted coroutine's own finally does not run,
// while the coroutine awaiting it gets the KeyboardInterrupt at its await. And what a hostile
// snippet can do about it: a session that will not stop, or that sabotaged the recovery, ends.
import assert from "node:assert/strict";
import { test } from "node:test";
import { INTERRUPTED } from "../src/engine/guest-context.js";
import { WorkerPool } from "../src/pool/worker-pool.js";
import type { RunEvent } from "../src/protocol-events.js";
import { type EvalOutcome, openSession, type Session, type SessionOptions } from "../src/repl/session.js";
import { testPool } from "./helpers.js";

interface Opened {
  session: Session;
  events: RunEvent[];
  stdout: () => string;
}

async function open(options: SessionOptions = {}): Promise<Opened> {
  const session = await openSession({ pool: testPool(), events: false, ...options });
  const events: RunEvent[] = [];
  void (async () => {
    for await (const event of session.events) events.push(event);
  })();
  const stdout = () => events.map((event) => (event.type === "output" && event.stream === "stdout" ? event.text : "")).join("");
  return { session, events, stdout };
}

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function errorName(outcome: EvalOutcome): string {
  if (outcome.kind !== "error") assert.fail(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error.name;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

const COMPUTING = "computing\n";

/**
 * Evaluates `source`, which computes without pause, after a print that says it started: its
 * output reaches the host while it computes (the interrupt handler drains it), so the session's
 * sandbox is computing once it shows, however busy the machine.
 */
async function computing(opened: Opened, source: string): Promise<{ outcome: Promise<EvalOutcome> }> {
  const shown = timesComputing(opened);
  const outcome = opened.session.eval(`print("computing"); ${source}`);
  await computingAgain(opened, shown);
  return { outcome };
}

function timesComputing({ stdout }: Opened): number {
  return stdout().split(COMPUTING).length - 1;
}

/** Waits until the session printed "computing" more than `shown` times. */
async function computingAgain(opened: Opened, shown: number): Promise<void> {
  while (timesComputing(opened) === shown) await sleep(5);
}

/** Evaluates `source`, which computes without pause, and presses Ctrl-C once it computes. */
async function interrupted(opened: Opened, source: string): Promise<EvalOutcome> {
  const { outcome } = await computing(opened, source);
  assert.equal(opened.session.interrupt(), "interrupted");
  return outcome;
}

const LONG_CPU = { limits: { cpuMs: 60_000 } };

test("Ctrl-C ends a computing input with KeyboardInterrupt; variables and background tasks live on", async () => {
  const opened = await open(LONG_CPU);
  const { session, stdout } = opened;
  await session.eval(`import asyncio from "asyncio"; let x = 41; let ticks = 0;`);
  await session.eval("const ticker = asyncio.createTask((async () => { for (;;) { ticks++; await asyncio.sleep(0.01); } })())");
  assert.equal(errorName(await interrupted(opened, "while (true) {}")), "KeyboardInterrupt");
  assert.equal(value(await session.eval("x + 1")), "42");
  const before = Number(value(await session.eval("ticks")));
  await sleep(100);
  assert.ok(Number(value(await session.eval("ticks"))) > before, "the background task still runs");
  assert.equal(value(await session.eval("await asyncio.sleep(0.01, 'new tasks run')")), "'new tasks run'");
  assert.equal(value(await session.eval("[ticker.done(), asyncio.currentTask() !== null]")), "[False, True]");
  assert.equal(session.history.find((input) => input.source.endsWith("while (true) {}"))?.completed, false);
  assert.doesNotMatch(stdout(), /Traceback/);
  await session.close();
});

test("the interrupted coroutine's finally does not run; the coroutine awaiting it gets KeyboardInterrupt at its await", async () => {
  const opened = await open(LONG_CPU);
  const { session, stdout } = opened;
  await session.eval(`import asyncio from "asyncio"; import { KeyboardInterrupt } from "builtins";`);
  await session.eval(`
    async function spin() { try { for (;;) {} } finally { print("inner finally"); } }
    async function outer() {
      try { await spin(); } catch (error) { print("outer caught", error instanceof KeyboardInterrupt); throw error; }
      finally { print("outer finally"); }
    }`);
  assert.equal(errorName(await interrupted(opened, "await outer()")), "KeyboardInterrupt");
  assert.equal(stdout(), `${COMPUTING}outer caught True\nouter finally\n`);
  await session.close();
});

test("a lock the interrupted coroutine held stays held; one its awaiter held is released by its async with", async () => {
  const opened = await open(LONG_CPU);
  const { session } = opened;
  await session.eval(`import asyncio from "asyncio"; const held = new asyncio.Lock(); const outer = new asyncio.Lock();`);
  await session.eval(`
    async function spinHolding() { await held.acquire(); try { for (;;) {} } finally { held.release(); } }`);
  await session.eval("async function spinUnderWith() { await outer.acquire(); try { await spinHolding(); } finally { outer.release(); } }");
  assert.equal(errorName(await interrupted(opened, "await spinUnderWith()")), "KeyboardInterrupt");
  assert.equal(value(await session.eval("[held.locked(), outer.locked()]")), "[True, False]");
  await session.close();
});

test("Ctrl-C on a background task computing: it ends with KeyboardInterrupt and the awaiting input is cancelled", async () => {
  const opened = await open(LONG_CPU);
  const { session } = opened;
  await session.eval(`import asyncio from "asyncio"; let x = 1;`);
  await session.eval(`const busy = asyncio.createTask((async () => { await asyncio.sleep(0.3); print("computing"); for (;;) {} })())`);
  const waiting = session.eval("await asyncio.sleep(60)");
  await computingAgain(opened, 0);
  assert.equal(session.interrupt(), "interrupted");
  assert.equal(errorName(await waiting), "CancelledError");
  assert.equal(value(await session.eval("[busy.done(), busy.exception().name, x]")), "[True, 'KeyboardInterrupt', 1]");
  await session.close();
});

test("a second Ctrl-C ends a session whose input catches the KeyboardInterrupt and computes again; a neighbour goes on", async () => {
  const neighbour = await open();
  await neighbour.session.eval("let kept = 5");
  const opened = await open(LONG_CPU);
  const { session } = opened;
  await session.eval("async function spin() { for (;;) {} }");
  await session.eval(`async function again() { for (;;) { try { await spin(); } catch {} print("computing"); } }`);
  const { outcome } = await computing(opened, "await again()");
  assert.equal(session.interrupt(), "interrupted");
  // It caught the KeyboardInterrupt at its await and computes again.
  await computingAgain(opened, 1);
  assert.equal(session.interrupt(), "interrupted");
  assert.equal((await outcome).kind, "closed");
  const end = await session.ended;
  assert.equal(end.reason, "stopped");
  assert.equal(end.message, INTERRUPTED);
  assert.equal(value(await neighbour.session.eval("kept * 2")), "10");
  await neighbour.session.close();
});

test("a snippet that replaced what the recovery calls ends its session with the Ctrl-C's message; a neighbour goes on", async () => {
  const neighbour = await open();
  await neighbour.session.eval("let kept = 5");
  const opened = await open(LONG_CPU);
  const { session } = opened;
  await session.eval(`import asyncio from "asyncio";
    asyncio.Task.prototype.resumeInterrupted = function () { throw new Error("sabotaged"); };`);
  assert.equal((await interrupted(opened, "while (true) {}")).kind, "closed");
  assert.equal((await session.ended).message, INTERRUPTED);
  assert.equal(value(await neighbour.session.eval("kept * 2")), "10");

  // One whose replacement computes for ever: a second Ctrl-C ends it.
  const loopingOpened = await open(LONG_CPU);
  const looping = loopingOpened.session;
  await looping.eval(`import asyncio from "asyncio";
    asyncio.getRunningLoop().constructor.prototype.leaveInterruptedTick = function () { for (;;) {} };`);
  const { outcome } = await computing(loopingOpened, "while (true) {}");
  assert.equal(looping.interrupt(), "interrupted");
  // The recovery computes for ever from here on.
  await sleep(300);
  assert.equal(looping.interrupt(), "interrupted");
  assert.equal((await outcome).kind, "closed");
  assert.equal((await looping.ended).message, INTERRUPTED);
  assert.equal(value(await neighbour.session.eval("kept * 3")), "15");
  await neighbour.session.close();
});

test("with task events on, the record says the interrupted task failed, and the session's record goes on", async () => {
  const opened = await open({ ...LONG_CPU, events: true });
  const { session, events } = opened;
  await session.eval("let x = 41");
  assert.equal(errorName(await interrupted(opened, "while (true) {}")), "KeyboardInterrupt");
  assert.equal(value(await session.eval("x + 1")), "42");
  const states = events.flatMap((event) => (event.type === "task-state" ? [event.state] : []));
  assert.ok(states.includes("failed"), `states: ${states.join(", ")}`);
  assert.equal(states.at(-1), "done");
  await session.close();
});

test("on quickjs-ng, whose stacks stop at Error.stackTraceLimit, too; its Error.prepareStackTrace set, the session ends instead", async () => {
  const pool = new WorkerPool({ workers: 0, engine: "quickjs-ng", spareContexts: 1 });
  try {
    const opened = await open({ ...LONG_CPU, pool });
    const { session } = opened;
    await session.eval("let x = 41; Error.stackTraceLimit = 1");
    assert.equal(errorName(await interrupted(opened, "while (true) {}")), "KeyboardInterrupt");
    assert.equal(value(await session.eval("[x + 1, Error.stackTraceLimit]")), "[42, 1]");
    // A snippet's prepareStackTrace could write any stack: none is trusted.
    await session.eval("Error.prepareStackTrace = () => 'forged'");
    assert.equal((await interrupted(opened, "while (true) {}")).kind, "closed");
    assert.equal((await session.ended).message, INTERRUPTED);
  } finally {
    await pool.close();
  }
});

test("an input that catches the KeyboardInterrupt and computes again meets the CPU limit, as any computing input does", async () => {
  const opened = await open({ limits: { cpuMs: 1500 } });
  const { session } = opened;
  await session.eval("async function spin() { for (;;) {} }");
  await session.eval("async function again() { for (;;) { try { await spin(); } catch {} } }");
  const { outcome } = await computing(opened, "await again()");
  assert.equal(session.interrupt(), "interrupted");
  assert.equal((await outcome).kind, "closed");
  const end = await session.ended;
  assert.equal(end.reason, "limit");
  assert.match(end.message ?? "", /CPU time limit/);
});

test("Ctrl-C on an input stuck in a native call that never polls the interrupt: the watchdog still ends it", async () => {
  const pool = new WorkerPool({ workers: 0, spareContexts: 1 });
  try {
    const { session } = await open({ pool });
    let answer: ReturnType<Session["interrupt"]> = "idle";
    let outcome: Promise<EvalOutcome> = Promise.resolve({ kind: "value", value: null });
    for (let attempt = 1; attempt <= 5; attempt++) {
      outcome = session.eval(`new Array(2 ** 29).join("").length`);
      // The native call reports nothing while it runs: once the input started, Ctrl-C until it lands in the computing sandbox.
      while (session.runningInputTask === null) await sleep(5);
      answer = session.interrupt();
      for (const started = Date.now(); answer === "cancelled" && Date.now() - started < 5000; answer = session.interrupt()) await sleep(20);
      if (answer === "interrupted") break;
      // On a busy machine the Ctrl-C can come between the operation that starts the input and the
      // one that computes it: nothing computes then, so it cancels the input, as the contract says.
      assert.equal(errorName(await outcome), "CancelledError");
    }
    assert.equal(answer, "interrupted");
    assert.equal((await outcome).kind, "closed");
    const end = await session.ended;
    assert.equal(end.reason, "limit");
    assert.match(end.message ?? "", /CPU time limit/);
  } finally {
    await pool.close();
  }
});
