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
