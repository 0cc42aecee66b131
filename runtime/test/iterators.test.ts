// Async generators, `for await`, `yield*`, Python-style async iterators, `await using`,
// generator-based coroutines and awaited thenables, all driven by the runtime's tasks
// (CPython Lib/test/test_asyncgen.py where the feature exists in Python). Expected outputs
// were checked against CPython 3.11 for the Python-shaped parts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("for await drives an async generator whose awaits sleep on the virtual clock (test_asyncgen.AsyncGenAsyncioTest.test_async_gen_asyncio_01)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* counter(n: number) {
      for (let i = 0; i < n; i++) {
        await asyncio.sleep(1);
        yield i;
      }
      return "ignored by for await";
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      for await (const x of counter(3)) print("got", x, "at", loop.time());
      print(counter(1));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "got 0 at 1\ngot 1 at 2\ngot 2 at 3\n<async_generator object counter>\n");
});

test("two tasks iterate their own async generators concurrently", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* ticks(name: string, every: number) {
      for (let i = 1; i <= 2; i++) {
        await asyncio.sleep(every);
        yield \`\${name}\${i}\`;
      }
    }
    async function consume(name: string, every: number) {
      for await (const tick of ticks(name, every)) print(tick, asyncio.getRunningLoop().time());
    }
    async function main() {
      await asyncio.gather(consume("a", 1), consume("b", 1.5));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "a1 1\nb1 1.5\na2 2\nb2 3\n");
});

test("yield* in an async generator delegates to another async generator and to a sync iterable", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* inner() {
      await asyncio.sleep(1);
      yield "inner 1";
      yield "inner 2";
      return "inner's return value";
    }
    async function* outer() {
      yield "start";
      const returned = yield* inner();
      yield returned;
      yield* [10, 20];
      yield "stop";
    }
    async function main() {
      const got: unknown[] = [];
      for await (const x of outer()) got.push(x);
      print(got, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "['start', 'inner 1', 'inner 2', \"inner's return value\", 10, 20, 'stop'] 1\n");
});

test("breaking out of for await closes the generator, running its finally", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* numbers() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        await asyncio.sleep(1);
        print("generator closed at", asyncio.getRunningLoop().time());
      }
    }
    async function main() {
      const g = numbers();
      for await (const x of g) if (x === 2) break;
      print("after the loop", await g.next());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "generator closed at 1\nafter the loop {'value': None, 'done': True}\n");
});

test("an async generator left open is closed when asyncio.run ends (test_asyncgen.AsyncGenAsyncioTest.test_async_gen_asyncio_shutdown_01)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* agen() {
      try {
        yield 1;
        yield 2;
      } finally {
        print("cleanup");
        await asyncio.sleep(1);
        print("cleaned up at", asyncio.getRunningLoop().time());
      }
    }
    const g = agen();
    async function main() {
      print(await asyncio.anext(g));
      print("main done");
    }
    asyncio.run(main());
    print("after run");
  `);
  assert.equal(stdout, "1\nmain done\ncleanup\ncleaned up at 1\nafter run\n");
});

