// Lock, Event, Condition, Semaphore, BoundedSemaphore and Barrier (CPython
// Lib/test/test_asyncio/test_locks.py). Each expected output was printed by the same program in
// Python, run against CPython 3.13's locks.py.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput, lines } from "./run-ok.js";

// Lock

test("Lock repr shows locked, unlocked and the number of waiters (test_locks.LockTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        print(lock);
        await lock.acquire();
        print(lock);
        const t1 = asyncio.createTask(lock.acquire());
        const t2 = asyncio.createTask(lock.acquire());
        await asyncio.sleep(0);
        print(lock);
        t1.cancel();
        t2.cancel();
        await asyncio.sleep(0);
        print(lock);
      }
      asyncio.run(main());
    `,
    lines("<Lock [unlocked]>", "<Lock [locked]>", "<Lock [locked, waiters:2]>", "<Lock [locked]>"),
  );
});

test("acquire() resolves true and locked() follows acquire and release (test_locks.LockTests.test_release_no_waiters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = asyncio.Lock();
        print(await lock.acquire(), lock.locked());
        lock.release();
        print(lock.locked());
      }
      asyncio.run(main());
    `,
    lines("True True", "False"),
  );
});

test("waiters acquire the lock in FIFO order, one per release (test_locks.LockTests.test_acquire)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        const result: number[] = [];
        print(await lock.acquire());
        async function c(i: number) {
          if (await lock.acquire()) result.push(i);
          return true;
        }
        const t1 = asyncio.createTask(c(1));
        const t2 = asyncio.createTask(c(2));
        await asyncio.sleep(0);
        print(result);
        lock.release();
        await asyncio.sleep(0);
        print(result);
        await asyncio.sleep(0);
        print(result);
        const t3 = asyncio.createTask(c(3));
        lock.release();
        await asyncio.sleep(0);
        print(result);
        lock.release();
        await asyncio.sleep(0);
        print(result);
        print(t1.done(), t1.result(), t2.done(), t2.result(), t3.done(), t3.result());
      }
      asyncio.run(main());
    `,
    lines("True", "[]", "[1]", "[1]", "[1, 2]", "[1, 2, 3]", "True True True True True True"),
  );
});

test("a cancelled acquire() raises CancelledError and leaves no waiter behind (test_locks.LockTests.test_acquire_cancel)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        print(await lock.acquire());
        const task = asyncio.createTask(lock.acquire());
        asyncio.getRunningLoop().callSoon(() => task.cancel());
        try {
          await task;
        } catch (e) {
          print("cancelled", [e]);
        }
        print(lock);
      }
      asyncio.run(main());
    `,
    lines("True", "cancelled [CancelledError()]", "<Lock [locked]>"),
  );
});

test("release() skips a waiter cancelled in the same iteration (test_locks.LockTests.test_cancel_race)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        async function lockit(name: string, blocker: unknown) {
          await lock.acquire();
          try {
            if (blocker !== null) await blocker;
            print(name, "has the lock");
          } finally {
            lock.release();
          }
        }
        const fa = asyncio.getRunningLoop().createFuture();
        const ta = asyncio.createTask(lockit("A", fa));
        await asyncio.sleep(0);
        print(lock.locked());
        const tb = asyncio.createTask(lockit("B", null));
        await asyncio.sleep(0);
        const tc = asyncio.createTask(lockit("C", null));
        await asyncio.sleep(0);
        print(lock);
        fa.setResult(null);
        tb.cancel();
        await asyncio.sleep(0);
        print(lock.locked(), ta.done(), tb.cancelled());
        await tc;
        print(lock);
      }
      asyncio.run(main());
    `,
    lines("True", "<Lock [locked, waiters:2]>", "A has the lock", "False True True", "C has the lock", "<Lock [unlocked]>"),
  );
});

test("cancelling a waiter and releasing at once lets exactly one task take the lock (test_locks.LockTests.test_cancel_release_race)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const lock = new asyncio.Lock();
        let lockCount = 0;
        let callCount = 0;
        async function lockit() {
          callCount++;
          await lock.acquire();
          lockCount++;
        }
        await lock.acquire();
        const t1 = asyncio.createTask(lockit());
        const t2 = asyncio.createTask(lockit());
        const t3 = asyncio.createTask(lockit());
        await asyncio.sleep(0);
        loop.callSoon(() => {
          t1.cancel();
          lock.release();
        });
        try {
          await t1;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("t1 cancelled");
        }
        print(lockCount, callCount, t1.cancelled(), t2.done(), t3.done());
        t3.cancel();
        await asyncio.sleep(0);
        print(t3.cancelled());
      }
      asyncio.run(main());
    `,
    lines("t1 cancelled", "1 3 True True False", "True"),
  );
});

