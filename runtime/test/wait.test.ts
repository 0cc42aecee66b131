// asyncio.wait (CPython 3.12 tasks.wait): waits for futures and tasks, returns [done, pending],
// never raises on timeout and never cancels (test_asyncio/test_tasks.py).
// Expected outputs were checked against CPython running the same program on a virtual clock
// (CPython 3.11 with 3.12's wait_for and TaskGroup exit patched in); a comment marks the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

test("wait() returns when all are done by default (test_tasks.BaseTaskTests.test_wait)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(0.1), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(0.15), { name: "b" });
      const names = (tasks) => [...tasks].map((task) => task.getName()).sort();
      let [done, pending] = await asyncio.wait([b, a]);
      print(names(done), names(pending), loop.time());
      [done, pending] = await asyncio.wait([b, a]);
      print(names(done), names(pending), loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b'] [] 0.15\n['a', 'b'] [] 0.15\n", stderr: "", error: undefined });
});

test("wait() returns two Sets, the same task given twice counts once (test_tasks.BaseTaskTests.test_wait_duplicate_coroutines)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro(s) { return s; }
    async function main() {
      const c = asyncio.createTask(coro("test"));
      const [done, pending] = await asyncio.wait([c, c, asyncio.createTask(coro("spam"))]);
      print(done instanceof Set, pending instanceof Set, done.size, pending.size);
      print([...done].map((f) => f.result()).sort());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True True 2 0\n['spam', 'test']\n", stderr: "", error: undefined });
});

test("wait() raises ValueError for an empty set or an unknown returnWhen, when awaited (test_tasks.BaseTaskTests.test_wait_errors)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const waiting = asyncio.wait(new Set());
      print("not raised yet");
      try { await waiting; } catch (e) { print([e]); }
      const task = asyncio.createTask(asyncio.sleep(10));
      try { await asyncio.wait([task], { returnWhen: -1 }); } catch (e) { print([e]); }
      task.cancel();
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "not raised yet\n[ValueError('Set of Tasks/Futures is empty.')]\n[ValueError('Invalid return_when value: -1')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("wait() with FIRST_COMPLETED returns at the first completion and leaves the rest running (test_tasks.BaseTaskTests.test_wait_first_completed)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(10), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(0.1), { name: "b" });
      const [done, pending] = await asyncio.wait([b, a], { return_when: asyncio.FIRST_COMPLETED });
      print([...done].map((t) => t.getName()), [...pending].map((t) => t.getName()));
      print(a.done(), b.done(), b.result(), loop.time());
      a.cancel();
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['b'] ['a']\nFalse True None 0.1\n", stderr: "", error: undefined });
});

test("wait() with FIRST_COMPLETED reports every future done by the time it wakes (test_tasks.BaseTaskTests.test_wait_really_done)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro1() { await asyncio.sleep(0); }
    async function coro2() { await asyncio.sleep(0); await asyncio.sleep(0); }
    async function main() {
      const a = asyncio.createTask(coro1(), { name: "a" });
      const b = asyncio.createTask(coro2(), { name: "b" });
      const [done, pending] = await asyncio.createTask(asyncio.wait([b, a], { returnWhen: asyncio.FIRST_COMPLETED }));
      print([...done].map((t) => t.getName()).sort(), pending.size, a.result(), b.result());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b'] 0 None None\n", stderr: "", error: undefined });
});

test("wait() with FIRST_EXCEPTION returns at once for a task that already failed (test_tasks.BaseTaskTests.test_wait_first_exception)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function exc() { throw new Error("err"); }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(10), { name: "a" });
      const b = asyncio.createTask(exc(), { name: "b" });
      const [done, pending] = await asyncio.createTask(asyncio.wait([b, a], { returnWhen: asyncio.FIRST_EXCEPTION }));
      print([...done].map((t) => t.getName()), [...pending].map((t) => t.getName()), loop.time());
      print([b.exception()]);
      a.cancel();
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['b'] ['a'] 0\n[Error('err')]\n", stderr: "", error: undefined });
});

test("wait() with FIRST_EXCEPTION wakes when a task fails while it waits (test_tasks.BaseTaskTests.test_wait_first_exception_in_wait)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function exc() { await asyncio.sleep(0.01); throw new Error("err"); }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(10), { name: "a" });
      const b = asyncio.createTask(exc(), { name: "b" });
      const [done, pending] = await asyncio.wait([b, a], { returnWhen: asyncio.FIRST_EXCEPTION });
      print([...done].map((t) => t.getName()), [...pending].map((t) => t.getName()), loop.time());
      b.exception();
      a.cancel();
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['b'] ['a'] 0.01\n", stderr: "", error: undefined });
});

