// REPL sessions: inputs with top-level await, declarations that persist, background tasks that
// print between inputs, cancelling by task id, closing when idle, limits per input.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { RunEvent } from "../src/protocol-events.js";
import { type EvalOutcome, openSession, type Session, type SessionOptions } from "../src/repl/session.js";
import { testPool } from "./helpers.js";

interface OpenSession {
  session: Session;
  events: RunEvent[];
  output(): string;
}

async function open(options: SessionOptions = {}): Promise<OpenSession> {
  const session = await openSession({ pool: testPool(), ...options });
  const events: RunEvent[] = [];
  void (async () => {
    for await (const event of session.events) events.push(event);
  })();
  const output = () =>
    events
      .filter((event) => event.type === "output")
      .map((event) => (event.type === "output" ? event.text : ""))
      .join("");
  return { session, events, output };
}

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

test("declarations persist across inputs: const, let with destructuring, functions, classes and imports", async () => {
  const { session } = await open();
  assert.equal(value(await session.eval(`import asyncio from "asyncio";`)), null);
  assert.equal(value(await session.eval(`const base: number = 40;\nlet { a, b: [c] } = { a: 1, b: [1] };`)), null);
  assert.equal(value(await session.eval(`function add(x: number, y: number): number { return x + y; }`)), null);
  assert.equal(value(await session.eval(`class Counter { count = 0; bump() { return ++this.count; } }`)), null);
  assert.equal(value(await session.eval(`const counter = new Counter(); counter.bump(); counter.bump()`)), "2");
  assert.equal(value(await session.eval(`add(base, a + c)`)), "42");
  assert.equal(value(await session.eval(`typeof asyncio.sleep`)), "'function'");
  // Declaring again rebinds, as assigning a name does in Python's REPL.
  assert.equal(value(await session.eval(`const base = 1; base`)), "1");
  await session.close();
});

test("top-level await works on the real clock, and the value is echoed as Python's REPL shows it", async () => {
  const { session } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  const started = performance.now();
  assert.equal(value(await session.eval(`await asyncio.sleep(0.2, "slept")`)), "'slept'");
  assert.ok(performance.now() - started >= 190, "the sleep took real time");
  assert.equal(value(await session.eval(`const loop = asyncio.getRunningLoop(); loop.time() > 0.1`)), "True");
  assert.equal(value(await session.eval(`print("printed")`)), null);
  await session.close();
});

test("a task started by one input keeps running and printing between inputs", async () => {
  const { session, output } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(
    `async function ticker() { for (let i = 1; i <= 3; i++) { await asyncio.sleep(0.05); print("tick", i); } return "ticked"; }\nconst background = asyncio.createTask(ticker());`,
  );
  assert.equal(output(), "");
  // No input runs now: only the worker's own event loop can drive the task.
  await sleep(400);
  assert.equal(output(), "tick 1\ntick 2\ntick 3\n");
  assert.equal(value(await session.eval(`await background`)), "'ticked'");
  await session.close();
});

test("cancel(taskId) cancels a background task by the id its events carry", async () => {
  const { session, events } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(`async function sleeper() { await asyncio.sleep(100); }\nconst task = asyncio.createTask(sleeper());`);
  const spawned = events.find((event) => event.type === "task-spawned" && event.coroutine === "sleeper");
  assert.ok(spawned?.type === "task-spawned");
  assert.equal(await session.cancel(spawned.taskId), true);
  await sleep(50);
  assert.equal(value(await session.eval(`task.cancelled()`)), "True");
  assert.ok(events.some((event) => event.type === "task-state" && event.taskId === spawned.taskId && event.state === "cancelled"));
  assert.equal(await session.cancel(spawned.taskId), false);
  await session.close();
});

test("cancelling the running input's task interrupts it with CancelledError, as Ctrl-C does", async () => {
  const { session } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  const running = session.eval(`await asyncio.sleep(100)`);
  while (session.runningInputTask === null) await sleep(10);
  assert.equal(await session.cancel(session.runningInputTask), true);
  const outcome = await running;
  assert.equal(outcome.kind === "error" ? outcome.error.name : outcome.kind, "CancelledError");
  assert.equal(value(await session.eval(`"still here"`)), "'still here'");
  await session.close();
});

