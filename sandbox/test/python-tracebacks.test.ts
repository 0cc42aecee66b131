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
