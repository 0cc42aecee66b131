// asyncio.timeout, timeout_at and wait_for (CPython 3.12 Lib/asyncio/timeouts.py and tasks.wait_for;
// test_asyncio/test_timeouts.py and test_waitfor.py).
// Expected outputs were checked against CPython running the same program on a virtual clock
// (CPython 3.11 with 3.12's wait_for and TaskGroup exit patched in); a comment marks the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

test("timeout() turns its expiry into TimeoutError and reports expired() (test_timeouts.TimeoutTests.test_timeout_basic)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const cm = asyncio.timeout(0.01);
      try {
        await asyncio.asyncWith(cm, async () => { await asyncio.sleep(10); });
      } catch (e) { print([e], loop.time()); }
      print(cm.expired());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 0.01\nTrue\n", stderr: "", error: undefined });
});

test("timeoutAt() takes a deadline on the loop clock and when() reports it (test_timeouts.TimeoutTests.test_timeout_at_basic)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      await asyncio.sleep(1);
      const deadline = loop.time() + 0.5;
      const cm = asyncio.timeoutAt(deadline);
      try {
        await asyncio.asyncWith(cm, async () => { await asyncio.sleep(10); });
      } catch (e) { print([e], loop.time()); }
      print(cm.expired(), cm.when() === deadline, cm.when());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 1.5\nTrue True 1.5\n", stderr: "", error: undefined });
});

test("with nested timeouts sharing a deadline only the outer one raises TimeoutError (test_timeouts.TimeoutTests.test_nested_timeouts)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      let cancelled = false;
      const deadline = loop.time() + 0.01;
      const cm1 = asyncio.timeoutAt(deadline);
      const cm2 = asyncio.timeoutAt(deadline);
      try {
        await asyncio.asyncWith(cm1, async () => {
          try {
            await asyncio.asyncWith(cm2, async () => { await asyncio.sleep(10); });
          } catch (e) {
            print("inner", [e]);
            cancelled = e instanceof asyncio.CancelledError;
            throw e;
          }
        });
      } catch (e) { print("outer", [e]); }
      print(cancelled, cm1.expired(), cm2.expired());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "inner [CancelledError()]\nouter [TimeoutError()]\nTrue True True\n", stderr: "", error: undefined },
  );
});

test("the code inside timeout() sees a CancelledError at its await (test_timeouts.TimeoutTests.test_waiter_cancelled)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.timeout(0.01), async () => {
          try { await asyncio.sleep(10); } catch (e) { print("inside", [e], asyncio.currentTask().cancelling()); throw e; }
        });
      } catch (e) { print("outside", [e], asyncio.currentTask().cancelling()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "inside [CancelledError()] 1\noutside [TimeoutError()] 0\n", stderr: "", error: undefined },
  );
});

test("a timeout that does not expire changes nothing (test_timeouts.TimeoutTests.test_timeout_not_called)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const cm = asyncio.timeout(10);
      const result = await asyncio.asyncWith(cm, async () => { await asyncio.sleep(0.01); return "body result"; });
      print(result, cm.expired(), cm.when(), loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "body result False 10 0.01\n", stderr: "", error: undefined });
});

test("timeout(null) and timeoutAt(null) never expire (test_timeouts.TimeoutTests.test_timeout_disabled, test_timeout_at_disabled)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      for (const cm of [asyncio.timeout(null), asyncio.timeoutAt(null)]) {
        await asyncio.asyncWith(cm, async () => { await asyncio.sleep(100); });
        print(cm.expired(), cm.when(), cm);
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "False None <Timeout [finished]>\nFalse None <Timeout [finished]>\n", stderr: "", error: undefined },
  );
});

test("timeout(0) expires at the next loop iteration (test_timeouts.TimeoutTests.test_timeout_zero, test_timeout_zero_sleep_zero)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      for (const delay of [10, 0]) {
        const cm = asyncio.timeout(0);
        try {
          await asyncio.asyncWith(cm, async () => { print("body starts"); await asyncio.sleep(delay); print("not reached"); });
        } catch (e) { print([e], cm.expired(), cm.when()); }
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "body starts\n[TimeoutError()] True 0\nbody starts\n[TimeoutError()] True 0\n", stderr: "", error: undefined },
  );
});