test("a waiter woken and then cancelled passes the lock to the next waiter (test_locks.LockTests.test_finished_waiter_cancelled)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        await lock.acquire();
        const tb = asyncio.createTask(lock.acquire());
        await asyncio.sleep(0);
        print(lock);
        const tc = asyncio.createTask(lock.acquire());
        tb.cancel();
        lock.release();
        await asyncio.sleep(0);
        print(lock.locked(), tb.cancelled(), tc.done());
        print(await tc);
      }
      asyncio.run(main());
    `,
    lines("<Lock [locked, waiters:1]>", "True True True", "True"),
  );
});

test("a newcomer does not take a released lock ahead of a queued waiter", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        const order: string[] = [];
        async function worker(name: string) {
          await lock.acquire();
          order.push(name);
          await asyncio.sleep(0);
          lock.release();
        }
        await lock.acquire();
        const t1 = asyncio.createTask(worker("first"));
        await asyncio.sleep(0);
        lock.release();
        const t2 = asyncio.createTask(worker("newcomer"));
        await asyncio.sleep(0);
        print(lock.locked(), order);
        await asyncio.gather(t1, t2);
        print(order);
      }
      asyncio.run(main());
    `,
    lines("True ['first']", "['first', 'newcomer']"),
  );
});

test("a newcomer takes a free lock at once when every queued waiter is cancelled", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        await lock.acquire();
        const t = asyncio.createTask(lock.acquire());
        await asyncio.sleep(0);
        t.cancel();
        lock.release();
        print(await lock.acquire(), lock);
        await asyncio.sleep(0);
        print(t.cancelled(), lock);
      }
      asyncio.run(main());
    `,
    lines("True <Lock [locked, waiters:1]>", "True <Lock [locked]>"),
  );
});

test("releasing an unlocked Lock raises RuntimeError (test_locks.LockTests.test_release_not_acquired)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        try {
          new asyncio.Lock().release();
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines("[RuntimeError('Lock is not acquired.')]"),
  );
});

test("__aenter__ acquires and __aexit__ releases a Lock (test_locks.LockTests.test_context_manager)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        print(lock.locked());
        print(await lock.__aenter__());
        print(lock.locked());
        print(await lock.__aexit__(null, null, null));
        print(lock.locked());
      }
      asyncio.run(main());
    `,
    lines("False", "None", "True", "None", "False"),
  );
});

test("a task blocked on a lock is reported waiting on it, and a deadlock names the lock", async () => {
  const { stdout, error, events } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function worker(lock) {
        await lock.acquire();
      }
      async function main() {
        const lock = new asyncio.Lock();
        await lock.acquire();
        print(await asyncio.createTask(worker(lock)));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(stdout, "");
  assert.ok(error instanceof Error);
  assert.equal(error.name, "DeadlockError");
  assert.match(error.message, /\n {2}Task-2 \(worker\) waits on Lock #1$/m);
  const waits = events.flatMap((event) => (event.type === "task-state" && event.state === "waiting" ? [event.waitingOn] : []));
  assert.deepEqual(waits[waits.length - 1], { kind: "lock", objectId: 1, label: "Lock #1" });
});

// Event

test("Event repr shows set, unset and the number of waiters (test_locks.EventTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        print(ev);
        const t = asyncio.createTask(ev.wait());
        await asyncio.sleep(0);
        print(ev);
        ev.set();
        print(ev);
        await t;
        print(ev);
      }
      asyncio.run(main());
    `,
    lines("<Event [unset]>", "<Event [unset, waiters:1]>", "<Event [set, waiters:1]>", "<Event [set]>"),
  );
});

test("set() wakes every waiter; a wait() on a set event returns at once (test_locks.EventTests.test_wait)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        print(ev.isSet());
        const result: number[] = [];
        async function c(i: number) {
          if (await ev.wait()) result.push(i);
        }
        const t1 = asyncio.createTask(c(1));
        const t2 = asyncio.createTask(c(2));
        await asyncio.sleep(0);
        print(result);
        const t3 = asyncio.createTask(c(3));
        ev.set();
        await asyncio.sleep(0);
        print(result);
        print(t1.done(), t1.result(), t2.result(), t3.result());
      }
      asyncio.run(main());
    `,
    lines("False", "[]", "[3, 1, 2]", "True None None None"),
  );
});

test("wait() on a set Event returns true (test_locks.EventTests.test_wait_on_set)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        ev.set();
        print(await ev.wait());
      }
      asyncio.run(main());
    `,
    lines("True"),
  );
});

test("a cancelled Event.wait() leaves no waiter behind (test_locks.EventTests.test_wait_cancel)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        const wait = asyncio.createTask(ev.wait());
        asyncio.getRunningLoop().callSoon(() => wait.cancel());
        try {
          await wait;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(ev);
      }
      asyncio.run(main());
    `,
    lines("cancelled", "<Event [unset]>"),
  );
});

test("clear() resets the flag, and snake_case names are the same methods (test_locks.EventTests.test_clear)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        print(ev.is_set());
        ev.set();
        print(ev.is_set());
        ev.clear();
        print(ev.is_set(), ev.is_set === ev.isSet);
      }
      asyncio.run(main());
    `,
    lines("False", "True", "False True"),
  );
});

test("a waiter woken by set() still returns after clear() (test_locks.EventTests.test_clear_with_waiters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const ev = new asyncio.Event();
        const result: number[] = [];
        async function c1() {
          if (await ev.wait()) result.push(1);
          return true;
        }
        const t = asyncio.createTask(c1());
        await asyncio.sleep(0);
        print(result);
        ev.set();
        ev.clear();
        print(ev.isSet());
        ev.set();
        ev.set();
        print(ev);
        await asyncio.sleep(0);
        print(result, ev, t.done(), t.result());
      }
      asyncio.run(main());
    `,
    lines("[]", "False", "<Event [set, waiters:1]>", "[1] <Event [set]> True True"),
  );
});

