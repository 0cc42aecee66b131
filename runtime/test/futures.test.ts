// Futures (CPython Lib/test/test_asyncio/test_futures.py). Expected outputs were checked
// against CPython 3.11, whose C Future gives the error messages asserted here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("a new future is pending, not done, not cancelled (test_futures.BaseFutureTests.test_initial_state)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      print(f.done(), f.cancelled(), f, f.getLoop() === asyncio.getRunningLoop(), asyncio.isfuture(f));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "False False <Future pending> True True\n");
});

test("setResult completes the future with that result (test_futures.BaseFutureTests.test_result)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.set_result(42);
      print(f.done(), f.cancelled(), f.result(), f.exception(), f);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "True False 42 None <Future finished result=42>\n");
});

test("setException makes result() raise that same exception (test_futures.BaseFutureTests.test_exception)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      const boom = new Error("boom");
      f.setException(boom);
      try { f.result(); } catch (e) { print("raised the same object:", e === boom); }
      print(f.exception() === boom, f);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "raised the same object: True\nTrue <Future finished exception=Error('boom')>\n");
});

test("setException with a class instantiates it (test_futures.BaseFutureTests.test_exception_class)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.setException(TypeError);
      print([f.exception()], f);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[TypeError()] <Future finished exception=TypeError()>\n");
});

test("a StopIteration cannot be set on a future (test_futures.BaseFutureTests.test_stop_iteration_exception)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function three() { return 3; }
    async function main() {
      let stop: any;
      try { three().send(null); } catch (e) { stop = e; }
      print(stop.name, stop.value);
      const f = asyncio.getRunningLoop().createFuture();
      try { f.setException(stop); } catch (e) { print([e], f.done()); }
      async function leaks() { three().send(null); }
      try { await leaks(); } catch (e) { print("awaited:", [e]); }
      try { await asyncio.createTask(leaks()); } catch (e) { print("task:", [e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "StopIteration 3",
      "[TypeError('StopIteration interacts badly with generators and cannot be raised into a Future')] False",
      "awaited: [RuntimeError('coroutine raised StopIteration')]",
      "task: [RuntimeError('coroutine raised StopIteration')]",
      "",
    ].join("\n"),
  );
});

test("cancel() cancels a pending future once; result() and exception() then raise CancelledError (test_futures.BaseFutureTests.test_cancel)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      print(f.cancel(), f.cancelled(), f.done(), f);
      for (const method of [() => f.result(), () => f.exception()]) {
        try { method(); } catch (e) { print([e], e instanceof asyncio.CancelledError); }
      }
      print(f.cancel());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "True True True <Future cancelled>\n[CancelledError()] True\n[CancelledError()] True\nFalse\n");
});

test("reading a pending future or completing a done one raises InvalidStateError (test_futures.BaseFutureTests.test_result_not_set)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      for (const attempt of [() => f.result(), () => f.exception()]) {
        try { attempt(); } catch (e) { print([e], e instanceof asyncio.InvalidStateError); }
      }
      f.setResult(1);
      for (const attempt of [() => f.setResult(2), () => f.setException(new Error("x"))]) {
        try { attempt(); } catch (e) { print([e]); }
      }
      const cancelled = loop.createFuture();
      cancelled.cancel();
      try { cancelled.setResult(2); } catch (e) { print([e]); }
      print(f.result());
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "[InvalidStateError('Result is not set.')] True",
      "[InvalidStateError('Exception is not set.')] True",
      "[InvalidStateError('invalid state')]",
      "[InvalidStateError('invalid state')]",
      "[InvalidStateError('invalid state')]",
      "1",
      "",
    ].join("\n"),
  );
});

test("a cancel message reaches whoever awaits the future (test_futures.BaseFutureTests.test_future_cancel_message_getter)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.cancel("my message");
      try { f.result(); } catch (e) { print("result:", [e]); }
      try { await f; } catch (e) { print("await:", [e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "result: [CancelledError('my message')]\nawait: [CancelledError('my message')]\n");
});

test("done-callbacks are scheduled with callSoon in registration order, after what was already scheduled (test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      loop.callSoon(() => print("soon 1"));
      f.addDoneCallback((fut) => print("cb1", fut.result()));
      f.addDoneCallback(() => print("cb2"));
      f.setResult(7);
      loop.callSoon(() => print("soon 2"));
      print("set");
      await asyncio.sleep(0);
      print("after one iteration");
      f.addDoneCallback(() => print("late cb"));
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "set\nsoon 1\ncb1 7\ncb2\nsoon 2\nafter one iteration\nlate cb\n");
});