test("a deadline in the past expires at the next loop iteration too (test_timeouts.TimeoutTests.test_timeout_in_the_past_sleep_zero)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.sleep(20);
      const cm = asyncio.timeout(-11);
      try {
        await asyncio.asyncWith(cm, async () => { await asyncio.sleep(0); });
      } catch (e) { print([e], cm.expired(), cm.when()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] True 9\n", stderr: "", error: undefined });
});

test("a timeout lets the body's own exception through (test_timeouts.TimeoutTests.test_foreign_exception_passed)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const cm = asyncio.timeout(0.01);
      try {
        await asyncio.asyncWith(cm, async () => { throw new Error("key"); });
      } catch (e) { print([e], cm.expired()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[Error('key')] False\n", stderr: "", error: undefined });
});

test("an exception raised while handling the timeout's cancellation wins over TimeoutError (test_timeouts.TimeoutTests.test_foreign_exception_on_timeout)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crash() {
      try { await asyncio.sleep(1); } finally { throw new Error("division by zero"); }
    }
    async function main() {
      const cm = asyncio.timeout(0.01);
      try {
        await asyncio.asyncWith(cm, async () => { await crash(); });
      } catch (e) { print([e], cm.expired(), asyncio.currentTask().cancelling()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[Error('division by zero')] True 0\n", stderr: "", error: undefined });
});

test("a cancellation from elsewhere passes through an unexpired timeout (test_timeouts.TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const cm = asyncio.timeout(10);
      try {
        await asyncio.asyncWith(cm, async () => {
          asyncio.currentTask().cancel();
          await asyncio.sleep(10);
        });
      } catch (e) { print([e], cm.expired(), asyncio.currentTask().cancelling()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()] False 1\n", stderr: "", error: undefined });
});

test("a task whose timeout expired ends normally, not cancelled (test_timeouts.TimeoutTests.test_outer_task_is_not_cancelled)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function outer() {
      try {
        await asyncio.asyncWith(asyncio.timeout(0.001), async () => { await asyncio.sleep(10); });
      } catch (e) { print([e]); }
      return "outer done";
    }
    async function main() {
      const task = asyncio.createTask(outer());
      print(await task, task.cancelled(), task.done(), task.cancelling());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()]\nouter done False True 0\n", stderr: "", error: undefined });
});

test("an outer timeout that expires first reaches an inner one as CancelledError, and only the outer raises TimeoutError (test_timeouts.TimeoutTests.test_nested_timeouts_concurrent)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.timeout(0.002), async () => {
          try {
            await asyncio.asyncWith(asyncio.timeout(0.1), async () => {
              time.sleep(0.01);
              await asyncio.sleep(1);
            });
          } catch (e) { print("inner", [e]); throw e; }
        });
      } catch (e) { print("outer", [e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "inner [CancelledError()]\nouter [TimeoutError()]\n", stderr: "", error: undefined },
  );
});

test("when a blocked loop lets two nested timeouts expire together, the outer one owns the cancellation (test_timeouts.TimeoutTests.test_nested_timeouts_loop_busy)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function main() {
      const loop = asyncio.getRunningLoop();
      try {
        await asyncio.asyncWith(asyncio.timeout(0.1), async () => {
          try {
            await asyncio.asyncWith(asyncio.timeout(0.01), async () => {
              time.sleep(0.1);
              await asyncio.sleep(1);
            });
          } catch (e) {
            print("inner", [e], loop.time());
            if (!(e instanceof asyncio.TimeoutError)) throw e;
          }
          await asyncio.sleep(10);
        });
      } catch (e) { print("outer", [e], loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "inner [CancelledError()] 0.1\nouter [TimeoutError()] 0.1\n", stderr: "", error: undefined },
  );
});