// Condition

test("notify(n) wakes n waiters, each returning once it holds the lock (test_locks.ConditionTests.test_wait)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const result: number[] = [];
        async function c(i: number) {
          await cond.acquire();
          if (await cond.wait()) result.push(i);
          return true;
        }
        const t1 = asyncio.createTask(c(1));
        const t2 = asyncio.createTask(c(2));
        const t3 = asyncio.createTask(c(3));
        await asyncio.sleep(0);
        print(result, cond.locked());
        print(await cond.acquire());
        cond.notify();
        await asyncio.sleep(0);
        print(result, cond.locked());
        cond.release();
        await asyncio.sleep(0);
        print(result, cond.locked());
        cond.notify(2);
        await asyncio.sleep(0);
        print(result, cond.locked());
        cond.release();
        await asyncio.sleep(0);
        print(result, cond.locked());
        cond.release();
        await asyncio.sleep(0);
        print(result, cond.locked());
        print(t1.result(), t2.result(), t3.result());
      }
      asyncio.run(main());
    `,
    lines("[] False", "True", "[] True", "[1] True", "[1] True", "[1, 2] True", "[1, 2, 3] True", "True True True"),
  );
});

test("a cancelled Condition.wait() holds the lock again before raising (test_locks.ConditionTests.test_wait_cancel)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        await cond.acquire();
        const wait = asyncio.createTask(cond.wait());
        asyncio.getRunningLoop().callSoon(() => wait.cancel());
        try {
          await wait;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(cond, cond.locked());
      }
      asyncio.run(main());
    `,
    lines("cancelled", "<Condition [locked]> True"),
  );
});

test("a notified waiter cancelled while the lock is contested still re-acquires it (test_locks.ConditionTests.test_wait_cancel_contested)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const loop = asyncio.getRunningLoop();
        await cond.acquire();
        const waitTask = asyncio.createTask(cond.wait());
        await asyncio.sleep(0);
        print(cond.locked());
        await cond.acquire();
        print(cond.locked());
        cond.notify();
        loop.callSoon(() => waitTask.cancel());
        loop.callSoon(() => cond.release());
        try {
          await waitTask;
          print("wait returned");
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(cond.locked());
      }
      asyncio.run(main());
    `,
    lines("False", "True", "cancelled", "True"),
  );
});

test("a waiter cancelled after notify() is cancelled once it holds the lock (test_locks.ConditionTests.test_wait_cancel_after_notify)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let waited = false;
        const cond = new asyncio.Condition();
        async function waitOnCond() {
          await cond.acquire();
          try {
            waited = true;
            await cond.wait();
          } finally {
            print("waiter holds the lock again:", cond.locked());
            cond.release();
          }
        }
        const waiter = asyncio.createTask(waitOnCond());
        await asyncio.sleep(0);
        await cond.acquire();
        cond.notify();
        await asyncio.sleep(0);
        waiter.cancel();
        await asyncio.sleep(0);
        cond.release();
        await asyncio.sleep(0);
        print(waiter.cancelled(), waited);
      }
      asyncio.run(main());
    `,
    lines("waiter holds the lock again: True", "True True"),
  );
});

test("a cancellation while re-acquiring the lock is re-raised once the lock is held", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        async function waiter() {
          await cond.acquire();
          try {
            await cond.wait();
          } catch (e) {
            if (e instanceof asyncio.CancelledError) print("waiter cancelled, lock held:", cond.locked());
            throw e;
          } finally {
            cond.release();
          }
        }
        const t = asyncio.createTask(waiter());
        await asyncio.sleep(0);
        await cond.acquire();
        cond.notify();
        await asyncio.sleep(0);
        t.cancel();
        await asyncio.sleep(0);
        await asyncio.sleep(0);
        print("still waiting for the lock:", !t.done());
        cond.release();
        try {
          await t;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancellation re-raised after re-acquiring");
        }
        print(cond);
      }
      asyncio.run(main());
    `,
    lines(
      "still waiting for the lock: True",
      "waiter cancelled, lock held: True",
      "cancellation re-raised after re-acquiring",
      "<Condition [unlocked]>",
    ),
  );
});

test("a notified waiter cancelled before it runs passes the notification on (test_locks.ConditionTests.test_cancelled_wakeup)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const woken: string[] = [];
        async function waiter(name: string) {
          await cond.acquire();
          try {
            await cond.wait();
            woken.push(name);
          } catch (e) {
            woken.push(name + " cancelled");
            throw e;
          } finally {
            cond.release();
          }
        }
        const t1 = asyncio.createTask(waiter("w1"));
        const t2 = asyncio.createTask(waiter("w2"));
        await asyncio.sleep(0);
        await cond.acquire();
        cond.notify(1);
        t1.cancel();
        cond.release();
        await asyncio.gather(t1, t2, { returnExceptions: true });
        print(woken, t1.cancelled(), t2.done());
      }
      asyncio.run(main());
    `,
    lines("['w1 cancelled', 'w2'] True True"),
  );
});