test("done-callbacks run on setException too (test_futures.BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_exception)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.addDoneCallback((fut) => print("cb", [fut.exception()]));
      f.setException(new RangeError("bad"));
      print("set");
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "set\ncb [RangeError('bad')]\n");
});

test("removeDoneCallback removes every registration and returns the count (test_futures.BaseFutureDoneCallbackTests.test_remove_done_callback)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const g = asyncio.getRunningLoop().createFuture();
      const cb = (x: unknown) => print("cb", x);
      g.addDoneCallback(cb);
      g.addDoneCallback(() => print("other"));
      g.addDoneCallback(cb);
      print(g.removeDoneCallback(cb), g.remove_done_callback(cb));
      g.setResult(null);
      await asyncio.sleep(0);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "2 0\nother\n");
});

test("every task awaiting a future wakes, in the order they started waiting (test_futures.BaseFutureTests.test_await)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const h = loop.createFuture();
      async function waiter(name: string) { print(name, "got", await h); }
      const t1 = asyncio.createTask(waiter("a"));
      const t2 = asyncio.createTask(waiter("b"));
      await asyncio.sleep(0);
      loop.callSoon((value: string) => h.setResult(value), "v");
      print(await h);
      await asyncio.sleep(0);
      print(t1.done(), t2.done());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "a got v\nb got v\nv\nTrue True\n");
});

test("an exception set on a future and never retrieved is reported on stderr (test_futures.BaseFutureTests.test_tb_logger_exception_unretrieved)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.setException(new Error("lost"));
      const g = asyncio.getRunningLoop().createFuture();
      g.setException(new Error("seen"));
      g.exception();
      print("done");
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "done\n");
  assert.match(
    stderr,
    /^Future exception was never retrieved\nfuture: <Future finished exception=Error\('lost'\)>\n(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?Error: lost\n/,
  );
  assert.doesNotMatch(stderr, /seen/);
});

test("cancelling a failed future's logging: result() or cancel() marks the exception retrieved (test_futures.BaseFutureTests.test_tb_logger_result_retrieved)", async () => {
  const { stderr } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      f.setException(new Error("retrieved"));
      try { f.result(); } catch {}
    }
    asyncio.run(main());
  `);
  assert.equal(stderr, "");
});

test("ensureFuture returns a future as is and refuses one from another loop (test_tasks.BaseTaskTests.test_ensure_future_future)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = asyncio.getRunningLoop().createFuture();
      print(asyncio.ensureFuture(f) === f);
      const other = asyncio.newEventLoop();
      try { asyncio.ensure_future(f, { loop: other }); } catch (e) { print([e]); }
      other.close();
      try { asyncio.ensureFuture("ok"); } catch (e) { print(e instanceof TypeError); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "True\n[ValueError('The future belongs to a different loop than the one specified as the loop argument')]\nTrue\n");
});

test("awaiting a future of another loop fails the task (test_tasks.BaseTaskTests.test_other_loop_future)", async () => {
  const { error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const other = asyncio.newEventLoop();
    const fut = other.createFuture();
    async function run() { await fut; }
    asyncio.run(run());
  `);
  assert.ok(error instanceof Error);
  assert.match(
    error.message,
    /^Task <Task pending name='Task-1' coro=<run\(\) running>> got Future <Future pending> attached to a different loop$/,
  );
});

test("Future can be constructed directly and completed from a callback (test_futures.BaseFutureTests.test_constructor_use_running_loop)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const f = new asyncio.Future();
      const g = asyncio.Future();
      print(f.getLoop() === asyncio.getRunningLoop(), g.getLoop() === asyncio.getRunningLoop());
      asyncio.getRunningLoop().callLater(1, () => f.setResult("later"));
      print(await f, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "True True\nlater 1\n");
});
