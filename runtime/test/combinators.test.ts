// asyncio.gather, shield and as_completed (CPython 3.12 tasks.py; test_asyncio/test_tasks.py).
// Expected outputs were checked against CPython running the same program on a virtual clock
// (CPython 3.11 with 3.12's wait_for and TaskGroup exit patched in); a comment marks the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("gather() gives results in argument order, not completion order (test_tasks.GatherTestsBase.test_success)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work(name, delay) { await asyncio.sleep(delay); print("done", name); return name; }
    async function main() {
      print(await asyncio.gather(work("a", 3), work("b", 1), work("c", 2)));
      print(await asyncio.gather(work("a", 1), work("b", 1), { returnExceptions: true }), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "done b\ndone c\ndone a\n['a', 'b', 'c']\ndone a\ndone b\n['a', 'b'] 4\n", stderr: "", error: undefined },
  );
});

test("gather() raises the first error at once and leaves the other children running (test_tasks.GatherTestsBase.test_one_exception)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function fail(delay) { await asyncio.sleep(delay); throw new Error("first"); }
    async function work(delay) { await asyncio.sleep(delay); print("sibling finished", asyncio.getRunningLoop().time()); return delay; }
    async function main() {
      const sibling = asyncio.createTask(work(3));
      try { await asyncio.gather(fail(1), sibling); } catch (e) { print([e], asyncio.getRunningLoop().time(), sibling.done()); }
      print(await sibling, sibling.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[Error('first')] 1 False\nsibling finished 3\n3 False\n", stderr: "", error: undefined },
  );
});

test("gather() with returnExceptions puts errors in place of results (test_tasks.GatherTestsBase.test_return_exceptions)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function fail(message) { await asyncio.sleep(0); throw new Error(message); }
    async function ok(value) { return value; }
    async function main() {
      print(await asyncio.gather(ok(3), ok(1), fail("zero"), fail("runtime"), { return_exceptions: true }));
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[3, 1, Error('zero'), Error('runtime')]\n", stderr: "", error: undefined });
});

test("gather() of futures: a cancelled child makes gather raise CancelledError without being cancelled itself (test_tasks.FutureGatherTests.test_one_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const [a, b, c] = [loop.createFuture(), loop.createFuture(), loop.createFuture()];
      const fut = asyncio.gather(a, b, c);
      a.setResult(1);
      b.cancel();
      try { await fut; } catch (e) { print([e]); }
      print(fut.done(), fut.cancelled(), [fut.exception()]);
      c.setResult(3);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[CancelledError()]\nTrue False [CancelledError()]\n", stderr: "", error: undefined },
  );
});

test("gather() with returnExceptions gives a CancelledError for each cancelled child (test_tasks.FutureGatherTests.test_result_exception_one_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const [a, b, c, d, e, f] = Array.from({ length: 6 }, () => loop.createFuture());
      const fut = asyncio.gather(a, b, c, d, e, f, { returnExceptions: true });
      a.setResult(1);
      b.setException(new Error("zero"));
      c.cancel();
      await asyncio.sleep(0);
      print(fut.done());
      d.setResult(3);
      e.cancel();
      f.setException(new Error("runtime"));
      const results = await fut;
      print(results.map((result) => (result instanceof asyncio.CancelledError ? "CancelledError" : result)));
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "False\n[1, Error('zero'), 'CancelledError', 3, 'CancelledError', Error('runtime')]\n", stderr: "", error: undefined },
  );
});

test("gather() runs the same coroutine once when it is given twice (test_tasks.CoroutineGatherTests.test_duplicate_coroutines)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    let runs = 0;
    async function coro(s) { runs += 1; return s; }
    async function main() {
      const c = coro("abc");
      print(await asyncio.gather(c, c, coro("def"), c), runs);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['abc', 'abc', 'def', 'abc'] 2\n", stderr: "", error: undefined });
});

