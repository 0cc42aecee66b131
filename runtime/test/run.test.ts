// asyncio.run and the shape of a program run (CPython test_asyncio/test_runners.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("run() returns the main coroutine's result and code after it runs after the program (test_runners.RunTests.test_asyncio_run_return)", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.sleep(0);
      return 42;
    }
    print(asyncio.run(main()));
    print("after run");
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "42\nafter run\n");
});

test("run() raises the main coroutine's exception (test_runners.RunTests.test_asyncio_run_raises)", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.sleep(0);
      throw new Error("spam");
    }
    try { asyncio.run(main()); } catch (e) { print("caught", e); }
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "caught spam\n");
});

test("run() refuses to run inside a running loop (test_runners.RunTests.test_asyncio_run_from_running_loop)", async () => {
  const { stdout } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function inner() {}
    async function main() {
      const coro = inner();
      try { asyncio.run(coro); } catch (e) { print([e]); }
      await coro;
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[RuntimeError('asyncio.run() cannot be called from a running event loop')]\n");
});

test("the spec's first example prints what its comments say", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work(i: number) {
      print("start", i);
      await asyncio.sleep(2);
      return i * 10;
    }
    async function main() {
      const tasks = [1, 2, 3].map((i) => asyncio.createTask(work(i)));
      print(await asyncio.gather(...tasks));
      print(asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
    print("after run");
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "start 1\nstart 2\nstart 3\n[10, 20, 30]\n2\nafter run\n");
});

test("a coroutine never awaited is reported on stderr when the run ends", async () => {
  const { stdout, stderr } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function forgotten() { print("never runs"); }
    async function main() { forgotten(); }
    asyncio.run(main());
  `);
  assert.equal(stdout, "");
  assert.equal(stderr, "RuntimeWarning: coroutine 'forgotten' was never awaited\n");
});

test("remaining tasks are cancelled when run() ends (test_runners.RunTests.test_asyncio_run_cancel_hanging_tasks)", async () => {
  const { stdout } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function leftover() {
      try { await asyncio.sleep(10); } catch (e) { print("cancelled:", [e]); throw e; }
    }
    async function main() {
      asyncio.createTask(leftover());
      await asyncio.sleep(1);
      return "main done";
    }
    print(asyncio.run(main()));
  `);
  assert.equal(stdout, "cancelled: [CancelledError()]\nmain done\n");
});

test("a task that fails while asyncio.run() cancels it at shutdown is logged with its task under 'task:' (test_runners.RunTests.test_asyncio_run_reports_hanging_tasks_errors)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    class Cleanup extends Error {}
    async function leftover() {
      try {
        await asyncio.sleep(0.1);
      } catch {
        throw new Cleanup("while cancelled");
      }
    }
    async function main() {
      asyncio.createTask(leftover());
      await asyncio.sleep(0);
      return 123;
    }
    print(asyncio.run(main()));
  `);
  assert.equal(stdout, "123\n");
  assert.match(
    stderr,
    /^unhandled exception during asyncio\.run\(\) shutdown\ntask: <Task finished name='Task-2' coro=<leftover\(\) done> exception=Cleanup\('while cancelled'\)>\n/,
  );
  assert.match(stderr, /\nCleanup: while cancelled\n/);
});

test("asyncio.Runner runs several coroutines on one loop, sharing one context, and close() shuts it down (test_runners.RunnerTests.test_run, test_run_keeps_context, test_close)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import { ContextVar } from "contextvars";
    const counter = new ContextVar("counter", { default: 0 });
    async function step() {
      counter.set(counter.get() + 1);
      return [counter.get(), asyncio.getRunningLoop() === loop];
    }
    const runner = new asyncio.Runner();
    const loop = runner.getLoop();
    print(runner.run(step()), runner.run(step()));
    runner.close();
    print(loop.isClosed());
    try { runner.run(step()); } catch (e) { print([e]); }
    {
      using scoped = new asyncio.Runner();
      print(scoped.run(step()));
    }
  `);
  assert.equal(stdout, "[1, True] [2, True]\nTrue\n[RuntimeError('Runner is closed')]\n[1, False]\n");
});

test("asyncio.run(main, { loopFactory }) runs main on the loop the factory makes (test_runners.RunTests.test_asyncio_run_loop_factory)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    let made = null;
    function factory() {
      made = new asyncio.EventLoop();
      made.setDebug(true);
      return made;
    }
    async function main() { return [asyncio.getRunningLoop() === made, asyncio.getRunningLoop().getDebug()]; }
    print(asyncio.run(main(), { loopFactory: factory }), made.isClosed());
    print(asyncio.run(main(), { loop_factory: factory, debug: false }));
  `);
  assert.equal(stdout, "[True, True] True\n[True, False]\n");
});