test("wait() without the lock raises RuntimeError (test_locks.ConditionTests.test_wait_unacquired)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        try {
          await cond.wait();
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines("[RuntimeError('cannot wait on un-acquired lock')]"),
  );
});

test("wait_for() waits through notifications until the predicate holds (test_locks.ConditionTests.test_wait_for)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        let presult = false;
        const result: number[] = [];
        async function c1() {
          await cond.acquire();
          if (await cond.wait_for(() => presult)) {
            result.push(1);
            cond.release();
          }
          return true;
        }
        const t = asyncio.createTask(c1());
        await asyncio.sleep(0);
        print(result);
        await cond.acquire();
        cond.notify();
        cond.release();
        await asyncio.sleep(0);
        print(result);
        presult = true;
        await cond.acquire();
        cond.notify();
        cond.release();
        await asyncio.sleep(0);
        print(result, t.done(), t.result());
      }
      asyncio.run(main());
    `,
    lines("[]", "[]", "[1] True True"),
  );
});

test("waitFor() returns a true predicate's value without the lock, else needs it (test_locks.ConditionTests.test_wait_for_unacquired)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        print(await cond.waitFor(() => [1, 2, 3]));
        try {
          await cond.waitFor(() => false);
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines("[1, 2, 3]", "[RuntimeError('cannot wait on un-acquired lock')]"),
  );
});

test("notify(1) wakes one waiter, notify(2048) the rest (test_locks.ConditionTests.test_notify)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const result: number[] = [];
        async function c(i: number) {
          await cond.acquire();
          if (await cond.wait()) {
            result.push(i);
            cond.release();
          }
          return true;
        }
        const tasks = [1, 2, 3].map((i) => asyncio.createTask(c(i)));
        await asyncio.sleep(0);
        print(result);
        await cond.acquire();
        cond.notify(1);
        cond.release();
        await asyncio.sleep(0);
        print(result);
        await cond.acquire();
        cond.notify(1);
        cond.notify(2048);
        cond.release();
        await asyncio.sleep(0);
        print(result, tasks.map((t) => t.result()));
      }
      asyncio.run(main());
    `,
    lines("[]", "[1]", "[1, 2, 3] [True, True, True]"),
  );
});

test("notify_all() wakes every waiter (test_locks.ConditionTests.test_notify_all)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const result: number[] = [];
        async function c(i: number) {
          await cond.acquire();
          if (await cond.wait()) {
            result.push(i);
            cond.release();
          }
          return true;
        }
        const tasks = [1, 2].map((i) => asyncio.createTask(c(i)));
        await asyncio.sleep(0);
        print(result);
        await cond.acquire();
        cond.notify_all();
        cond.release();
        await asyncio.sleep(0);
        print(result, tasks.map((t) => t.result()));
      }
      asyncio.run(main());
    `,
    lines("[]", "[1, 2] [True, True]"),
  );
});

test("notify() and notifyAll() without the lock raise RuntimeError (test_locks.ConditionTests.test_notify_unacquired)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        for (const f of [() => cond.notify(), () => cond.notifyAll()]) {
          try {
            f();
          } catch (e) {
            print([e]);
          }
        }
      }
      asyncio.run(main());
    `,
    lines("[RuntimeError('cannot notify on un-acquired lock')]", "[RuntimeError('cannot notify on un-acquired lock')]"),
  );
});

test("Condition repr shows the lock state and the number of waiters (test_locks.ConditionTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        print(cond);
        await cond.acquire();
        print(cond);
        async function waiter() {
          await cond.acquire();
          await cond.wait();
          cond.release();
        }
        const tasks = [asyncio.createTask(waiter()), asyncio.createTask(waiter())];
        cond.release();
        await asyncio.sleep(0);
        print(cond);
        await cond.acquire();
        cond.notifyAll();
        print(cond);
        cond.release();
        await asyncio.gather(...tasks);
        print(cond);
      }
      asyncio.run(main());
    `,
    lines(
      "<Condition [unlocked]>",
      "<Condition [locked]>",
      "<Condition [unlocked, waiters:2]>",
      "<Condition [locked, waiters:2]>",
      "<Condition [unlocked]>",
    ),
  );
});

test("a Condition shares the Lock it is given (test_locks.ConditionTests.test_explicit_lock)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function f(lock = null, cond = null) {
        lock ??= new asyncio.Lock();
        cond ??= new asyncio.Condition(lock);
        print(lock.locked(), cond.locked());
        await cond.__aenter__();
        print(lock.locked(), cond.locked());
        await cond.__aexit__(null, null, null);
        print(lock.locked(), cond.locked());
        await lock.__aenter__();
        print(lock.locked(), cond.locked());
        await lock.__aexit__(null, null, null);
        print(lock.locked(), cond.locked());
      }
      async function main() {
        await f();
        const lock = new asyncio.Lock();
        await f(lock, asyncio.Condition({ lock }));
      }
      asyncio.run(main());
    `,
    lines(...Array(2).fill(["False False", "True True", "False False", "True True", "False False"]).flat()),
  );
});