test("reschedule() moves or removes the deadline of an active timeout (test_timeouts.TimeoutTests.test_reschedule)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.createFuture();
      const deadline1 = loop.time() + 10;
      const deadline2 = deadline1 + 20;
      async function f() {
        await asyncio.asyncWith(asyncio.timeoutAt(deadline1), async (cm) => {
          fut.setResult(cm);
          await asyncio.sleep(50);
        });
      }
      const task = asyncio.createTask(f());
      const cm = await fut;
      print(cm.when());
      cm.reschedule(deadline2);
      print(cm.when());
      cm.reschedule(null);
      print(cm.when());
      await asyncio.sleep(40);
      task.cancel();
      try { await task; } catch (e) { print([e], cm.expired(), loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "10\n30\nNone\n[CancelledError()] False 40\n", stderr: "", error: undefined });
});

test("rescheduling to an earlier deadline makes the timeout fire then", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      try {
        await asyncio.asyncWith(asyncio.timeout(10), async (cm) => {
          cm.reschedule(loop.time() + 2);
          await asyncio.sleep(5);
        });
      } catch (e) { print([e], loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 2\n", stderr: "", error: undefined });
});

// CPython prints when=10.0: JavaScript numbers have no separate float type.
test("a Timeout's repr shows its state and deadline (test_timeouts.TimeoutTests.test_repr_active, test_repr_expired, test_repr_finished, test_repr_disabled)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.asyncWith(asyncio.timeout(10), async (cm) => { print(cm); });
      const expired = asyncio.timeout(0.01);
      try { await asyncio.asyncWith(expired, async () => { await asyncio.sleep(10); }); } catch { print(expired); }
      const finished = asyncio.timeout(10);
      await asyncio.asyncWith(finished, async () => { await asyncio.sleep(0); });
      print(finished);
      await asyncio.asyncWith(asyncio.timeout(null), async (cm) => { print(cm); });
      print(asyncio.timeout(1));
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "<Timeout [active] when=10>\n<Timeout [expired]>\n<Timeout [finished]>\n<Timeout [active] when=None>\n<Timeout [created]>\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("a timeout inside a finally block during an expiring timeout raises its own TimeoutError (test_timeouts.TimeoutTests.test_nested_timeout_in_finally)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      try {
        await asyncio.asyncWith(asyncio.timeout(0.01), async () => {
          try {
            await asyncio.sleep(1);
          } finally {
            try {
              await asyncio.asyncWith(asyncio.timeout(0.01), async () => { await asyncio.sleep(10); });
            } catch (e) { print("finally", [e], loop.time()); }
          }
        });
      } catch (e) { print("outer", [e], loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "finally [TimeoutError()] 0.02\nouter [TimeoutError()] 0.02\n", stderr: "", error: undefined },
  );
});

test("a timeout entered after a caught cancellation still expires (test_timeouts.TimeoutTests.test_timeout_after_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      try {
        asyncio.currentTask().cancel();
        await asyncio.sleep(1);
      } catch (e) {
        print("caught", [e], asyncio.currentTask().cancelling());
      } finally {
        try {
          await asyncio.asyncWith(asyncio.timeout(0), async () => { await asyncio.sleep(1); });
        } catch (e) { print([e], asyncio.currentTask().cancelling()); }
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "caught [CancelledError()] 1\n[TimeoutError()] 1\n", stderr: "", error: undefined },
  );
});

test("a new cancellation inside a timeout after an earlier one stays a CancelledError (test_timeouts.TimeoutTests.test_cancel_in_timeout_after_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      try {
        asyncio.currentTask().cancel();
        await asyncio.sleep(1);
      } catch {
      } finally {
        try {
          await asyncio.asyncWith(asyncio.timeout(1), async () => {
            asyncio.currentTask().cancel();
            await asyncio.sleep(2);
          });
        } catch (e) { print([e], asyncio.currentTask().cancelling(), asyncio.getRunningLoop().time()); }
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()] 2 0\n", stderr: "", error: undefined });
});

test("a cancellation that arrives after the timeout fired is not turned into TimeoutError", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const task = asyncio.currentTask();
      loop.callLater(1, () => task.cancel());
      try {
        await asyncio.asyncWith(asyncio.timeout(1), async () => {
          try { await asyncio.sleep(5); } catch (e) { print("inside", [e], task.cancelling()); }
          await asyncio.sleep(1);
        });
      } catch (e) { print([e], task.cancelling(), loop.time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "inside [CancelledError()] 2\n", stderr: "", error: undefined });
});