test("asend, athrow and aclose follow Python's async generator protocol (test_asyncgen.AsyncGenAsyncioTest.test_async_gen_asyncio_asend_01)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* echo(): AsyncGenerator<string, void, any> {
      let received = yield "ready";
      for (;;) {
        try {
          received = yield \`got \${received}\`;
        } catch (e) {
          received = yield \`caught \${e.name}('\${e.message}')\`;
        }
      }
    }
    async function* slow() { await asyncio.sleep(1); yield 1; }
    async function main() {
      const e = echo();
      print(await e.asend(null));
      print(await e.asend("x"));
      print(await e.athrow(new RangeError("bad")));
      print(await e.asend("y"));
      print(await e.athrow(TypeError));
      print(await e.aclose());
      try { await e.asend("z"); } catch (x) { print([x]); }
      const h = slow();
      print(await h.__anext__());
      try { await h.__anext__(); } catch (x) { print([x]); }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    "ready\ngot x\ncaught RangeError('bad')\ngot y\ncaught TypeError('')\nNone\n[StopAsyncIteration()]\n1\n[StopAsyncIteration()]\n",
  );
});

test("a second step while the generator is running raises RuntimeError", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* slow() { await asyncio.sleep(1); yield 1; }
    async function main() {
      const g = slow();
      const t1 = asyncio.createTask(asyncio.anext(g));
      const t2 = asyncio.createTask(asyncio.anext(g));
      try { print(await t1, await t2); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "[RuntimeError('anext(): asynchronous generator is already running')]\n");
});

test("asyncio.aiter iterates a class with __aiter__/__anext__ that raises StopAsyncIteration", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    class Ticker {
      private i = 0;
      constructor(private readonly n: number) {}
      __aiter__() { return this; }
      async __anext__() {
        if (this.i >= this.n) throw new asyncio.StopAsyncIteration();
        await asyncio.sleep(0.5);
        return this.i++;
      }
    }
    async function main() {
      for await (const x of asyncio.aiter(new Ticker(3))) print("tick", x, asyncio.getRunningLoop().time());
      try { asyncio.aiter(42 as any); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "tick 0 0.5\ntick 1 1\ntick 2 1.5\n[TypeError(\"'Number' object is not an async iterable\")]\n");
});

test("anext returns the next item, the default once exhausted, or raises StopAsyncIteration", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* two() { yield 0; yield 1; }
    class Once {
      done = false;
      async __anext__() {
        if (this.done) throw new asyncio.StopAsyncIteration();
        this.done = true;
        return "once";
      }
    }
    async function main() {
      const g = two();
      print(await asyncio.anext(g), await asyncio.anext(g));
      try { await asyncio.anext(g); } catch (e) { print([e]); }
      print(await asyncio.anext(g, "default"));
      const once = new Once();
      print(await asyncio.anext(once), await asyncio.anext(once, "d2"));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "0 1\n[StopAsyncIteration()]\ndefault\nonce d2\n");
});

test("for await over a plain array awaits the coroutines and futures in it", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      loop.callLater(3, () => f.setResult("future"));
      for await (const x of [asyncio.sleep(1, "coroutine"), "plain", f]) print(x, loop.time());
      try { for await (const x of 5 as any) print(x); } catch (e) { print(e instanceof TypeError); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "coroutine 1\nplain 1\nfuture 3\nTrue\n");
});

test("await using disposes in reverse order, awaiting Symbol.asyncDispose, also when the body throws", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    class Resource {
      constructor(readonly name: string) { print("open", name); }
      async [Symbol.asyncDispose]() {
        await asyncio.sleep(1);
        print("closed", this.name, "at", asyncio.getRunningLoop().time());
      }
    }
    class SyncResource {
      [Symbol.dispose]() { print("sync resource closed"); }
    }
    async function main() {
      {
        await using a = new Resource("a");
        await using b = new Resource("b");
        using c = new SyncResource();
        await using nothing = null;
        print("body");
      }
      try {
        await using d = new Resource("d");
        throw new Error("inside");
      } catch (e) { print("caught", [e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "open a",
      "open b",
      "body",
      "sync resource closed",
      "closed b at 1",
      "closed a at 2",
      "open d",
      "closed d at 3",
      "caught [Error('inside')]",
      "",
    ].join("\n"),
  );
});

test("an error from asyncDispose propagates, and with a body error becomes a SuppressedError", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    class Failing {
      async [Symbol.asyncDispose]() { await asyncio.sleep(0); throw new Error("close failed"); }
    }
    async function main() {
      try {
        await using a = new Failing();
        print("body ok");
      } catch (e) { print([e]); }
      try {
        await using b = new Failing();
        throw new Error("body");
      } catch (e) { print(e.name, [e.error], [e.suppressed]); }
      try {
        await using c = {} as any;
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    "body ok\n[Error('close failed')]\nSuppressedError [Error('close failed')] [Error('body')]\n[TypeError('Object not disposable')]\n",
  );
});

test("a generator is an old-style coroutine: yield <awaitable> suspends, yield* is yield from, bare yield is one iteration", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    function* helper(): Generator<any, number, any> {
      yield asyncio.sleep(1);
      return 7;
    }
    function* oldStyle(): Generator<any, string, any> {
      const loop = asyncio.getRunningLoop();
      const slept = yield asyncio.sleep(1, "slept");
      print("got", slept, "at", loop.time());
      const seven = yield* helper();
      const f = loop.createFuture();
      loop.callLater(1, () => f.setResult("from a future"));
      print("future gave", yield f, "at", loop.time());
      yield;
      return \`done with \${seven}\`;
    }
    async function main() {
      print(await oldStyle());
      const t = asyncio.createTask(oldStyle());
      print(asyncio.iscoroutine(oldStyle()), t.getName());
      print(await t, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "got slept at 1",
      "future gave from a future at 3",
      "done with 7",
      "True Task-2",
      "got slept at 4",
      "future gave from a future at 6",
      "done with 7 6",
      "",
    ].join("\n"),
  );
});

test("asyncio.run accepts a generator-based coroutine", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    function* main(): Generator<any, string, any> {
      yield asyncio.sleep(2);
      return "finished at " + asyncio.getRunningLoop().time();
    }
    print(asyncio.run(main()));
  `);
  assert.equal(stdout, "finished at 2\n");
});

