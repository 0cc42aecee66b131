// The event loop (CPython Lib/test/test_asyncio/test_base_events.py and test_events.py):
// callbacks and their order, timers on the virtual clock, handles, run_until_complete,
// run_forever/stop, close, the exception handler, and the JavaScript timer globals.
// Expected outputs were checked against CPython 3.11, handle reprs without source locations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("callSoon runs callbacks in FIFO order with their arguments (test_base_events.BaseEventLoopTests.test_call_soon)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const results: unknown[] = [];
    function callback(...args: unknown[]) { results.push(args); }
    const handle = loop.callSoon(callback, "hello", "world");
    loop.call_soon(callback, 1);
    loop.callSoon(() => loop.stop());
    print(handle instanceof asyncio.Handle, handle);
    loop.runForever();
    print(results);
    loop.close();
  `);
  assert.equal(stdout, "True <Handle callback('hello', 'world')>\n[['hello', 'world'], [1]]\n");
});

test("callSoon refuses what is not callable (test_base_events.BaseEventLoopTests.test_call_soon_non_callable)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    try { loop.callSoon(1 as any); } catch (e) { print(e instanceof TypeError, e.message); }
    try { loop.callLater(null as any, print); } catch (e) { print(e instanceof TypeError); }
    loop.close();
  `);
  assert.equal(stdout, "True a callable object was expected by call_soon(), got 1\nTrue\n");
});

test("one iteration runs only what was ready when it began; what it schedules waits for the next (test_base_events.BaseEventLoopTests.test__run_once_schedule_handle)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const order: string[] = [];
    loop.callSoon(() => {
      order.push("a");
      loop.callSoon(() => order.push("c, scheduled by a"));
    });
    loop.callSoon(() => order.push("b"));
    loop.callSoon(() => loop.stop());
    loop.runForever();
    print(order);
    loop.callSoon(() => loop.stop());
    loop.runForever();
    print(order);
    loop.close();
  `);
  assert.equal(stdout, "['a', 'b']\n['a', 'b', 'c, scheduled by a']\n");
});

test("sleep(0) gives up exactly one loop iteration", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const order: string[] = [];
      loop.callSoon(() => {
        order.push("a1");
        loop.callSoon(() => {
          order.push("a2");
          loop.callSoon(() => order.push("a3"));
        });
      });
      await asyncio.sleep(0);
      order.push("main1");
      await asyncio.sleep(0);
      order.push("main2");
      await asyncio.sleep(0);
      order.push("main3");
      print(order, loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "['a1', 'main1', 'a2', 'main2', 'a3', 'main3'] 0\n");
});

test("a task wakes one iteration after the future it awaits completes", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      async function waiter() { await f; print("waiter resumed"); }
      const t = asyncio.createTask(waiter());
      await asyncio.sleep(0);
      loop.callSoon(() => {
        f.setResult(1);
        print("result set");
        loop.callSoon(() => print("scheduled right after the result"));
      });
      await t;
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "result set\nwaiter resumed\nscheduled right after the result\n");
});

test("timers fire in deadline order, and at equal deadlines in scheduling order (test_base_events.BaseEventLoopTests.test_call_later_negative_delays)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const calls: string[] = [];
    const cb = (arg: string) => calls.push(\`\${arg}@\${loop.time()}\`);
    loop.callLater(-1, cb, "a");
    loop.callLater(-2, cb, "b");
    loop.callLater(1, cb, "first at 1");
    loop.callAt(loop.time() + 1, cb, "second at 1");
    loop.callLater(0.5, cb, "half");
    loop.callLater(1, cb, "third at 1");
    loop.callLater(2, () => loop.stop());
    loop.runForever();
    print(calls);
    loop.close();
  `);
  assert.equal(stdout, "['b@0', 'a@0', 'half@0.5', 'first at 1@1', 'second at 1@1', 'third at 1@1']\n");
});

test("a due timer joins the iteration's ready callbacks after those already scheduled", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const order: string[] = [];
    loop.callSoon(() => { order.push("a"); loop.callSoon(() => order.push("c")); });
    loop.callSoon(() => order.push("b"));
    loop.callLater(0, () => order.push("timer at 0"));
    loop.callLater(0.001, () => { order.push("timer at 0.001"); loop.stop(); });
    loop.runForever();
    print(order);
    loop.close();
  `);
  assert.equal(stdout, "['a', 'b', 'timer at 0', 'c', 'timer at 0.001']\n");
});

test("the virtual clock jumps to the next timer and CPU work does not move it (test_base_events.BaseEventLoopTests.test_time_and_call_at)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const t0 = loop.time();
    loop.callAt(t0 + 0.1, () => loop.stop());
    loop.runForever();
    let busy = 0;
    for (let i = 0; i < 100000; i++) busy += i;
    print(loop.time() - t0, loop.time());
    async function main() {
      await asyncio.sleep(3600);
      return loop.time();
    }
    print(loop.runUntilComplete(main()));
    loop.close();
  `);
  assert.equal(stdout, "0.1 0.1\n3600.1\n");
});