test("gather() of a task or future given twice, pending or done, and gathered by another gather too, reports each in its places", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = loop.createFuture(), b = loop.createFuture(), done = loop.createFuture();
      done.setResult("done");
      const task = asyncio.createTask(asyncio.sleep(1, "task"));
      const first = asyncio.gather(a, b, a, task, done, task, done);
      const second = asyncio.gather(a, task, a);
      print(first.done(), second.done());
      a.setResult("a");
      await asyncio.sleep(0);
      print(first.done(), second.done());
      b.setResult("b");
      print(await first, await second);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "False False\nFalse False\n['a', 'b', 'a', 'task', 'done', 'task', 'done'] ['a', 'task', 'a']\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("gather(...futures) takes more awaitables than an engine allows arguments in one call (QuickJS: 65,534)", async () => {
  // Futures rather than tasks: 70k tasks would pass the sandbox's default event limit first.
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import { gather } from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const futures = Array.from({ length: 70_000 }, (_, index) => {
        const future = loop.createFuture();
        if (index % 2 === 0) future.setResult(index);
        else loop.callSoon(() => future.setResult(index));
        return future;
      });
      const results = await asyncio.gather(...futures, { returnExceptions: false });
      const again = await gather(...futures.slice(0, 3));
      print(results.length, results[69_999], again);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "70000 69999 [0, 1, 2]\n", stderr: "", error: undefined });
});

test("gather() of nothing is a done future with an empty list (test_tasks.FutureGatherTests.test_constructor_empty_sequence_use_running_loop)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const fut = asyncio.gather();
      print(fut instanceof asyncio.Future, fut.done(), fut.result(), await fut);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True True [] []\n", stderr: "", error: undefined });
});

test("cancelling the task awaiting gather() cancels every child (test_tasks.CoroutineGatherTests.test_cancellation_broadcast)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      let proof = 0;
      const waiter = loop.createFuture();
      async function inner() { await waiter; proof += 1; }
      const child1 = asyncio.ensureFuture(inner());
      const child2 = asyncio.ensureFuture(inner());
      let gatherer;
      async function outer() {
        gatherer = asyncio.gather(child1, child2);
        await gatherer;
        proof += 100;
      }
      const f = asyncio.ensureFuture(outer());
      await asyncio.sleep(0);
      print(f.cancel());
      try { await f; } catch (e) { print([e]); }
      print(gatherer.cancel(), waiter.cancelled(), child1.cancelled(), child2.cancelled(), proof);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "True\n[CancelledError()]\nFalse True True True 0\n", stderr: "", error: undefined },
  );
});

test("cancelling gather() itself cancels its children and raises CancelledError even with returnExceptions (test_tasks.BaseTaskTests.test_cancel_gather_2)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function child(name) {
      try { await asyncio.sleep(10); } catch (e) { print(name, "cancelled"); throw e; }
    }
    async function main() {
      const fut = asyncio.gather(child("a"), child("b"), { returnExceptions: true });
      await asyncio.sleep(1);
      print(fut.cancel());
      try { await fut; } catch (e) { print([e], fut.cancelled()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "True\na cancelled\nb cancelled\n[CancelledError()] False\n", stderr: "", error: undefined },
  );
});

test("a gather whose children are all done refuses to be cancelled (test_tasks.BaseTaskTests.test_cancel_gather_1)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.createFuture();
      function* childCoro() { return yield fut; }
      const gatherTask = asyncio.ensureFuture(asyncio.gather(childCoro()));
      let cancelResult = null;
      fut.addDoneCallback(() => { cancelResult = gatherTask.cancel(); });
      fut.setResult(42);
      print(await gatherTask, cancelResult, gatherTask.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[42] False False\n", stderr: "", error: undefined });
});

test("shield() passes the inner result through (test_tasks.BaseTaskTests.test_shield_result, test_shield_shortcut)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const inner = loop.createFuture();
      const outer = asyncio.shield(inner);
      inner.setResult(42);
      print(await outer, outer === inner);
      const done = loop.createFuture();
      done.setResult(7);
      print(asyncio.shield(done) === done, await asyncio.shield(done));
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "42 False\nTrue 7\n", stderr: "", error: undefined });
});

test("shield() passes the inner exception and cancellation through (test_tasks.BaseTaskTests.test_shield_exception, test_shield_cancel_inner)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const inner = loop.createFuture();
      const outer = asyncio.shield(inner);
      await asyncio.sleep(0);
      const error = new Error("expected");
      inner.setException(error);
      await asyncio.sleep(0);
      print(outer.exception() === error, [outer.exception()]);
      const inner2 = loop.createFuture();
      const outer2 = asyncio.shield(inner2);
      await asyncio.sleep(0);
      inner2.cancel();
      await asyncio.sleep(0);
      print(outer2.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True [Error('expected')]\nTrue\n", stderr: "", error: undefined });
});

test("cancelling shield()'s outer future leaves the inner one alone (test_tasks.BaseTaskTests.test_shield_cancel_outer)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const inner = loop.createFuture();
      const outer = asyncio.shield(inner);
      await asyncio.sleep(0);
      outer.cancel();
      await asyncio.sleep(0);
      print(outer.cancelled(), inner.cancelled(), inner.done());
      inner.setResult(1);
      print(inner.result());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True False False\n1\n", stderr: "", error: undefined });
});