test("wait() with FIRST_EXCEPTION waits for all when nothing fails, and a cancelled task is no exception", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(1), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(2), { name: "b" });
      const c = asyncio.createTask(asyncio.sleep(5), { name: "c" });
      loop.callLater(0.5, () => c.cancel());
      const [done, pending] = await asyncio.wait([a, b, c], { returnWhen: asyncio.FIRST_EXCEPTION });
      print([...done].map((t) => t.getName()).sort(), pending.size, loop.time(), c.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b', 'c'] 0 2 True\n", stderr: "", error: undefined });
});

test("wait() does not raise a task's exception: the failed task is in done (test_tasks.BaseTaskTests.test_wait_with_exception)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function sleeper() { await asyncio.sleep(0.15); throw new Error("really"); }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(0.1));
      const b = asyncio.createTask(sleeper());
      const [done, pending] = await asyncio.wait([b, a]);
      const errors = [...done].filter((f) => f.exception() !== null);
      print(done.size, pending.size, errors.map((f) => f.exception()), loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "2 0 [Error('really')] 0.15\n", stderr: "", error: undefined });
});

test("wait() with a timeout returns what is done then, without cancelling the rest (test_tasks.BaseTaskTests.test_wait_with_timeout)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(0.1, "a"), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(0.15, "b"), { name: "b" });
      const [done, pending] = await asyncio.wait([b, a], { timeout: 0.11 });
      print([...done].map((t) => t.getName()), [...pending].map((t) => t.getName()), loop.time());
      print(b.cancelled(), await b, loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a'] ['b'] 0.11\nFalse b 0.15\n", stderr: "", error: undefined });
});

test("wait() with a timeout equal to a task's delay counts it done when its timer came first (test_tasks.BaseTaskTests.test_wait_concurrent_complete)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const a = asyncio.createTask(asyncio.sleep(0.1), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(0.15), { name: "b" });
      await asyncio.sleep(0);
      const [done, pending] = await asyncio.wait([b, a], { timeout: 0.1 });
      print([...done].map((t) => t.getName()), [...pending].map((t) => t.getName()), loop.time());
      b.cancel();
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a'] ['b'] 0.1\n", stderr: "", error: undefined });
});

test("wait() accepts any iterable of tasks: an iterator, a Set (test_tasks.BaseTaskTests.test_wait_with_iterator_of_tasks)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const a = asyncio.createTask(asyncio.sleep(0.1), { name: "a" });
      const b = asyncio.createTask(asyncio.sleep(0.15), { name: "b" });
      let [done, pending] = await asyncio.wait([b, a].values());
      print([...done].map((t) => t.getName()).sort(), pending.size);
      [done, pending] = await asyncio.wait(new Set([a, b]));
      print([...done].map((t) => t.getName()).sort(), pending.size, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "['a', 'b'] 0\n['a', 'b'] 0 0.15\n", stderr: "", error: undefined });
});

test("wait() refuses a single future or coroutine instead of a collection (test_tasks.BaseTaskTests.test_wait_invalid_args)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const future = loop.createFuture();
      try { await asyncio.wait(future); } catch (e) { print([e]); }
      const coroutine = asyncio.sleep(1);
      try { await asyncio.wait(coroutine); } catch (e) { print([e]); }
      coroutine.close();
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "[TypeError('expect a list of futures, not Future')]\n[TypeError('expect a list of futures, not coroutine')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("wait() refuses bare coroutines in the collection (Python 3.11+)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work() { return 1; }
    async function main() {
      const coroutine = work();
      try { await asyncio.wait([coroutine]); } catch (e) { print([e]); }
      print(await coroutine);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[TypeError('Passing coroutines is forbidden, use tasks explicitly.')]\n1\n", stderr: "", error: undefined },
  );
});

test("wait() accepts plain futures; a completion reaches the waiting task through done-callbacks, two loop iterations later", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const future = loop.createFuture();
      const other = loop.createFuture();
      loop.callSoon(() => { print("set"); future.setResult("x"); });
      loop.callSoon(() => loop.callSoon(() => loop.callSoon(() => print("two iterations later"))));
      const [done, pending] = await asyncio.wait([future, other], { returnWhen: asyncio.FIRST_COMPLETED });
      print("woke", [...done].map((f) => f.result()), pending.has(other));
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "set\nwoke ['x'] True\ntwo iterations later\n", stderr: "", error: undefined });
});

test("cancelling a task blocked in wait() cancels neither wait's futures nor shields the task (test_tasks.BaseTaskTests.test_yield_wait_does_not_shield_cancel)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const inner = asyncio.createTask(asyncio.sleep(1, "inner done"));
      async function outer() {
        await asyncio.wait([inner]);
        print("not reached");
      }
      const task = asyncio.createTask(outer());
      await asyncio.sleep(0.1);
      task.cancel();
      try { await task; } catch (e) { print("outer", [e]); }
      print(inner.cancelled(), await inner, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "outer [CancelledError()]\nFalse inner done 1\n", stderr: "", error: undefined });
});

test("the constants are strings equal to their names, as in CPython", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED);
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "FIRST_COMPLETED FIRST_EXCEPTION ALL_COMPLETED\n", stderr: "", error: undefined });
});