// Semaphore and BoundedSemaphore

test("a Semaphore of 0 is locked; a negative value is refused (test_locks.SemaphoreTests.test_semaphore_value)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      print(new asyncio.Semaphore(0).locked(), asyncio.Semaphore({ value: 0 }).locked());
      try {
        new asyncio.Semaphore(-1);
      } catch (e) {
        print([e]);
      }
    `,
    lines("True True", "[ValueError('Semaphore initial value must be >= 0')]"),
  );
});

test("Semaphore repr shows the value or locked, and the waiters (test_locks.SemaphoreTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore();
        print(sem);
        await sem.acquire();
        print(sem);
        const tasks = [asyncio.createTask(sem.acquire()), asyncio.createTask(sem.acquire())];
        await asyncio.sleep(0);
        print(sem);
        sem.release();
        sem.release();
        await asyncio.sleep(0);
        print(sem);
      }
      asyncio.run(main());
    `,
    lines("<Semaphore [unlocked, value:1]>", "<Semaphore [locked]>", "<Semaphore [locked, waiters:2]>", "<Semaphore [locked]>"),
  );
});

test("each release() lets one waiter through, in order (test_locks.SemaphoreTests.test_acquire)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(3);
        const result: number[] = [];
        print(await sem.acquire(), await sem.acquire(), sem.locked());
        async function c(i: number) {
          await sem.acquire();
          result.push(i);
          return true;
        }
        const t1 = asyncio.createTask(c(1));
        const t2 = asyncio.createTask(c(2));
        const t3 = asyncio.createTask(c(3));
        await asyncio.sleep(0);
        print(result, sem.locked(), sem);
        const t4 = asyncio.createTask(c(4));
        sem.release();
        sem.release();
        print(sem);
        await asyncio.sleep(0);
        print(result, sem.locked(), sem);
        sem.release();
        await asyncio.gather(t2, t3, t4);
        print(result);
      }
      asyncio.run(main());
    `,
    lines(
      "True True False",
      "[1] True <Semaphore [locked, waiters:2]>",
      "<Semaphore [locked, waiters:2]>",
      "[1, 2, 3] True <Semaphore [locked, waiters:1]>",
      "[1, 2, 3, 4]",
    ),
  );
});

test("a cancelled Semaphore.acquire() leaves no waiter behind (test_locks.SemaphoreTests.test_acquire_cancel)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore();
        await sem.acquire();
        const acquire = asyncio.createTask(sem.acquire());
        asyncio.getRunningLoop().callSoon(() => acquire.cancel());
        try {
          await acquire;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(sem);
      }
      asyncio.run(main());
    `,
    lines("cancelled", "<Semaphore [locked]>"),
  );
});

test("a release() skips waiters cancelled before it woke them (test_locks.SemaphoreTests.test_acquire_cancel_before_awoken)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore({ value: 0 });
        const tasks = [0, 1, 2, 3].map(() => asyncio.createTask(sem.acquire()));
        await asyncio.sleep(0);
        tasks[0].cancel();
        tasks[1].cancel();
        sem.release();
        await asyncio.sleep(0);
        await asyncio.sleep(0);
        print(tasks.slice(2).map((t) => t.done()), sem);
        tasks[2].cancel();
        tasks[3].cancel();
        await asyncio.sleep(0);
      }
      asyncio.run(main());
    `,
    lines("[True, False] <Semaphore [locked, waiters:1]>"),
  );
});

test("a cancelled first waiter does not strand the permit (test_locks.SemaphoreTests.test_acquire_hang)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(0);
        const t1 = asyncio.createTask(sem.acquire());
        const t2 = asyncio.createTask(sem.acquire());
        await asyncio.sleep(0);
        t1.cancel();
        sem.release();
        await asyncio.sleep(0);
        await asyncio.sleep(0);
        print(sem.locked(), t2.done());
      }
      asyncio.run(main());
    `,
    lines("True True"),
  );
});

test("a waiter woken with a permit and then cancelled gives the permit to the next waiter", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(0);
        const t1 = asyncio.createTask(sem.acquire());
        const t2 = asyncio.createTask(sem.acquire());
        await asyncio.sleep(0);
        sem.release();
        t1.cancel();
        await asyncio.sleep(0);
        await asyncio.sleep(0);
        print(t1.cancelled(), t2.done(), t2.result(), sem);
      }
      asyncio.run(main());
    `,
    lines("True True True <Semaphore [locked]>"),
  );
});

test("cancelling a task queued on a Semaphore does not leave it unacquirable (test_locks.SemaphoreTests.test_acquire_no_hang)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(1);
        let t2;
        async function c1() {
          await sem.__aenter__();
          try {
            await asyncio.sleep(0);
          } finally {
            await sem.__aexit__(null, null, null);
          }
          t2.cancel();
        }
        async function c2() {
          await sem.__aenter__();
          try {
            print("c2 must not get the semaphore");
          } finally {
            await sem.__aexit__(null, null, null);
          }
        }
        const t1 = asyncio.createTask(c1());
        t2 = asyncio.createTask(c2());
        const [r1, r2] = await asyncio.gather(t1, t2, { return_exceptions: true });
        print(r1, r2 instanceof asyncio.CancelledError);
        print(await sem.acquire(), sem);
      }
      asyncio.run(main());
    `,
    lines("None True", "True <Semaphore [locked]>"),
  );
});