test("cancelling a task awaiting shield() does not cancel the shielded coroutine (test_tasks.BaseTaskTests.test_shield_effect)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      let proof = 0;
      const waiter = loop.createFuture();
      async function inner() { await waiter; proof += 1; }
      async function outer() { await asyncio.shield(inner()); proof += 100; }
      const f = asyncio.ensureFuture(outer());
      await asyncio.sleep(0);
      f.cancel();
      try { await f; } catch (e) { print([e]); }
      waiter.setResult(null);
      await asyncio.sleep(0);
      await asyncio.sleep(0);
      print(proof);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()]\n1\n", stderr: "", error: undefined });
});

test("shield() keeps a long task running past its caller's timeout", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function save() { await asyncio.sleep(3); print("saved at", asyncio.getRunningLoop().time()); return "saved"; }
    async function main() {
      const task = asyncio.createTask(save());
      try { await asyncio.waitFor(asyncio.shield(task), 1); } catch (e) { print([e], asyncio.getRunningLoop().time()); }
      print(await task);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 1\nsaved at 3\nsaved\n", stderr: "", error: undefined });
});

test("shield() over gather(): cancelling the shield spares the gather (test_tasks.BaseTaskTests.test_shield_gather)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const child1 = loop.createFuture();
      const child2 = loop.createFuture();
      const parent = asyncio.gather(child1, child2);
      const outer = asyncio.shield(parent);
      await asyncio.sleep(0);
      outer.cancel();
      await asyncio.sleep(0);
      print(outer.cancelled());
      child1.setResult(1);
      child2.setResult(2);
      await asyncio.sleep(0);
      print(parent.result());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True\n[1, 2]\n", stderr: "", error: undefined });
});

test("gather() over shields: cancelling the gather cancels the shields, not what they protect (test_tasks.BaseTaskTests.test_gather_shield)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const child1 = loop.createFuture();
      const child2 = loop.createFuture();
      const inner1 = asyncio.shield(child1);
      const inner2 = asyncio.shield(child2);
      const parent = asyncio.gather(inner1, inner2);
      await asyncio.sleep(0);
      parent.cancel();
      await asyncio.sleep(0);
      print([parent.exception()], inner1.cancelled(), inner2.cancelled(), child1.cancelled(), child2.cancelled());
      child1.setResult(1);
      child2.setResult(2);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()] True True False False\n", stderr: "", error: undefined });
});

test("asCompleted() gives results in completion order (test_tasks.BaseTaskTests.test_as_completed)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function sleeper(dt, x) { await asyncio.sleep(dt); return x; }
    async function main() {
      const values = [];
      for (const f of asyncio.asCompleted([sleeper(0.02, "b"), sleeper(0.15, "c"), sleeper(0.01, "a")])) {
        values.push(await f);
      }
      print(values, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b', 'c'] 0.15\n", stderr: "", error: undefined });
});

test("asCompleted() raises TimeoutError for what is not done by the timeout (test_tasks.BaseTaskTests.test_as_completed_with_timeout)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(0.1, "a"));
      const b = asyncio.createTask(asyncio.sleep(0.15, "b"));
      const values = [];
      for (const f of asyncio.asCompleted([a, b], { timeout: 0.12 })) {
        try { values.push([1, await f]); } catch (e) { values.push([2, e]); }
      }
      print(values, loop.time(), b.cancelled());
      print(await b, loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[[1, 'a'], [2, TimeoutError()]] 0.12 False\nb 0.15\n", stderr: "", error: undefined },
  );
});

test("asCompleted() with a timeout that is not reached changes nothing (test_tasks.BaseTaskTests.test_as_completed_with_unused_timeout)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      for (const f of asyncio.asCompleted([asyncio.sleep(0.01, "a")], { timeout: 1 })) print(await f);
      await asyncio.sleep(5);
      print("no timeout fired", asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "a\nno timeout fired 5.01\n", stderr: "", error: undefined });
});

test("asCompleted()'s awaitables can be awaited in any order: the first awaited gets the first result (test_tasks.BaseTaskTests.test_as_completed_reverse_wait)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const futs = asyncio.asCompleted([asyncio.sleep(0.05, "a"), asyncio.sleep(0.1, "b")]);
      print(futs.length);
      print(await futs[1], loop.time());
      print(await futs[0], loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "2\na 0.05\nb 0.1\n", stderr: "", error: undefined });
});