test("TimeoutError's cause is the CancelledError it replaced (test_timeouts.TimeoutTests.test_timeout_exception_cause)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.timeout(0), async () => { await asyncio.sleep(1); });
      } catch (e) { print([e], [e.cause], e.cause instanceof asyncio.CancelledError); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] [CancelledError()] True\n", stderr: "", error: undefined });
});

test("a Timeout cannot be entered twice (test_timeouts.TimeoutTests.test_timeout_already_entered, test_timeout_double_enter)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      await asyncio.asyncWith(asyncio.timeout(0.01), async (cm) => {
        try { await asyncio.asyncWith(cm, async () => {}); } catch (e) { print([e]); }
      });
      const cm = asyncio.timeout(0.01);
      await asyncio.asyncWith(cm, async () => {});
      try { await asyncio.asyncWith(cm, async () => {}); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "[RuntimeError('Timeout has already been entered')]\n[RuntimeError('Timeout has already been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("reschedule() refuses a Timeout that is finished, expired, expiring or not entered (test_timeouts.TimeoutTests.test_timeout_finished, test_timeout_expired, test_timeout_expiring, test_timeout_not_entered)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const finished = asyncio.timeout(0.01);
      await asyncio.asyncWith(finished, async () => {});
      try { finished.reschedule(0.02); } catch (e) { print([e]); }
      const expired = asyncio.timeout(0.01);
      try { await asyncio.asyncWith(expired, async () => { await asyncio.sleep(1); }); } catch {}
      try { expired.reschedule(0.02); } catch (e) { print([e]); }
      const expiring = asyncio.timeout(0.01);
      await asyncio.asyncWith(expiring, async () => {
        try { await asyncio.sleep(1); } catch (e) { print([e]); }
        try { expiring.reschedule(0.02); } catch (e) { print([e]); }
      });
      print(expiring);
      try { asyncio.timeout(0.01).reschedule(0.02); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('Cannot change state of finished Timeout')]\n[RuntimeError('Cannot change state of expired Timeout')]\n[CancelledError()]\n[RuntimeError('Cannot change state of expiring Timeout')]\n<Timeout [expired]>\n[RuntimeError('Timeout has not been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("timeout() needs a running loop and entering one needs a task (test_timeouts.TimeoutTests.test_timeout_without_task)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    try { asyncio.timeout(1); } catch (e) { print([e]); }
    const cm = asyncio.timeoutAt(1);
    const enter = cm.__aenter__();
    try { enter.send(undefined); } catch (e) { print([e]); }
    try { cm.reschedule(0.02); } catch (e) { print([e]); }
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('no running event loop')]\n[RuntimeError('no running event loop')]\n[RuntimeError('Timeout has not been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("Timeout is a class that works with and without new, and timeoutAt(when) is Timeout(when)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      for (const cm of [asyncio.Timeout(loop.time() + 1), new asyncio.Timeout(loop.time() + 2)]) {
        try { await asyncio.asyncWith(cm, async () => { await asyncio.sleep(10); }); } catch (e) { print(cm instanceof asyncio.Timeout, [e], loop.time()); }
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "True [TimeoutError()] 1\nTrue [TimeoutError()] 2\n", stderr: "", error: undefined },
  );
});

test("waitFor() of a task cancels it on timeout and waits for it to finish (test_waitfor.AsyncioWaitForTest.test_wait_for)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      let running = null;
      async function foo() {
        running = true;
        try { await asyncio.sleep(100); } finally { running = false; }
        return "done";
      }
      const fut = asyncio.createTask(foo());
      try { await asyncio.waitFor(fut, 0.1); } catch (e) { print([e], loop.time()); }
      print(fut.done(), fut.cancelled(), running);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 0.1\nTrue True False\n", stderr: "", error: undefined });
});