test("plain generators keep their JavaScript meaning: next(v) sends, throw throws, return closes", async () => {
  const { stdout } = await runOk(ts`
    function* averager(): Generator<number, string, number> {
      let total = 0;
      let count = 0;
      try {
        for (;;) {
          total += yield count === 0 ? 0 : total / count;
          count++;
        }
      } finally {
        print("closing after", count);
      }
    }
    const g = averager();
    g.next();
    print(g.next(10).value, g.next(20).value);
    print(g.return("bye"));
    const h = averager();
    h.next();
    try { h.throw(new Error("stop")); } catch (e) { print([e]); }
  `);
  assert.equal(stdout, "10 15\nclosing after 2\n{'value': 'bye', 'done': True}\nclosing after 0\n[Error('stop')]\n");
});

test("a thenable whose then() calls back synchronously is awaited like a future", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const resolved = { then(resolve: (v: number) => void) { resolve(99); } };
      print("resolved", await resolved);
      const rejected = { then(_: unknown, reject: (e: unknown) => void) { reject(new Error("nope")); } };
      try { await rejected; } catch (e) { print("rejected", [e]); }
      const twice = { then(resolve: (v: string) => void, reject: (e: unknown) => void) { resolve("first"); resolve("second"); reject(new Error("late")); } };
      print("first wins", await twice);
      const throwing = { then() { throw new RangeError("then() threw"); } };
      try { await throwing; } catch (e) { print("thrown", [e]); }
      print("tasks still fine", await asyncio.sleep(1, "yes"));
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    "resolved 99\nrejected [Error('nope')]\nfirst wins first\nthrown [RangeError('then() threw')]\ntasks still fine yes\n",
  );
});

test("a thenable resolved later from a loop callback wakes the awaiting task", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const later = { then(resolve: (v: string) => void) { loop.callLater(2, resolve, "two seconds later"); } };
      print(await later, loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "two seconds later 2\n");
});

test("awaiting a native Promise in a synchronous run ends with a DeadlockError that says why", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      print("before");
      const value = await Promise.resolve(5);
      print("never", value);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "before\n");
  assert.ok(error instanceof Error);
  assert.equal(error.name, "DeadlockError");
  assert.equal(
    error.message,
    "the main task can never finish: a task awaits a JavaScript Promise, and this host runs promise jobs only after the synchronous run returns; " +
      "await an asyncio future, task or sleep() instead. Pending tasks:\n  Task-1 (main) waits on a JavaScript Promise",
  );
});

