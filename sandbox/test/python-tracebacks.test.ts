// Tracebacks and asyncio's logs as CPython prints them (issue 14): the exception's own class
// name on the last line, exception groups with each sub-exception's traceback (Lib/traceback.py,
// TracebackException.format), and asyncio's log records worded as base_events.py words them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { collect, ts } from "./helpers.js";

test("a snippet's exception class names the traceback's last line, which starts at the throw, not in the constructor (Python: `raise Boom('bad')`)", async () => {
  const run = await collect(ts`
    class Boom extends Error {}
    class Detailed extends Error {
      constructor(readonly code: number) {
        super(\`code \${code}\`);
      }
    }
    function fail() { throw new Boom("bad"); }
    try { fail(); } catch (error) { print(error.name, [error]); }
    try { throw new Detailed(7); } catch (error) { print([error]); }
    fail();
  `);
  assert.equal(run.stdout, "Error [Boom('bad')]\n[Detailed('code 7')]\n");
  assert.equal(run.error?.name, "Boom");
  assert.equal(
    run.error?.traceback,
    [
      "Traceback (most recent call last):",
      '  File "snippet.ts", line 10, in <module>',
      "    fail();",
      '  File "snippet.ts", line 7, in fail',
      '    function fail() { throw new Boom("bad"); }',
      "Boom: bad",
      "",
    ].join("\n"),
  );
});

test("asyncio.run()'s shutdown log names the task under 'task:' and shows its TypeScript lines (runners.py _cancel_all_tasks)", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function leftover() {
      try {
        await asyncio.sleep(1);
      } finally {
        throw new RangeError("in cleanup");
      }
    }
    async function main() {
      asyncio.createTask(leftover());
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(run.error, null);
  assert.equal(
    run.stderr,
    [
      "unhandled exception during asyncio.run() shutdown",
      "task: <Task finished name='Task-2' coro=<leftover() done> exception=RangeError('in cleanup')>",
      "Traceback (most recent call last):",
      '  File "snippet.ts", line 6, in leftover',
      '    throw new RangeError("in cleanup");',
      "RangeError: in cleanup",
      "",
    ].join("\n"),
  );
});

test("an uncaught ExceptionGroup prints each sub-exception with its own traceback, boxed and numbered (traceback.py TracebackException.format; test_traceback.TestExceptionGroupFormatting)", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function child(n: number) {
      await asyncio.sleep(0.1 * n);
      throw new RangeError("child failed " + n);
    }
    async function main() {
      await asyncio.asyncWith(new asyncio.TaskGroup(), async (tg) => {
        tg.createTask(child(1));
        tg.createTask(child(2));
      });
    }
    asyncio.run(main());
  `);
  assert.equal(run.error?.name, "ExceptionGroup");
  assert.equal(
    run.error?.traceback,
    [
      "  + Exception Group Traceback (most recent call last):",
      '  |   File "snippet.ts", line 12, in <module>',
      "  |     asyncio.run(main());",
      '  |   File "snippet.ts", line 7, in main',
      "  |     await asyncio.asyncWith(new asyncio.TaskGroup(), async (tg) => {",
      "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
      "  +-+---------------- 1 ----------------",
      "    | Traceback (most recent call last):",
      '    |   File "snippet.ts", line 4, in child',
      '    |     throw new RangeError("child failed " + n);',
      "    | RangeError: child failed 1",
      "    +------------------------------------",
      "",
    ].join("\n"),
  );
});

test("nested groups share their closing line, and a group of more than 15 shows 15 and counts the rest (test_traceback.TestExceptionGroupFormatting: width and nesting)", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    const many = Array.from({ length: 17 }, (_, n) => new Error(\`\${n}\`));
    const inner = new asyncio.ExceptionGroup("inner", [new TypeError("t")]);
    throw new asyncio.ExceptionGroup("outer", [new Error("first"), inner, new asyncio.ExceptionGroup("wide", many)]);
  `);
  // The boxes alone: a JavaScript error has a traceback from where it was made, even if never thrown.
  const boxes = (run.error?.traceback ?? "").split("\n").filter((line) => !/\| {2}|\| Traceback/.test(line));
  const wide = Array.from({ length: 15 }, (_, n) => [
    `    ${n === 0 ? "+-" : "  "}+---------------- ${n + 1} ----------------`,
    `      | Error: ${n}`,
  ]);
  assert.deepEqual(boxes, [
    "  + Exception Group Traceback (most recent call last):",
    "  | ExceptionGroup: outer (3 sub-exceptions)",
    "  +-+---------------- 1 ----------------",
    "    | Error: first",
    "    +---------------- 2 ----------------",
    "    | ExceptionGroup: inner (1 sub-exception)",
    "    +-+---------------- 1 ----------------",
    "      | TypeError: t",
    "      +------------------------------------",
    "    +---------------- 3 ----------------",
    "    | ExceptionGroup: wide (17 sub-exceptions)",
    ...wide.flat(),
    "      +---------------- ... ----------------",
    "      | and 2 more exceptions",
    "      +------------------------------------",
    "",
  ]);
});

test("a runtime method called without its object says so, not which of the runtime's own properties it could not read (issue 14: bound methods)", async () => {
  const run = await collect(ts`
    import asyncio from "asyncio";
    async function main() {
      const { putNowait } = new asyncio.Queue();
      putNowait(1);
    }
    asyncio.run(main());
  `);
  assert.equal(run.error?.name, "TypeError");
  assert.equal(
    run.error?.message,
    "putNowait() was called on undefined instead of its object: a method taken off its object loses it. Call it as object.putNowait(...), or pass object.putNowait itself as a callback, which Looplab binds",
  );
  assert.match(run.error?.traceback ?? "", /line 4, in main\n {4}putNowait\(1\);\nTypeError: putNowait\(\) was called on undefined/);
});