test("handles: cancel() stops a callback, when() gives a timer's deadline, repr as in CPython (test_events.HandleTests.test_handle_repr)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    function noop(...args: unknown[]) { print("ran", args); }
    const h = loop.callSoon(noop, 1, "a");
    print(h, h.cancelled());
    h.cancel();
    print(h, h.cancelled());
    const t = loop.callLater(10, noop);
    print(t.when(), t);
    t.cancel();
    t.cancel();
    print(t, t.cancelled());
    loop.callSoon(() => loop.stop());
    loop.runForever();
    print("nothing ran");
    loop.close();
  `);
  assert.equal(
    stdout,
    [
      "<Handle noop(1, 'a')> False",
      "<Handle cancelled> True",
      "10 <TimerHandle when=10 noop()>",
      "<TimerHandle cancelled when=10> True",
      "nothing ran",
      "",
    ].join("\n"),
  );
});

test("many cancelled timers are dropped and do not fire (test_base_events.BaseEventLoopTests.test__run_once_cancelled_event_cleanup)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    let fired = 0;
    const handles = [];
    for (let i = 0; i < 500; i++) handles.push(loop.callLater(3600 + i, () => fired++));
    for (let i = 0; i < 500; i += 2) handles[i].cancel();
    loop.callLater(3600 + 500, () => loop.stop());
    loop.runForever();
    print(fired, loop.time());
    loop.close();
  `);
  assert.equal(stdout, "250 4100\n");
});

test("runUntilComplete returns the result of a coroutine, a task or a future (test_events.EventLoopTestsMixin.test_run_until_complete)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    asyncio.setEventLoop(loop);
    async function work() { await asyncio.sleep(0.1); return "coroutine"; }
    print(loop.runUntilComplete(work()));
    print(loop.run_until_complete(loop.createTask(work(), { name: "worker" })));
    const f = loop.createFuture();
    loop.callLater(1, () => f.setResult("future"));
    print(loop.runUntilComplete(f), loop.time(), loop.isRunning());
    loop.close();
  `);
  assert.equal(stdout, "coroutine\ncoroutine\nfuture 1.2 False\n");
});

test("runUntilComplete refuses a non-awaitable and a future of another loop (test_base_events.BaseEventLoopTests.test_run_until_complete_type_error)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const other = asyncio.newEventLoop();
    try { loop.runUntilComplete("blah" as any); } catch (e) { print(e instanceof TypeError); }
    try { other.runUntilComplete(loop.createFuture()); } catch (e) { print([e]); }
    loop.close();
    other.close();
  `);
  assert.equal(stdout, "True\n[ValueError('The future belongs to a different loop than the one specified as the loop argument')]\n");
});

test("runUntilComplete raises the coroutine's exception (test_base_events.BaseEventLoopTests.test_run_until_complete_baseexception)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    async function fails() { await asyncio.sleep(0); throw new RangeError("out"); }
    try { loop.runUntilComplete(fails()); } catch (e) { print([e]); }
    loop.callSoon(() => loop.callSoon(() => { print("later"); loop.stop(); }));
    loop.runForever();
    loop.close();
  `);
  assert.equal(stdout, "[RangeError('out')]\nlater\n");
  assert.equal(stderr, "");
});

test("stopping the loop before the future is done raises RuntimeError (test_tasks.BaseTaskTests.test_stop_while_run_in_complete)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    asyncio.setEventLoop(loop);
    let x = 0;
    async function task() {
      while (x < 10) {
        await asyncio.sleep(0.1);
        x++;
        if (x === 2) loop.stop();
      }
    }
    const t = loop.createTask(task());
    try { loop.runUntilComplete(t); } catch (e) { print([e], t.done(), x, loop.time()); }
    t.cancel();
    try { loop.runUntilComplete(t); } catch (e) { print([e], t.cancelled()); }
    loop.close();
  `);
  assert.equal(stdout, "[RuntimeError('Event loop stopped before Future completed.')] False 2 0.2\n[CancelledError()] True\n");
});