test("coroutine.send() and throw() drive the whole await chain, as CPython's coroutine objects do (test_coroutines.CoroutineTest.test_func_17)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    function* ticks(): Generator<string, string, unknown> {
      const a = yield "first";
      const b = yield \`got \${a}\`;
      return \`done \${b}\`;
    }
    async function outer() {
      const r = await ticks();
      return \`outer \${r}\`;
    }
    const c = outer();
    print(c.send(null));
    print(c.send("x"));
    try { c.send("y"); } catch (e) { print(e.name, e.value); }
    try { c.send(null); } catch (e) { print([e]); }
    const c2 = outer();
    c2.send(null);
    try { c2.throw(new RangeError("thrown in")); } catch (e) { print("propagated", [e]); }
    const loop = asyncio.newEventLoop();
    const fut = loop.createFuture();
    async function waits() { return await fut; }
    const c3 = waits();
    print(c3.send(null) === fut);
    fut.setResult(5);
    try { c3.send(null); } catch (e) { print("result", e.value); }
    loop.close();
  `);
  assert.equal(
    stdout,
    [
      "first",
      "got x",
      "StopIteration outer done y",
      "[RuntimeError('cannot reuse already awaited coroutine')]",
      "propagated [RangeError('thrown in')]",
      "True",
      "result 5",
      "",
    ].join("\n"),
  );
});

test("coroutine.close() closes the awaited chain innermost first; yielding while closing is an error", async () => {
  const { stdout } = await runOk(ts`
    function* inner(): Generator<string, void, unknown> {
      try { yield "inner waiting"; } finally { print("inner closed"); }
    }
    async function outer() {
      try { await inner(); } finally { print("outer closed"); }
    }
    const c = outer();
    print(c.send(null));
    c.close();
    c.close();
    print("closing twice is fine");
    async function stubborn() {
      try { await inner(); } finally { await inner(); }
    }
    const s = stubborn();
    s.send(null);
    try { s.close(); } catch (e) { print([e]); }
  `);
  assert.equal(
    stdout,
    "inner waiting\ninner closed\nouter closed\nclosing twice is fine\ninner closed\n[RuntimeError('coroutine ignored GeneratorExit')]\n",
  );
});

test("aclose() of an async generator that yields in its finally raises RuntimeError (test_asyncgen.AsyncGenAsyncioTest.test_async_gen_asyncio_aclose_06)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function* foo() {
      try {
        yield 1;
      } finally {
        await asyncio.sleep(0.01);
        yield 12;
      }
    }
    async function main() {
      const gen = foo();
      print(await gen.__anext__());
      try { await gen.aclose(); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "1\n[RuntimeError('async generator ignored GeneratorExit')]\n");
});

test("cancelling a task inside for await throws into the generator, whose finally runs before the task sees it (as CPython)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const log: string[] = [];
    async function* ticks() {
      let i = 0;
      try {
        while (true) {
          await asyncio.sleep(1);
          i += 1;
          yield i;
        }
      } finally {
        log.push(\`ticks closed after \${i}\`);
      }
    }
    async function consumer() {
      try {
        for await (const t of ticks()) log.push(\`tick \${t}\`);
      } catch (e) {
        log.push("consumer cancelled");
        throw e;
      }
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const c = asyncio.createTask(consumer());
      await asyncio.sleep(2.5);
      c.cancel();
      try { await c; } catch { log.push(\`main saw cancel at \${loop.time()}\`); }
      const g = ticks();
      log.push(\`anext \${await asyncio.anext(g)}\`);
      async function closer() { await g.aclose(); }
      await closer();
      log.push("aclosed");
      for (const l of log) print(l);
    }
    asyncio.run(main());
  `);
  // CPython 3.11 printed the same lines for the same program (its clock read 2.5 after the start).
  assert.equal(
    stdout,
    [
      "tick 1",
      "tick 2",
      "ticks closed after 2",
      "consumer cancelled",
      "main saw cancel at 2.5",
      "anext 1",
      "ticks closed after 1",
      "aclosed",
      "",
    ].join("\n"),
  );
});
