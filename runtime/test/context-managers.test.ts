// asyncio.asyncWith, the snippet form of Python's `async with` statement, and asyncio.enter, its
// short form for `await using` (runtime-api.md "Context managers and iterators").
// Expected outputs were checked against CPython running the same program on a virtual clock
// (CPython 3.11 with 3.12's wait_for and TaskGroup exit patched in); a comment marks the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("asyncWith awaits __aenter__, runs the body with its value, then awaits __aexit__(None, None, None) and returns the body's result", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Resource {
      async __aenter__() { print("enter"); await asyncio.sleep(1); return "the value"; }
      async __aexit__(type, exc, tb) { print("exit", type, exc, tb, asyncio.getRunningLoop().time()); await asyncio.sleep(1); }
    }
    async function main() {
      const result = await asyncio.asyncWith(new Resource(), async (value) => {
        print("body", value, asyncio.getRunningLoop().time());
        return "body result";
      });
      print(result, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "enter\nbody the value 1\nexit None None None 1\nbody result 2\n", stderr: "", error: undefined },
  );
});

test("the body's exception reaches __aexit__ as (its class, itself, None) and is raised again when __aexit__ returns falsy", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Boom extends Error { name = "Boom"; }
    let seen;
    class Resource {
      async __aenter__() { return this; }
      async __aexit__(type, exc, tb) {
        seen = exc;
        print("exit", type === Boom, [exc], tb);
        return false;
      }
    }
    async function main() {
      try {
        await asyncio.asyncWith(new Resource(), async () => { throw new Boom("bad"); });
      } catch (e) { print("caught", [e], e === seen); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "exit True [Boom('bad')] None\ncaught [Boom('bad')] True\n", stderr: "", error: undefined },
  );
});

test("a truthy __aexit__ suppresses the exception and asyncWith gives undefined", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Suppress {
      async __aenter__() {}
      async __aexit__(type, exc, tb) { print("suppressing", [exc]); return true; }
    }
    async function main() {
      const result = await asyncio.asyncWith(new Suppress(), async () => {
        throw new Error("ignored");
      });
      print("carried on", result);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "suppressing [Error('ignored')]\ncarried on None\n", stderr: "", error: undefined },
  );
});

test("an exception raised by __aexit__ replaces the body's", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Failing {
      async __aenter__() {}
      async __aexit__(type, exc, tb) { throw new Error("from exit"); }
    }
    async function main() {
      try {
        await asyncio.asyncWith(new Failing(), async () => { throw new Error("from body"); });
      } catch (e) { print([e]); }
      try {
        await asyncio.asyncWith(new Failing(), async () => "fine");
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[Error('from exit')]\n[Error('from exit')]\n", stderr: "", error: undefined });
});

test("when __aenter__ fails, neither the body nor __aexit__ runs", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Broken {
      async __aenter__() { await asyncio.sleep(0); throw new Error("cannot enter"); }
      async __aexit__() { print("exit"); }
    }
    async function main() {
      try {
        await asyncio.asyncWith(new Broken(), async () => { print("body"); });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[Error('cannot enter')]\n", stderr: "", error: undefined });
});

test("a cancellation inside the body reaches __aexit__ as CancelledError", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Watch {
      async __aenter__() {}
      async __aexit__(type, exc, tb) { print("exit", type === exc.constructor, exc instanceof asyncio.CancelledError, [exc]); }
    }
    async function main() {
      const task = asyncio.createTask(asyncio.asyncWith(new Watch(), async () => { await asyncio.sleep(10); }));
      await asyncio.sleep(1);
      task.cancel();
      try { await task; } catch (e) { print([e], task.cancelled()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "exit True True [CancelledError()]\n[CancelledError()] True\n", stderr: "", error: undefined },
  );
});

test("nested asyncWith blocks exit in reverse order", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Named {
      constructor(name) { this.name = name; }
      async __aenter__() { print("enter", this.name); return this.name; }
      async __aexit__(type) { print("exit", this.name, type === null ? null : type.name); }
    }
    async function main() {
      try {
        await asyncio.asyncWith(new Named("a"), async (a) => {
          await asyncio.asyncWith(new Named("b"), async (b) => {
            print("body", a, b);
            throw new Error("x");
          });
        });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "enter a\nenter b\nbody a b\nexit b Error\nexit a Error\n[Error('x')]\n", stderr: "", error: undefined },
  );
});

test("an object without __aenter__/__aexit__ or a disposer is refused with TypeError", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Plain {}
    async function main() {
      try { await asyncio.asyncWith(new Plain(), async () => { print("body"); }); } catch (e) { print([e]); }
      try { await asyncio.async_with(null, async () => { print("body"); }); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[TypeError(\"'Plain' object does not support the asynchronous context manager protocol\")]\n[TypeError(\"'NoneType' object does not support the asynchronous context manager protocol\")]\n",
      stderr: "",
      error: undefined,
    },
  );
});

// JavaScript only: Symbol.asyncDispose has no Python counterpart.
test("asyncWith also takes a JavaScript async disposable: it is its own value and is disposed even when the body fails", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    function resource(name) {
      return {
        name,
        async [Symbol.asyncDispose]() { await asyncio.sleep(1); print("disposed", name, asyncio.getRunningLoop().time()); },
      };
    }
    async function main() {
      print(await asyncio.asyncWith(resource("r1"), async (value) => value.name));
      try {
        await asyncio.asyncWith(resource("r2"), async () => { throw new Error("body failed"); });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "disposed r1 1\nr1\ndisposed r2 2\n[Error('body failed')]\n", stderr: "", error: undefined },
  );
});

// JavaScript only: a Python `async with` body is a block, not a function.
test("the body may be a plain function, and its result is returned as is", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Resource {
      async __aenter__() { return 20; }
      async __aexit__() {}
    }
    async function main() {
      print(await asyncio.asyncWith(new Resource(), (value) => value + 1));
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "21\n", stderr: "", error: undefined });
});