test("BoundedSemaphore refuses a release above its initial value (test_locks.SemaphoreTests.test_release_not_acquired)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let sem = new asyncio.BoundedSemaphore();
        try {
          sem.release();
        } catch (e) {
          print([e]);
        }
        sem = asyncio.BoundedSemaphore(2);
        await sem.acquire();
        sem.release();
        try {
          sem.release();
        } catch (e) {
          print([e], sem);
        }
      }
      asyncio.run(main());
    `,
    lines(
      "[ValueError('BoundedSemaphore released too many times')]",
      "[ValueError('BoundedSemaphore released too many times')] <BoundedSemaphore [unlocked, value:2]>",
    ),
  );
});

test("tasks re-acquiring a Semaphore queue behind the ones already waiting (test_locks.SemaphoreTests.test_acquire_fifo_order)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(1);
        const result: string[] = [];
        async function coro(tag: string) {
          await sem.acquire();
          result.push(tag + "_1");
          await asyncio.sleep(0.01);
          sem.release();
          await sem.acquire();
          result.push(tag + "_2");
          await asyncio.sleep(0.01);
          sem.release();
        }
        await asyncio.gather(coro("c1"), coro("c2"), coro("c3"));
        print(result);
      }
      asyncio.run(main());
    `,
    lines("['c1_1', 'c2_1', 'c3_1', 'c1_2', 'c2_2', 'c3_2']"),
  );
});

test("a task releasing and re-acquiring cannot overtake queued waiters (test_locks.SemaphoreTests.test_acquire_fifo_order_2)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(1);
        const result: number[] = [];
        async function c1() {
          await sem.acquire();
          result.push(1);
          return true;
        }
        async function c2() {
          await sem.acquire();
          result.push(2);
          sem.release();
          await sem.acquire();
          result.push(4);
          return true;
        }
        async function c3() {
          await sem.acquire();
          result.push(3);
          return true;
        }
        const tasks = [c1, c2, c3].map((c) => asyncio.createTask(c()));
        await asyncio.sleep(0);
        sem.release();
        sem.release();
        await asyncio.gather(...tasks);
        print(result);
      }
      asyncio.run(main());
    `,
    lines("[1, 2, 3, 4]"),
  );
});

test("permits go to the waiters left after a cancellation, in order (test_locks.SemaphoreTests.test_acquire_fifo_order_3)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const sem = new asyncio.Semaphore(0);
        const result: number[] = [];
        async function c(i: number) {
          await sem.acquire();
          result.push(i);
          return true;
        }
        const tasks = [1, 2, 3].map((i) => asyncio.createTask(c(i)));
        await asyncio.sleep(0);
        tasks[0].cancel();
        await asyncio.sleep(0);
        sem.release();
        sem.release();
        await asyncio.gather(...tasks, { returnExceptions: true });
        print(result);
      }
      asyncio.run(main());
    `,
    lines("[2, 3]"),
  );
});

// Barrier

test("Barrier needs at least one party and exposes parties, n_waiting, broken (test_locks.BarrierTests.test_barrier_parties)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      for (const n of [0, -4]) {
        try {
          new asyncio.Barrier(n);
        } catch (e) {
          print([e]);
        }
      }
      const b = asyncio.Barrier(5);
      print(b.parties, b.n_waiting, b.nWaiting, b.broken);
    `,
    lines("[ValueError('parties must be >= 1')]", "[ValueError('parties must be >= 1')]", "5 0 0 False"),
  );
});

test("Barrier repr goes through filling, draining, resetting and broken (test_locks.BarrierTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        print(barrier);
        const waiters = [];
        const spawn = (count) => {
          for (let i = 0; i < count; i++) waiters.push(asyncio.createTask(barrier.wait()));
        };
        spawn(2);
        await asyncio.sleep(0);
        print(barrier);
        spawn(barrier.parties - barrier.n_waiting);
        await asyncio.sleep(0);
        print(barrier);
        spawn(2);
        await asyncio.sleep(0);
        await barrier.reset();
        print(barrier);
        spawn(2);
        await asyncio.sleep(0);
        await barrier.abort();
        print(barrier, barrier.broken);
        print(await asyncio.gather(...waiters, { returnExceptions: true }));
      }
      asyncio.run(main());
    `,
    lines(
      "<Barrier [filling, waiters:0/5]>",
      "<Barrier [filling, waiters:2/5]>",
      "<Barrier [draining, waiters:0/5]>",
      "<Barrier [resetting, waiters:0/5]>",
      "<Barrier [broken]> True",
      `[0, 1, 2, 3, 4, ${Array(4).fill("BrokenBarrierError('Abort or reset of barrier')").join(", ")}]`,
    ),
  );
});

