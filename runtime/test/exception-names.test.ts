// An exception shows its own class's name, as Python's does (CPython Objects/exceptions.c,
// BaseException_repr: `type(self).__name__` and the args), wherever asyncio shows it: a repr in a
// list, a future's repr, "Task exception was never retrieved", the last line of a traceback.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("a snippet's exception class shows its own name in reprs, futures and logs (test_futures.BaseFutureTests.test_future_repr: exception=...)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    class Boom extends Error {}
    class Named extends Error { name = "Custom"; }
    class Strict extends ValueErrorLike() {}
    function ValueErrorLike() { return class extends Error {}; }
    async function bad() { throw new Boom("lost"); }
    async function main() {
      print([new Boom("bad"), new Named("n"), new Strict(), new Boom()]);
      const f = asyncio.getRunningLoop().createFuture();
      f.setException(new Boom("bad"));
      print(f);
      f.exception();
      asyncio.createTask(bad());
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[Boom('bad'), Custom('n'), Strict(), Boom()]\n<Future finished exception=Boom('bad')>\n");
  assert.match(
    stderr,
    /^Task exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<bad\(\) done> exception=Boom\('lost'\)>\n/,
  );
  assert.match(stderr, /\nBoom: lost\n/);
});

test("a subclass of an asyncio exception shows its own name; the runtime's classes keep theirs", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    class Late extends asyncio.TimeoutError {}
    class Gone extends asyncio.CancelledError {}
    class Empty extends asyncio.QueueEmpty {}
    print([new Late("x"), new Gone(), new Empty(), new asyncio.QueueEmpty(), new asyncio.InvalidStateError("s")]);
    print(new Late("x").name, new Gone() instanceof asyncio.CancelledError);
  `);
  assert.equal(stdout, "[Late('x'), Gone(), Empty(), QueueEmpty(), InvalidStateError('s')]\nLate True\n");
});