test("waitFor() returns the result when the awaitable finishes in time", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function work() { await asyncio.sleep(1); return "result"; }
    async function main() {
      print(await asyncio.waitFor(work(), 2), asyncio.getRunningLoop().time());
      print(await asyncio.wait_for(asyncio.createTask(work()), { timeout: 5 }), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "result 1\nresult 2\n", stderr: "", error: undefined });
});

test("waitFor() with timeout null waits for ever (test_waitfor.AsyncioWaitForTest.test_wait_for_blocking)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro() { await asyncio.sleep(1000); return "done"; }
    async function main() {
      print(await asyncio.waitFor(coro(), null), asyncio.getRunningLoop().time());
      print(await asyncio.waitFor(coro(), { timeout: null }), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "done 1000\ndone 2000\n", stderr: "", error: undefined });
});

test("waitFor() runs a coroutine inline in the calling task (Python 3.12)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function whoami() { await asyncio.sleep(0); return asyncio.currentTask().getName(); }
    async function main() {
      print(asyncio.currentTask().getName(), await asyncio.waitFor(whoami(), 1));
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "Task-1 Task-1\n", stderr: "", error: undefined });
});

test("waitFor() with a timeout of 0 gives a done future's result (test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const fut = asyncio.getRunningLoop().createFuture();
      fut.setResult("done");
      print(await asyncio.waitFor(fut, 0), fut.done());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "done True\n", stderr: "", error: undefined });
});

test("waitFor() with a timeout of 0 never starts the coroutine (test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let started = false;
      async function foo() { started = true; }
      try { await asyncio.waitFor(foo(), 0); } catch (e) { print([e], [e.cause]); }
      print(started);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] [CancelledError()]\nFalse\n", stderr: "", error: undefined });
});

test("waitFor() with a timeout of 0 or less cancels a running task (test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      for (const timeout of [0, -1]) {
        let running = null;
        const started = loop.createFuture();
        async function foo() {
          running = true;
          started.setResult(null);
          try { await asyncio.sleep(10); } finally { running = false; }
          return "done";
        }
        const fut = asyncio.createTask(foo());
        await started;
        try { await asyncio.waitFor(fut, timeout); } catch (e) { print(timeout, [e]); }
        print(fut.done(), fut.cancelled(), running, loop.time());
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "0 [TimeoutError()]\nTrue True False 0\n-1 [TimeoutError()]\nTrue True False 0\n", stderr: "", error: undefined },
  );
});

test("waitFor() of a future resolved before the deadline returns its result (test_waitfor.AsyncioWaitForTest.test_wait_for_race_condition)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const fut = loop.createFuture();
      const waiting = asyncio.waitFor(fut, 0.2);
      loop.callLater(0.1, () => fut.setResult("ok"));
      print(await waiting, loop.time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "ok 0.1\n", stderr: "", error: undefined });
});

test("waitFor() returns the value of a coroutine that swallows the timeout's cancellation (test_waitfor.AsyncioWaitForTest.test_wait_for_cancellation_race_condition)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function inner() {
      try { await asyncio.sleep(1); } catch (e) { print("inner caught", [e]); }
      return 1;
    }
    async function main() {
      print(await asyncio.waitFor(inner(), 0.01), asyncio.currentTask().cancelling(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "inner caught [CancelledError()]\n1 0 0.01\n", stderr: "", error: undefined });
});

test("waitFor() returns the value of a task that swallows the cancellation and returns", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function stubborn() {
      try { await asyncio.sleep(10); } catch { print("cancel ignored"); await asyncio.sleep(1); }
      return "finished anyway";
    }
    async function main() {
      const task = asyncio.createTask(stubborn());
      print(await asyncio.waitFor(task, 1), asyncio.getRunningLoop().time(), task.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "cancel ignored\nfinished anyway 2 False\n", stderr: "", error: undefined });
});

test("waitFor() waits until the cancelled task has really finished (test_waitfor.AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let taskDone = false;
      async function inner() {
        try {
          await asyncio.sleep(10);
        } catch (e) {
          await asyncio.sleep(0.5);
          throw e;
        } finally {
          taskDone = true;
        }
      }
      const innerTask = asyncio.createTask(inner());
      try { await asyncio.waitFor(innerTask, 0.25); } catch (e) { print([e], [e.cause], taskDone, asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] [CancelledError()] True 0.75\n", stderr: "", error: undefined });
});