test("an error in an input shows a traceback of the input's own TypeScript lines, and the session goes on", async () => {
  const { session } = await open();
  await session.eval(`function check(n: number): void {\n  if (n > 2) {\n    throw new RangeError("too big: " + n);\n  }\n}`);
  const outcome = await session.eval(`const limit: number = 3;\ncheck(limit);`);
  assert.equal(outcome.kind, "error");
  assert.equal(
    outcome.kind === "error" ? outcome.error.traceback : "",
    [
      "Traceback (most recent call last):",
      '  File "<input-2>", line 2, in <module>',
      "    check(limit);",
      '  File "<input-1>", line 3, in check',
      '    throw new RangeError("too big: " + n);',
      "RangeError: too big: 3",
      "",
    ].join("\n"),
  );
  assert.equal(value(await session.eval(`limit`)), "3");
  const compileError = await session.eval(`const x: number = ;`);
  assert.equal(compileError.kind, "compile-error");
  await session.close();
});

test("an idle session is closed after its idle timeout", async () => {
  const { session } = await open({ idleTimeoutMs: 1500 });
  assert.equal(value(await session.eval(`1 + 1`)), "2");
  const end = await session.ended;
  assert.equal(end.reason, "stopped");
  assert.equal(end.message, "closed after 2 s without input");
  assert.equal((await session.eval(`1`)).kind, "closed");
});

test("an input that runs past the CPU limit ends the session with the limit named", async () => {
  const { session } = await open({ limits: { cpuMs: 300 } });
  const outcome = await session.eval(`while (true) {}`);
  assert.equal(outcome.kind, "closed");
  const end = await session.ended;
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
});

test("looplab repl: top-level await, persistent names, background output, a traceback, Ctrl-D to leave", async () => {
  const looplab = fileURLToPath(new URL("../bin/looplab.mjs", import.meta.url));
  const child = spawn(process.execPath, [looplab, "repl"], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const type = (line: string) => child.stdin.write(`${line}\n`);
  type(`import asyncio from "asyncio";`);
  type(`const task = asyncio.createTask((async () => { await asyncio.sleep(0.2); print("from the background"); })());`);
  type(`await asyncio.sleep(0.01, 6 * 7)`);
  type(`function twice(n: number) {`);
  type(`  return 2 * n;`);
  type(`}`);
  for (let waited = 0; !stdout.includes("from the background") && waited < 30_000; waited += 50) await sleep(50);
  type(`twice(21)`);
  type(`null.x`);
  child.stdin.end();
  assert.equal(await exited, 0);
  const lines = stdout
    .split(/(?:>>> |\.\.\. )+/)
    .join("")
    .split("\n");
  assert.deepEqual(lines.slice(1, -1), ["42", "from the background", "42"]);
  assert.match(stderr, /Traceback \(most recent call last\):\n {2}File "<input-\d+>", line 1, in <module>\n {4}null\.x\nTypeError: /);
});

test("time.sleep() in an input blocks the shared session worker, so it counts against the CPU limit", async () => {
  const { session } = await open({ limits: { cpuMs: 300 } });
  await session.eval(`import time from "time";`);
  assert.equal((await session.eval(`time.sleep(0.05); "short"`)).kind, "value");
  assert.equal((await session.eval(`time.sleep(5)`)).kind, "closed");
  const end = await session.ended;
  assert.deepEqual([end.reason, end.limit], ["limit", "cpu"]);
});

test("a task started by an input is parked at that input's own await, by its TypeScript line and column", async () => {
  const { session, events } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(
    `async function nap(label: string): Promise<void> {\n  const seconds: number = 30;\n  await asyncio.sleep(seconds);\n}`,
  );
  await session.eval(`const napping = asyncio.createTask(nap("x"))`);
  await sleep(100);
  const parked = events.flatMap((event) =>
    event.type === "task-state" && event.state === "waiting" && event.waitingOn?.kind === "sleep" ? [event.at] : [],
  );
  assert.deepEqual(parked, [{ line: 3, column: 3, input: 2 }]);
  await session.close();
});

test("a traceback through coroutines that earlier inputs defined shows each in its own input's lines", async () => {
  const { session } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(`async function inner() {
  await asyncio.sleep(0);
  throw new Error("deep");
}`);
  await session.eval(`async function outer() { await inner(); }`);
  const outcome = await session.eval(`await outer()`);
  assert.equal(outcome.kind, "error");
  assert.deepEqual(
    outcome.kind === "error" ? outcome.error.frames.map((frame) => [frame.function, frame.file, frame.line, frame.code]) : [],
    [
      ["inner", "<input-2>", 3, 'throw new Error("deep");'],
      ["outer", "<input-3>", 1, "async function outer() { await inner(); }"],
      ["<module>", "<input-4>", 1, "await outer()"],
    ],
  );
  await session.close();
});