test("stop() before runForever() runs one iteration, then returns (test_base_events.BaseEventLoopTests.test_run_forever_pre_stopped)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    loop.callSoon(() => { print("first"); loop.callSoon(() => print("second")); });
    loop.callLater(5, () => print("timer"));
    loop.stop();
    loop.runForever();
    print("stopped at", loop.time());
    loop.stop();
    loop.runForever();
    print("stopped again at", loop.time());
    loop.close();
  `);
  assert.equal(stdout, "first\nstopped at 0\nsecond\nstopped again at 0\n");
});

test("a running loop refuses to run again or to close; runForever reports isRunning (test_events.EventLoopTestsMixin.test_run_until_complete_nesting)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    asyncio.setEventLoop(loop);
    async function inner() {}
    async function outer() {
      print(loop.isRunning(), asyncio.getRunningLoop() === loop, asyncio.getEventLoop() === loop);
      const coro = inner();
      try { loop.runUntilComplete(coro); } catch (e) { print([e]); }
      try { loop.runForever(); } catch (e) { print([e]); }
      try { loop.close(); } catch (e) { print([e]); }
      await coro;
    }
    loop.runUntilComplete(outer());
    print(loop.isRunning());
    loop.close();
  `);
  assert.equal(
    stdout,
    [
      "True True True",
      "[RuntimeError('This event loop is already running')]",
      "[RuntimeError('This event loop is already running')]",
      "[RuntimeError('Cannot close a running event loop')]",
      "False",
      "",
    ].join("\n"),
  );
});

test("a closed loop stays closed and refuses work (test_base_events.BaseEventLoopTests.test_close)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    print(loop.isClosed());
    const f = loop.createFuture();
    loop.callLater(1, () => print("never"));
    loop.close();
    loop.close();
    print(loop.isClosed());
    for (const attempt of [() => loop.runForever(), () => loop.runUntilComplete(f), () => loop.callSoon(print), () => loop.callLater(1, print)]) {
      try { attempt(); } catch (e) { print([e]); }
    }
  `);
  assert.equal(stdout, `False\nTrue\n${"[RuntimeError('Event loop is closed')]\n".repeat(4)}`);
});

test("an exception in a callback goes to the default handler with the handle (test_base_events.BaseEventLoopTests.test_default_exc_handler_callback)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    function zero_error(fut: any) {
      fut.setResult(true);
      throw new RangeError("division by zero");
    }
    const fut = loop.createFuture();
    loop.callSoon(zero_error, fut);
    fut.addDoneCallback(() => loop.stop());
    loop.runForever();
    print("the loop went on");
    loop.close();
  `);
  assert.equal(stdout, "the loop went on\n");
  assert.match(
    stderr,
    /^Exception in callback zero_error\(<Future finished result=True>\)\nhandle: <Handle zero_error\(<Future finished result=True>\)>\n(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?RangeError: division by zero\n/,
  );
});

test("a custom exception handler gets the loop and the context; null restores the default (test_base_events.BaseEventLoopTests.test_set_exc_handler_custom)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    function zero_error() { throw new Error("zero"); }
    print(loop.getExceptionHandler());
    const handler = (l: any, context: any) => {
      print(l === loop, Object.keys(context).sort(), context.message, [context.exception], context.handle);
    };
    loop.setExceptionHandler(handler);
    print(loop.get_exception_handler() === handler);
    loop.callSoon(zero_error);
    loop.callSoon(() => loop.stop());
    loop.runForever();
    loop.setExceptionHandler(null);
    loop.callExceptionHandler({ message: "by hand" });
    try { loop.setExceptionHandler("spam" as any); } catch (e) { print([e]); }
    loop.close();
  `);
  assert.equal(
    stdout,
    [
      "None",
      "True",
      "True ['exception', 'handle', 'message'] Exception in callback zero_error() [Error('zero')] <Handle zero_error()>",
      `[TypeError("A callable object or None is expected, got 'spam'")]`,
      "",
    ].join("\n"),
  );
  assert.equal(stderr, "by hand\n");
});

test("an exception handler that raises is reported by the default handler with the context (test_base_events.BaseEventLoopTests.test_set_exc_handler_broken)", async () => {
  const { stderr } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    loop.setExceptionHandler(() => { throw new TypeError("spam"); });
    function boom() { throw new RangeError("x"); }
    loop.callSoon(boom);
    loop.callSoon(() => loop.stop());
    loop.runForever();
    loop.close();
  `);
  assert.match(
    stderr,
    /^Unhandled error in exception handler\ncontext: \{'message': 'Exception in callback boom\(\)', 'exception': RangeError\('x'\), 'handle': <Handle boom\(\)>\}\n(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?TypeError: spam\n/,
  );
  assert.equal(stderr.match(/Exception in callback/g)?.length, 1);
});