test("__aenter__ waits at the Barrier and returns the arrival index (test_locks.BarrierTests.test_context_manager)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(3);
        const results: number[] = [];
        async function coro() {
          const i = await barrier.__aenter__();
          try {
            results.push(i);
          } finally {
            await barrier.__aexit__(null, null, null);
          }
        }
        await asyncio.gather(coro(), coro(), coro());
        print(results, barrier.n_waiting, barrier.broken);
      }
      asyncio.run(main());
    `,
    lines("[2, 0, 1] 0 False"),
  );
});

test("a Barrier of one passes each task straight through (test_locks.BarrierTests.test_filling_one_task_twice)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(1);
        const t1 = asyncio.createTask(barrier.wait());
        await asyncio.sleep(0);
        print(barrier.n_waiting);
        const t2 = asyncio.createTask(barrier.wait());
        await asyncio.sleep(0);
        print(t1.result(), t2.result(), t1.done(), t2.done(), barrier.n_waiting, barrier.broken);
      }
      asyncio.run(main());
    `,
    lines("0", "0 0 True True 0 False"),
  );
});

test("n_waiting counts arrivals until the last party drains the Barrier (test_locks.BarrierTests.test_filling_task_by_task)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(3);
        const t1 = asyncio.createTask(barrier.wait());
        await asyncio.sleep(0);
        print(barrier.n_waiting, barrier);
        const t2 = asyncio.createTask(barrier.wait());
        await asyncio.sleep(0);
        print(barrier.n_waiting, barrier);
        const t3 = asyncio.createTask(barrier.wait());
        await asyncio.sleep(0);
        print(barrier);
        print(await asyncio.gather(t1, t2, t3), barrier.n_waiting, barrier.broken, barrier);
      }
      asyncio.run(main());
    `,
    lines(
      "1 <Barrier [filling, waiters:1/3]>",
      "2 <Barrier [filling, waiters:2/3]>",
      "<Barrier [draining, waiters:0/3]>",
      "[0, 1, 2] 0 False <Barrier [filling, waiters:0/3]>",
    ),
  );
});

test("a Barrier can be passed twice by the same tasks (test_locks.BarrierTests.test_filling_tasks_wait_twice)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        const results: boolean[] = [];
        async function coro() {
          await barrier.wait();
          results.push(true);
          await barrier.wait();
          results.push(false);
        }
        await asyncio.gather(...[0, 1, 2, 3, 4].map(() => coro()));
        print(results, barrier.n_waiting, barrier.broken);
      }
      asyncio.run(main());
    `,
    lines("[True, True, True, True, True, False, False, False, False, False] 0 False"),
  );
});

test("the Barrier drains until the last task leaves, then fills again (test_locks.BarrierTests.test_draining_state)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        const results: string[] = [];
        async function coro() {
          await barrier.wait();
          results.push(barrier.__repr__());
        }
        await asyncio.gather(...[0, 1, 2, 3, 4].map(() => coro()));
        print(results);
      }
      asyncio.run(main());
    `,
    lines(`[${[...Array(4).fill("'<Barrier [draining, waiters:0/5]>'"), "'<Barrier [filling, waiters:0/5]>'"].join(", ")}]`),
  );
});

test("tasks arriving while the Barrier drains wait for the next round (test_locks.BarrierTests.test_blocking_tasks_while_draining)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        const barrierNowaiting = new asyncio.Barrier(3);
        let rewait = 2;
        const order: string[] = [];
        async function coro(i: number) {
          await barrier.wait();
          if (rewait > 0) {
            rewait--;
            order.push(i + " waits again");
            await barrier.wait();
          } else {
            await barrierNowaiting.wait();
            order.push(i + " waits after draining");
            await barrier.wait();
          }
        }
        await asyncio.gather(...[0, 1, 2, 3, 4].map((i) => coro(i)));
        print(order, barrier);
      }
      asyncio.run(main());
    `,
    lines(
      "['4 waits again', '0 waits again', '3 waits after draining', '1 waits after draining', '2 waits after draining'] " +
        "<Barrier [filling, waiters:0/5]>",
    ),
  );
});

