// Tracebacks list the whole await chain, as CPython's do (issue 12, item 7): an exception
// raised in c, awaited by b, a and main, shows all four with their TypeScript lines, in the
// error event and in asyncio's logs (a task's exception never retrieved, a callback's, a
// gevent greenlet's). No traceback shows the compiled snippet's or the runtime's lines.
import assert from "node:assert/strict";
import { test } from "node:test";
import { collect, ts } from "./helpers.js";

const COMPILED_OR_RUNTIME = /snippet\.js|looplab-runtime\.js|\(native\)/;

test("main → a → b → c: the error event has five frames, the module's and each coroutine's at its await, innermost first", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function c() {
      await asyncio.sleep(0);
      throw new Error("deep");
    }
    async function b() { await c(); }
    async function a() {
      await b();
    }
    async function main() { await a(); }
    asyncio.run(main());
  `);
  assert.ok(run.error !== null);
  assert.deepEqual(
    run.error.frames.map((frame) => [frame.function, frame.line, frame.column, frame.code]),
    [
      ["c", 4, 13, 'throw new Error("deep");'],
      ["b", 6, 22, "async function b() { await c(); }"],
      ["a", 8, 3, "await b();"],
      ["main", 10, 25, "async function main() { await a(); }"],
      ["<module>", 11, 9, "asyncio.run(main());"],
    ],
  );
  assert.match(
    run.error.traceback,
    /line 11, in <module>\n.*\n.*line 10, in main\n.*\n.*line 8, in a\n.*\n.*line 6, in b\n.*\n.*line 4, in c\n/,
  );
  assert.doesNotMatch(run.error.traceback, COMPILED_OR_RUNTIME);
});

test("an exception that crossed from a task to the task awaiting it shows the awaiting coroutine, then the task's", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function fail() {
      await asyncio.sleep(0);
      throw new Error("in the task");
    }
    async function main() {
      const task = asyncio.createTask(fail());
      await task;
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    run.error?.frames.map((frame) => [frame.function, frame.line]),
    [
      ["fail", 4],
      ["main", 8],
      ["<module>", 10],
    ],
  );
});

test("asyncio's logs show the snippet's TypeScript lines and the await chain, never JavaScript's", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function inner() {
      await asyncio.sleep(0);
      throw new Error("never retrieved");
    }
    async function outer() { await inner(); }
    function broken() { throw new Error("in a callback"); }
    async function main() {
      asyncio.createTask(outer());
      asyncio.getRunningLoop().callSoon(broken);
      await asyncio.sleep(1);
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, null);
  assert.doesNotMatch(run.stderr, COMPILED_OR_RUNTIME);
  // The task caught the exception: its traceback begins at the task's coroutine, as CPython's does.
  assert.match(
    run.stderr,
    /Task exception was never retrieved\nfuture: <Task finished .*>\nTraceback \(most recent call last\):\n {2}File "snippet\.ts", line 6, in outer\n {4}async function outer\(\) \{ await inner\(\); \}\n {2}File "snippet\.ts", line 4, in inner\n {4}throw new Error\("never retrieved"\);\nError: never retrieved\n/,
  );
  assert.match(
    run.stderr,
    /Exception in callback broken\(\)\n.*\nTraceback \(most recent call last\):\n {2}File "snippet\.ts", line 7, in broken\n {4}function broken\(\) \{ throw new Error\("in a callback"\); \}\nError: in a callback\n/,
  );
});

test("a gevent greenlet that dies of an exception is reported with its TypeScript line", async () => {
  const run = await collect(ts`
    import gevent from "gevent";
    function work() {
      gevent.sleep(0);
      throw new Error("greenlet failed");
    }
    gevent.joinall([gevent.spawn(work)]);
  `);
  assert.doesNotMatch(run.stderr, COMPILED_OR_RUNTIME);
  assert.match(
    run.stderr,
    /File "snippet\.ts", line 4, in work\n {4}throw new Error\("greenlet failed"\);\nError: greenlet failed\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ <Greenlet at 0x1: work> failed with Error\n/,
  );
});
