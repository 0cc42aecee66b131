// A new session opened with an ended one's history gets back the declarations replay may run
// again (src/repl/declarations.ts) and nothing else: no print, no task, no stale value. And
// interrupt(), Ctrl-C: an input computing in the runtime's code ends its session, an awaiting one
// is cancelled.
import assert from "node:assert/strict";
import { test } from "node:test";
import { INTERRUPTED } from "../src/engine/guest-context.js";
import type { RunEvent } from "../src/protocol-events.js";
import { type EvalOutcome, openSession, type Session, type SessionOptions } from "../src/repl/session.js";
import { testPool } from "./helpers.js";

async function open(options: SessionOptions = {}): Promise<{ session: Session; events: RunEvent[] }> {
  const session = await openSession({ pool: testPool(), ...options });
  const events: RunEvent[] = [];
  void (async () => {
    for await (const event of session.events) events.push(event);
  })();
  return { session, events };
}

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

test("replay brings back imports, functions, inert classes and side-effect-free variables, and runs no print or task again", async () => {
  const first = await open();
  const inputs = [
    `import asyncio from "asyncio";`,
    `print("hello"); const base: number = 40;`,
    `function add(a: number, b: number): number { return a + b; }`,
    `class Box { value = 1; static label = "box"; }`,
    `class Loud { static made = print("loud"); }`,
    `const sleeper = asyncio.createTask(asyncio.sleep(60), { name: "sleeper" });`,
    `let x = 1;`,
    `const x = add(1, 2);`,
    `const { a, b: renamed = 2 } = { a: 1 };`,
    `function late() { return "late"; } const y = 5; throw new Error("boom");`,
    `const broken = ;`,
  ];
  for (const input of inputs) await first.session.eval(input);
  assert.equal(first.events.filter((event) => event.type === "output").length, 2, "hello and loud printed once each");
  assert.deepEqual(
    first.session.history.map((input) => input.completed),
    [true, true, true, true, true, true, true, true, true, false],
    "every input that ran, the one that raised as not completed; the compile error is not there",
  );
  await first.session.close();

  const second = await open({ replay: first.session.history });
  assert.deepEqual(second.session.replayed?.restored.sort(), ["Box", "a", "add", "asyncio", "base", "late", "renamed"]);
  assert.deepEqual(Object.fromEntries((second.session.replayed?.notRestored ?? []).map(({ name, reason }) => [name, reason])), {
    Loud: "defining it runs code (a static block, or a call in extends, a key or a static field)",
    sleeper: "its value came from a call, new, await or an assignment, which replay does not run again",
    x: "its value came from a call, new, await or an assignment, which replay does not run again",
    y: "its input did not complete",
  });
  assert.equal(value(await second.session.eval("add(base, 2)")), "42");
  assert.equal(
    value(await second.session.eval("[typeof asyncio.sleep, new Box().value, Box.label, late(), a, renamed]")),
    "['function', 1, 'box', 'late', 1, 2]",
  );
  // x was 1, then a call's result: the stale 1 must not come back.
  assert.equal(
    value(await second.session.eval("[typeof Loud, typeof sleeper, typeof x, typeof y]")),
    "['undefined', 'undefined', 'undefined', 'undefined']",
  );
  assert.deepEqual(
    second.events.filter(
      (event) => event.type === "output" || event.type === "error" || (event.type === "task-spawned" && event.coroutine !== "<module>"),
    ),
    [],
    "replay printed nothing, spawned no task and showed no error",
  );
  // A third session replays the second's history: what came back once comes back again.
  const third = await open({ replay: second.session.history });
  assert.equal(value(await third.session.eval("add(base, late().length)")), "44");
  await second.session.close();
  await third.session.close();
});

test("interrupt() ends a session whose input computes inside the runtime's code, long before its CPU limit", async () => {
  const { session } = await open({ limits: { cpuMs: 60_000 } });
  await session.eval(`import random from "random"; function kept() { return 1; }`);
  // One call that loops in the runtime's code, where a Ctrl-C cannot land and let the session go on (repl-interrupt.test.ts).
  const looping = session.eval("for (;;) random.shuffle(new Array(1_000_000).fill(0))");
  // The input's task starts on the tick right after it is evaluated: Ctrl-C until it computes.
  while (session.runningInputTask === null) await sleep(5);
  while (session.interrupt() !== "interrupted") await sleep(20);
  const outcome = await looping;
  assert.equal(outcome.kind, "closed");
  const end = await session.ended;
  assert.equal(end.reason, "stopped");
  assert.equal(end.message, INTERRUPTED);
  assert.deepEqual(
    session.history.map((input) => input.completed),
    [true, false],
  );
  const next = await open({ replay: session.history });
  assert.equal(value(await next.session.eval("kept()")), "1");
  await next.session.close();
});

test("interrupt() cancels an input parked at an await, and the session goes on", async () => {
  const { session, events } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  const waiting = session.eval("await asyncio.sleep(60)");
  const parked = () =>
    events.some((event) => event.type === "task-state" && event.state === "waiting" && event.taskId === session.runningInputTask);
  while (!parked()) await sleep(5);
  // "interrupted" when the worker is still ending the operation that parked it: the Ctrl-C
  // comes too late to land there, and cancels the input just the same.
  assert.notEqual(session.interrupt(), "idle");
  const outcome = await waiting;
  assert.equal(outcome.kind, "error");
  assert.equal(outcome.kind === "error" ? outcome.error.name : "", "CancelledError");
  assert.equal(value(await session.eval("1 + 1")), "2");
  assert.equal(session.interrupt(), "idle");
  await session.close();
});

test("a hostile replay list (nested past the compiler's bound, over the snippet size, not code) restores the rest", async () => {
  const deep = `const deep = ${"[".repeat(10_000)}${"]".repeat(10_000)};`;
  const { session } = await open({
    limits: { snippetBytes: 4096 },
    replay: [
      { source: deep, completed: true },
      { source: `const big = "${"x".repeat(5000)}";`, completed: true },
      { source: "const = = ;", completed: true },
      { source: "const kept = 1;", completed: true },
    ],
  });
  assert.deepEqual(session.replayed, { restored: ["kept"], notRestored: [] });
  assert.equal(value(await session.eval("[typeof deep, typeof big, kept]")), "['undefined', 'undefined', 1]");
  await session.close();
});