test("a task cancelled while filling leaves the Barrier (test_locks.BarrierTests.test_filling_tasks_cancel_one)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(3);
        const results: boolean[] = [];
        async function coro() {
          await barrier.wait();
          results.push(true);
        }
        const t1 = asyncio.createTask(coro());
        await asyncio.sleep(0);
        print(barrier.n_waiting);
        const t2 = asyncio.createTask(coro());
        await asyncio.sleep(0);
        print(barrier.n_waiting);
        t1.cancel();
        await asyncio.sleep(0);
        print(barrier.n_waiting);
        try {
          await t1;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("t1 cancelled", t1.cancelled());
        }
        const t3 = asyncio.createTask(coro());
        await asyncio.sleep(0);
        print(barrier.n_waiting);
        const t4 = asyncio.createTask(coro());
        await asyncio.gather(t2, t3, t4);
        print(results, barrier.n_waiting, barrier.broken);
      }
      asyncio.run(main());
    `,
    lines("1", "2", "1", "t1 cancelled True", "2", "[True, True, True] 0 False"),
  );
});

test("reset() breaks the current waiters and returns the Barrier to filling (test_locks.BarrierTests.test_reset_barrier_while_tasks_waiting)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        const results = [];
        async function coro() {
          try {
            await barrier.wait();
          } catch (e) {
            if (e instanceof asyncio.BrokenBarrierError) results.push([e]);
          }
        }
        const tasks = [0, 1, 2, 3].map(() => asyncio.createTask(coro()));
        await asyncio.sleep(0);
        asyncio.createTask(barrier.reset());
        await asyncio.gather(...tasks);
        print(results, barrier.n_waiting, barrier, barrier.broken);
      }
      asyncio.run(main());
    `,
    lines(`[${Array(4).fill("[BrokenBarrierError('Abort or reset of barrier')]").join(", ")}] 0 <Barrier [filling, waiters:0/5]> False`),
  );
});

test("abort() breaks the Barrier for later waiters too (test_locks.BarrierTests.test_abort_barrier)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(1);
        asyncio.createTask(barrier.abort());
        await asyncio.sleep(0);
        print(barrier.n_waiting, barrier.broken, barrier);
        try {
          await barrier.wait();
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines("0 True <Barrier [broken]>", "[BrokenBarrierError('Barrier aborted')]"),
  );
});

test("abort() while half the tasks drain and half wait breaks both (test_locks.BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const barrier = new asyncio.Barrier(5);
        const results1: boolean[] = [];
        const results2: boolean[] = [];
        let count = 0;
        async function coro() {
          try {
            await barrier.wait();
          } catch (e) {
            if (!(e instanceof asyncio.BrokenBarrierError)) throw e;
            results1.push(true);
            return;
          }
          count++;
          if (count > 2) {
            await barrier.abort();
          } else {
            try {
              await barrier.wait();
            } catch (e) {
              if (e instanceof asyncio.BrokenBarrierError) results2.push(true);
            }
          }
        }
        await asyncio.gather(...[0, 1, 2, 3, 4].map(() => coro()));
        print(barrier.broken, results1, results2, barrier.n_waiting, barrier);
      }
      asyncio.run(main());
    `,
    lines("True [True, True] [True, True] 0 <Barrier [broken]>"),
  );
});

test("an aborted Barrier works again after reset() (test_locks.BarrierTests.test_abort_barrier_when_exception_then_resetting)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const N = 5;
        const barrier1 = new asyncio.Barrier(N);
        const barrier2 = new asyncio.Barrier(N);
        const results1: boolean[] = [];
        const results2: boolean[] = [];
        const results3: boolean[] = [];
        class Boom extends Error {}
        async function coro() {
          try {
            const i = await barrier1.wait();
            if (i === Math.floor(N / 2)) throw new Boom();
            await barrier1.wait();
            results1.push(true);
          } catch (e) {
            if (e instanceof asyncio.BrokenBarrierError) results2.push(true);
            else if (e instanceof Boom) await barrier1.abort();
            else throw e;
          }
          const i = await barrier2.wait();
          if (i === Math.floor(N / 2)) await barrier1.reset();
          await barrier2.wait();
          await barrier1.wait();
          results3.push(true);
        }
        await asyncio.gather(...[0, 1, 2, 3, 4].map(() => coro()));
        print(barrier1.broken, results1.length, results2.length, results3.length, barrier1.n_waiting);
      }
      asyncio.run(main());
    `,
    lines("False 0 4 5 0"),
  );
});

test("tasks blocked on each primitive are reported waiting on it by kind and label", async () => {
  const { error, events } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const cond = new asyncio.Condition();
        const event = new asyncio.Event();
        const sem = new asyncio.BoundedSemaphore(0);
        const barrier = new asyncio.Barrier(2);
        await cond.acquire();
        const tasks = [
          asyncio.createTask(event.wait()),
          asyncio.createTask(sem.acquire()),
          asyncio.createTask(barrier.wait()),
          asyncio.createTask(cond.acquire()),
        ];
        await asyncio.sleep(0);
        for (const task of tasks) task.cancel();
        await asyncio.gather(...tasks, { returnExceptions: true });
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const primitives = ["lock", "event", "condition", "semaphore", "barrier"];
  const waits = events.flatMap((event) =>
    event.type === "task-state" && event.state === "waiting" && primitives.includes(event.waitingOn?.kind ?? "") ? [event.waitingOn] : [],
  );
  // Objects are numbered as they are made, with a listener or without (wait-subject.ts).
  assert.deepEqual(
    waits.map((target) => [target?.kind, target?.label]),
    [
      ["event", "Event #2"],
      ["semaphore", "BoundedSemaphore #3"],
      ["barrier", "Barrier #4"],
      ["condition", "Condition #1"],
    ],
  );
});