test("the loop's own reprs and debug flag (test_base_events.BaseEventLoopTests.test_set_debug)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    print(loop.getDebug());
    loop.setDebug(true);
    print(loop.get_debug(), loop);
    async function main() { return asyncio.getRunningLoop().getDebug(); }
    print(asyncio.run(main(), { debug: true }), asyncio.run(main()));
    loop.close();
  `);
  assert.equal(stdout, "False\nTrue <EventLoop running=False closed=False debug=True>\nTrue False\n");
});

test("getEventLoop makes a loop at top level and keeps it; setEventLoop replaces it", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const first = asyncio.getEventLoop();
    print(first === asyncio.getEventLoop(), first.isRunning());
    const mine = asyncio.newEventLoop();
    asyncio.setEventLoop(mine);
    print(asyncio.get_event_loop() === mine, mine !== first);
    try { asyncio.getRunningLoop(); } catch (e) { print([e]); }
    first.close();
    mine.close();
  `);
  assert.equal(stdout, "True False\nTrue True\n[RuntimeError('no running event loop')]\n");
});

test("setTimeout, setInterval and queueMicrotask run on the loop's clock, microtasks before timers; the script's timers run after it ends", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.getEventLoop();
    setTimeout(() => print("timeout 1000", loop.time()), 1000);
    setTimeout((a: string, b: string) => print("timeout 0 with", a, b, loop.time()), 0, "x", "y");
    queueMicrotask(() => print("microtask", loop.time()));
    let ticks = 0;
    const id = setInterval(() => {
      ticks++;
      print("tick", ticks, loop.time());
      if (ticks === 3) clearInterval(id);
    }, 500);
    const cancelled = setTimeout(() => print("never"), 10);
    clearTimeout(cancelled);
    print("script done", typeof id);
  `);
  assert.equal(
    stdout,
    ["script done number", "microtask 0", "timeout 0 with x y 0", "tick 1 0.5", "timeout 1000 1", "tick 2 1", "tick 3 1.5", ""].join("\n"),
  );
});

test("setTimeout inside asyncio.run fires on the running loop while the main task sleeps", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const ids = [setTimeout(() => print("fired at", loop.time()), 1500), setTimeout(() => {}, 1)];
      print("ids", ids);
      await asyncio.sleep(2);
      print("main woke at", loop.time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "ids [1, 2]\nfired at 1.5\nmain woke at 2\n");
});

test("loop.createTask and loop.createFuture belong to that loop (test_base_events.BaseEventLoopTests.test_create_named_task_with_default_factory)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    async function test() { return asyncio.currentTask().getName(); }
    const task = loop.createTask(test(), { name: "test_task" });
    print(task.getName(), task.getLoop() === loop, loop.createFuture().getLoop() === loop);
    print(loop.runUntilComplete(task));
    loop.close();
  `);
  assert.equal(stdout, "test_task True True\ntest_task\n");
});

test("an error thrown by a top-level timer callback is reported, and later timers still run", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    setTimeout(function failing() { throw new Error("in a timer"); }, 10);
    setTimeout(() => print("still runs"), 20);
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "still runs\n");
  assert.match(
    stderr,
    /^Exception in callback failing\(\)\nhandle: <TimerHandle when=0.01 failing\(\)>\n(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?Error: in a timer\n/,
  );
});

test("a timer the script set before asyncio.run still fires when the script ends", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    setTimeout(() => print("script timer at", asyncio.getEventLoop().time()), 5000);
    async function main() {
      await asyncio.sleep(1);
      print("main done");
    }
    asyncio.run(main());
    print("after run");
  `);
  assert.equal(stdout, "main done\nafter run\nscript timer at 5\n");
});

test("tasks, done-callbacks, callSoon and timers together interleave exactly as CPython runs the same program", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const log: string[] = [];
    async function child(n: number) {
      log.push(\`child\${n} start\`);
      await asyncio.sleep(0);
      log.push(\`child\${n} mid\`);
      await asyncio.sleep(0.5 * n);
      log.push(\`child\${n} end\`);
      return n;
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.createFuture();
      const on_done = (t: any) => {
        log.push(\`done cb \${t.result()}\`);
        if (t.result() === 1) {
          loop.callSoon(() => log.push("soon from cb"));
          asyncio.ensureFuture(child(9));
        }
      };
      const tasks = [];
      for (let n = 0; n < 3; n++) {
        const t = asyncio.createTask(child(n));
        t.addDoneCallback(on_done);
        tasks.push(t);
      }
      loop.callSoon(() => log.push("soon 1"));
      log.push("main before sleep");
      await asyncio.sleep(0);
      log.push("main after sleep0");
      loop.callLater(0.25, (v: string) => fut.setResult(v), "fut");
      log.push(await fut);
      const res = [];
      for (const t of tasks) res.push(await t);
      log.push(\`[\${res.join(", ")}]\`);
      await asyncio.sleep(5);
      for (const l of log) print(l);
    }
    asyncio.run(main());
  `);
  // Printed by CPython 3.11 running the same program written in Python.
  const cpython = [
    "main before sleep",
    "child0 start",
    "child1 start",
    "child2 start",
    "soon 1",
    "main after sleep0",
    "child0 mid",
    "child1 mid",
    "child2 mid",
    "child0 end",
    "done cb 0",
    "fut",
    "child1 end",
    "done cb 1",
    "soon from cb",
    "child9 start",
    "child9 mid",
    "child2 end",
    "done cb 2",
    "[0, 1, 2]",
    "child9 end",
  ];
  assert.equal(stdout, `${cpython.join("\n")}\n`);
});

