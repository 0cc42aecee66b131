// Python's built-in exceptions, caught by class (the `builtins` module, docs/runtime.md):
// Python's hierarchy (Lib/test/exception_hierarchy.txt), `except Exception` letting
// CancelledError through, and ExceptionGroup's split/subgroup/derive standing for `except*`
// (test_exception_group.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("the runtime's exceptions are caught by class, with Python's hierarchy (Lib/test/exception_hierarchy.txt)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import { BaseException, Exception, IndexError, KeyError, LookupError, OSError, RuntimeError, StopIteration, TimeoutError, TypeError, ValueError } from "builtins";
    async function main() {
      const queue = new asyncio.Queue(1);
      try { queue.getNowait(); } catch (e) { print(e instanceof asyncio.QueueEmpty, e instanceof Exception); }
      try { await asyncio.waitFor(asyncio.sleep(1), 0.1); } catch (e) { print(e instanceof TimeoutError, e instanceof OSError, e === null); }
      try { asyncio.getRunningLoop().runUntilComplete(asyncio.sleep(0)); } catch (e) { print(e instanceof RuntimeError, e.constructor.name); }
      try { null.x; } catch (e) { print(e instanceof TypeError, e instanceof Exception); }
      const task = asyncio.createTask(asyncio.sleep(1));
      await asyncio.sleep(0);
      task.cancel();
      try { await task; } catch (e) { print(e instanceof Exception, e instanceof BaseException, e instanceof asyncio.CancelledError); }
      print(new IndexError() instanceof LookupError, new KeyError("k") instanceof LookupError, new ValueError() instanceof LookupError);
      print(new asyncio.BrokenBarrierError() instanceof RuntimeError, new StopIteration() instanceof Exception);
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    ["True True", "True True False", "True RuntimeError", "True True", "False True True", "True True False", "True True", ""].join("\n"),
  );
});

test("a snippet's exception classes extend Exception and BaseException as Python's do", async () => {
  const { stdout } = await runOk(ts`
    import { BaseException, Exception, ValueError } from "builtins";
    class AppError extends Exception {}
    class Invalid extends ValueError {}
    class Shutdown extends BaseException {}
    print(new AppError("a") instanceof Exception, new AppError("a") instanceof AppError, [new AppError("a")]);
    print(new Invalid("v") instanceof ValueError, new Invalid("v") instanceof Exception, [new Invalid("v")]);
    print(new Shutdown() instanceof Exception, new Shutdown() instanceof BaseException, new Error() instanceof Shutdown);
  `);
  assert.equal(stdout, "True True [AppError('a')]\nTrue True [Invalid('v')]\nFalse True False\n");
});

test("ExceptionGroup's split, subgroup and derive stand for except* (test_exception_group.ExceptionGroupSplitTests)", async () => {
  const { stdout } = await runOk(ts`
    import { ExceptionGroup, TypeError, ValueError } from "builtins";
    const group = new ExceptionGroup("many", [new ValueError("v"), new TypeError("t"), new ExceptionGroup("inner", [new ValueError("w")])]);
    const [values, rest] = group.split(ValueError);
    print([values, rest]);
    print([group.subgroup((e) => e instanceof TypeError)]);
    print([group.subgroup(() => false), group.derive([new ValueError("x")])]);
  `);
  assert.equal(
    stdout,
    [
      "[ExceptionGroup('many', [ValueError('v'), ExceptionGroup('inner', [ValueError('w')])]), ExceptionGroup('many', [TypeError('t')])]",
      "[ExceptionGroup('many', [TypeError('t')])]",
      "[None, ExceptionGroup('many', [ValueError('x')])]",
      "",
    ].join("\n"),
  );
});