test("asCompleted()'s awaitables can run concurrently as tasks (test_tasks.BaseTaskTests.test_as_completed_concurrent)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const futs = asyncio.asCompleted([asyncio.sleep(0.05, "a"), asyncio.sleep(0.05, "b")]);
      const [done, pending] = await asyncio.wait(futs.map((fut) => asyncio.ensureFuture(fut)));
      print([...done].map((f) => f.result()).sort(), pending.size, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b'] 0 0.05\n", stderr: "", error: undefined });
});

test("asCompleted() runs the same coroutine once when it is given twice (test_tasks.BaseTaskTests.test_as_completed_duplicate_coroutines)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro(s) { return s; }
    async function main() {
      const c = coro("ham");
      const result = [];
      for (const f of asyncio.asCompleted([c, c, coro("spam")])) result.push(await f);
      print(result.sort());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['ham', 'spam']\n", stderr: "", error: undefined });
});

test("asCompleted() refuses a single future or coroutine (test_tasks.BaseTaskTests.test_as_completed_invalid_args)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const fut = asyncio.getRunningLoop().createFuture();
      try { asyncio.asCompleted(fut); } catch (e) { print([e]); }
      const coro = asyncio.sleep(0);
      try { asyncio.asCompleted(coro); } catch (e) { print([e]); }
      await coro;
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "[TypeError('expect an iterable of futures, not Future')]\n[TypeError('expect an iterable of futures, not coroutine')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("asCompleted() raises a failed awaitable's exception from the matching await", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function fail() { await asyncio.sleep(1); throw new Error("failed second"); }
    async function main() {
      for (const f of asyncio.asCompleted([fail(), asyncio.sleep(2, "slow"), asyncio.sleep(0.5, "fast")])) {
        try { print(await f); } catch (e) { print([e]); }
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "fast\n[Error('failed second')]\nslow\n", stderr: "", error: undefined });
});

test("for await over asCompleted() yields the finished tasks in completion order (CPython 3.13)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work(name, delay) { await asyncio.sleep(delay); return name; }
    async function main() {
      for await (const task of asyncio.asCompleted([work("c", 3), work("a", 1), work("b", 2)])) {
        print(await task, asyncio.getRunningLoop().time());
      }
      try {
        for await (const task of asyncio.as_completed([work("quick", 1), work("late", 9)], { timeout: 2 })) print(await task);
      } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "a 1\nb 2\nc 3\nquick\n[TimeoutError()] 5\n", stderr: "", error: undefined });
});

test("CancelledError('') keeps its empty message apart from CancelledError(); gather reports every cancelled child as CancelledError('') (tasks.py _GatheringFuture, test_tasks.BaseTaskTests.test_cancel_with_message_then_future_result)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const plain = asyncio.createTask(asyncio.sleep(1));
      const empty = asyncio.createTask(asyncio.sleep(1));
      const future = asyncio.getRunningLoop().createFuture();
      const message = asyncio.getRunningLoop().createFuture();
      await asyncio.sleep(0);
      plain.cancel();
      empty.cancel("");
      future.cancel("");
      message.cancel("why");
      print(await asyncio.gather(plain, empty, future, message, { returnExceptions: true }));
      for (const each of [plain, empty, future, message]) {
        try { await each; } catch (error) { print([error]); }
      }
      print([new asyncio.CancelledError(), new asyncio.CancelledError("")]);
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "[CancelledError(''), CancelledError(''), CancelledError(''), CancelledError('why')]",
      "[CancelledError()]",
      "[CancelledError('')]",
      "[CancelledError('')]",
      "[CancelledError('why')]",
      "[CancelledError(), CancelledError('')]",
      "",
    ].join("\n"),
  );
});

test("for await over asCompleted() yields the original tasks as they finish, and a coroutine's task (CPython 3.13, test_tasks.BaseTaskTests.test_as_completed_same_tasks_in_as_out)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const slow = asyncio.createTask(asyncio.sleep(0.2, "slow"));
      const fast = asyncio.createTask(asyncio.sleep(0.1, "fast"));
      const seen = [];
      for await (const done of asyncio.asCompleted([slow, fast, asyncio.sleep(0.15, "coroutine")])) {
        seen.push(done === slow ? "slow task" : done === fast ? "fast task" : done instanceof asyncio.Task ? "other task" : "other");
        seen.push(await done);
      }
      print(seen);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "['fast task', 'fast', 'other task', 'coroutine', 'slow task', 'slow']\n");
});