test("a task still pending when the program ends is destroyed: 'Task was destroyed but it is pending!' on stderr, and its coroutine closed so its finally blocks run (tasks.py Task.__del__, test_tasks.BaseTaskTests.test_log_destroyed_pending_task)", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    async function inner() {
      try { await asyncio.sleep(10); } finally { print("inner finally"); }
    }
    async function background() {
      try { await inner(); } finally { print("background finally"); }
    }
    async function main() {
      asyncio.ensureFuture(background());
      await asyncio.sleep(0);
      print("main done");
    }
    const loop = asyncio.newEventLoop();
    loop.runUntilComplete(main());
    loop.close();
    print("end");
  `);
  assert.equal(stdout, "main done\nend\ninner finally\nbackground finally\n");
  assert.equal(stderr, "Task was destroyed but it is pending!\ntask: <Task pending name='Task-2' coro=<background() running>>\n");
});

test("a runtime method passed as a value is bound, as Python's bound method is: call_later(1, fut.set_result, 'F'), call_soon(event.set), call_soon(queue.put_nowait, 5) (asyncio docs, Futures: loop.call_later with fut.set_result)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.createFuture();
      loop.callLater(1, fut.set_result, "F");
      print(await fut, loop.time());
      const event = new asyncio.Event();
      loop.callSoon(event.set);
      await event.wait();
      const queue = new asyncio.Queue();
      loop.callSoon(queue.putNowait, 5);
      print(event.isSet(), await queue.get());
      const done = loop.createFuture();
      const setResult = done.setResult;
      setResult("set");
      print(await done);
      const handle = loop.callSoon(fut.result);
      print(handle);
      handle.cancel();
      const watched = loop.createFuture();
      watched.addDoneCallback(done.result);
      print(watched.removeDoneCallback(done.result));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "F 1\nTrue 5\nset\n<Handle Future.result()>\n1\n");
});

test("a snippet's own method passed as a value keeps JavaScript's rule: it is not bound", async () => {
  const { stdout } = await runOk(ts`
    const counter = { count: 1, read() { return this === counter ? this.count : "unbound"; } };
    const read = counter.read;
    print(read(), counter.read());
  `);
  assert.equal(stdout, "unbound 1\n");
});

test("timers sharing deadlines keep their order through cancellations, a cancelled head and the heap's clean-up of cancelled timers", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    const loop = asyncio.newEventLoop();
    const fired: string[] = [];
    const handles = [];
    // 300 timers over 3 deadlines, scheduled in a mixed order; every timer but each 10th cancelled,
    // more than half of all, so the loop rebuilds its heap.
    for (let index = 0; index < 300; index++) {
      const deadline = [3, 1, 2][index % 3];
      handles.push(loop.callLater(deadline, () => fired.push(\`\${index}@\${loop.time()}\`)));
    }
    for (let index = 0; index < 300; index++) if (index % 10 !== 0) handles[index].cancel();
    loop.callLater(1, () => fired.push("late@1"));
    loop.callLater(4, () => loop.stop());
    loop.runForever();
    print(fired.join(" "));
    loop.close();
  `);
  const expected: string[] = [];
  for (const deadline of [1, 2, 3]) {
    for (let index = 0; index < 300; index += 10) if ([3, 1, 2][index % 3] === deadline) expected.push(`${index}@${deadline}`);
    if (deadline === 1) expected.push("late@1");
  }
  assert.equal(stdout, `${expected.join(" ")}\n`);
});