// JavaScript only: the output is what `async with` prints, except that __aexit__ hears of no exception.
test("await using with asyncio.enter() exits when the block ends, with no exception passed on", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Resource {
      constructor(name) { this.name = name; }
      async __aenter__() { print("enter", this.name); await asyncio.sleep(1); return this; }
      async __aexit__(type, exc, tb) { print("exit", this.name, type, exc, tb); }
      hello() { return "hello from " + this.name; }
    }
    async function main() {
      try {
        await using r = await asyncio.enter(new Resource("r"));
        print(r.hello(), r instanceof Resource, asyncio.getRunningLoop().time());
        throw new Error("after entering");
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "enter r\nhello from r True 1\nexit r None None None\n[Error('after entering')]\n", stderr: "", error: undefined },
  );
});

// JavaScript only: `await using` needs an object, so a None value comes wrapped.
test("asyncio.enter() of a manager whose __aenter__ gives None still exits it on disposal", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class Quiet {
      async __aenter__() { print("enter"); }
      async __aexit__(...args) { print("exit", args); }
    }
    async function main() {
      {
        await using entered = await asyncio.enter(new Quiet());
        print("inside", entered.value);
      }
      print("after");
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "enter\ninside None\nexit [None, None, None]\nafter\n", stderr: "", error: undefined },
  );
});

test("await using a TaskGroup waits for its tasks at the end of the block", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work(name, delay) { await asyncio.sleep(delay); print(name, "done", asyncio.getRunningLoop().time()); }
    async function main() {
      {
        await using tg = await asyncio.enter(asyncio.TaskGroup());
        tg.createTask(work("a", 2));
        tg.createTask(work("b", 1));
        print("block ends", asyncio.getRunningLoop().time());
      }
      print("after the group", asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "block ends 0\nb done 1\na done 2\nafter the group 2\n", stderr: "", error: undefined },
  );
});

test("await using enters a TaskGroup or timeout() and exits it with the block's exception, as async with does (test_taskgroups.TestTaskGroup.test_taskgroup_01, test_timeouts.TimeoutTests.test_timeout_basic)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function child(n: number) {
      await asyncio.sleep(n);
      if (n === 2) throw new RangeError("two");
      print("child", n, "done");
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      {
        await using tg = new asyncio.TaskGroup();
        tg.createTask(child(1));
        tg.createTask(child(3));
        print("body done");
      }
      print("group done", loop.time());
      try {
        await using tg = new asyncio.TaskGroup();
        tg.createTask(child(2));
        tg.createTask(child(3));
      } catch (e) { print("caught", [e], loop.time()); }
      try {
        await using t = asyncio.timeout(0.5);
        await asyncio.sleep(1);
      } catch (e) { print("timed out", [e], loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "body done",
      "child 1 done",
      "child 3 done",
      "group done 3",
      "caught [ExceptionGroup('unhandled errors in a TaskGroup', [RangeError('two')])] 5",
      "timed out [TimeoutError()] 5.5",
      "",
    ].join("\n"),
  );
});

test("await using refuses a manager that would have to wait to be entered, saying what to write instead", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const lock = new asyncio.Lock();
      await lock.acquire();
      try {
        await using held = lock;
      } catch (e) { print(String(e)); }
      print(lock.locked());
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    "TypeError: await using cannot wait for <Lock [locked]> to be entered: write `await using entered = await asyncio.enter(manager)` (its __aexit__ is then not told of the block's exception), or `await asyncio.asyncWith(manager, async (value) => { ... })`\nTrue\n",
  );
});