test("waitFor() with a timeout of 0 also waits for the cancelled task (test_waitfor.AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation_w_timeout_0)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let taskDone = false;
      async function inner() {
        try {
          await asyncio.sleep(10);
        } catch (e) {
          await asyncio.sleep(0.5);
          throw e;
        } finally {
          taskDone = true;
        }
      }
      const innerTask = asyncio.createTask(inner());
      await asyncio.sleep(0.25);
      try { await asyncio.waitFor(innerTask, 0); } catch (e) { print([e], [e.cause], taskDone, asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] [CancelledError()] True 0.75\n", stderr: "", error: undefined });
});

test("waitFor() raises the exception the task raised while being cancelled (test_waitfor.AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class FooException extends Error { name = "FooException"; }
    async function inner() {
      try { await asyncio.sleep(0.2); } finally { throw new FooException(); }
    }
    async function main() {
      try { await asyncio.waitFor(asyncio.createTask(inner()), 0.1); } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[FooException()] 0.1\n", stderr: "", error: undefined });
});

test("waitFor() can itself be cancelled while its task holds up the cancellation (test_waitfor.AsyncioWaitForTest.test_wait_for_self_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function inner() {
      try {
        await asyncio.sleep(0.3);
      } catch {
        try { await asyncio.sleep(0.3); } catch { await asyncio.sleep(0.3); }
      }
      return 42;
    }
    async function main() {
      const innerTask = asyncio.createTask(inner());
      const task = asyncio.createTask(asyncio.waitFor(innerTask, 0.1));
      await asyncio.sleep(0.2);
      task.cancel();
      try { await task; } catch (e) { print([e], asyncio.getRunningLoop().time()); }
      print(await innerTask, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "42 0.5\n", stderr: "", error: undefined });
});

test("cancelling a waitFor() cancels the task it waits for, with or without a timeout (test_waitfor.AsyncioWaitForTest.test_cancel_wait_for, test_cancel_blocking_wait_for)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      for (const timeout of [null, 60]) {
        async function blocking() { await loop.createFuture(); }
        const task = asyncio.createTask(blocking());
        const waiting = asyncio.createTask(asyncio.waitFor(task, timeout));
        loop.callSoon(() => waiting.cancel());
        try { await waiting; } catch (e) { print(timeout, [e]); }
        print(task.cancelled());
      }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "None [CancelledError()]\nTrue\n60 [CancelledError()]\nTrue\n", stderr: "", error: undefined },
  );
});

test("cancelling a waitFor() lets a task that ignores the cancellation finish first (test_waitfor.AsyncioWaitForTest.test_asyncio_wait_for_cancelled)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let exited = false;
      async function slow() {
        const loop = asyncio.getRunningLoop();
        const exitAt = loop.time() + 0.2;
        for (let left = 0.2; left > 0; left = exitAt - loop.time()) {
          try { await asyncio.sleep(left); } catch {}
        }
        exited = true;
      }
      const waiting = asyncio.createTask(asyncio.waitFor(slow(), 0.4));
      await asyncio.sleep(0);
      waiting.cancel();
      await asyncio.wait(new Set([waiting]));
      print(exited, waiting.cancelled(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True False 0.2\n", stderr: "", error: undefined });
});

test("waitFor() on a coroutine that ignores cancellation returns only when it does (test_waitfor.AsyncioWaitForTest.test_asyncio_wait_for_timeout)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let exited = false;
      async function slow() {
        const loop = asyncio.getRunningLoop();
        const exitAt = loop.time() + 0.2;
        for (let left = 0.2; left > 0; left = exitAt - loop.time()) {
          try { await asyncio.sleep(left); } catch {}
        }
        exited = true;
        return "slow result";
      }
      print(await asyncio.waitFor(slow(), 0.1), exited, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "slow result True 0.2\n", stderr: "", error: undefined });
});
