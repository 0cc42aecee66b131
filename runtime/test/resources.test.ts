// Lock and queue records (issue 12): what each acquire, release, wait, set, notify, arrival, put
// and get did, who did it, and what the object holds after it, under the number the waiting
// tasks' `waitingOn` shows. Runs in Node and again inside QuickJS (sandbox/test/conformance.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { updateWaiters } from "../src/events.js";
import type { ResourceEvent, RuntimeEvent } from "../src/index.js";
import { runSnippet, ts } from "./harness.js";

function resourcesOf(events: RuntimeEvent[]): ResourceEvent[] {
  return events.filter((event): event is ResourceEvent => event.type === "resource");
}

/** Task ids by name, from the spawn events. */
function idsOf(events: RuntimeEvent[]): Map<string, number> {
  return new Map(events.flatMap((event) => (event.type === "task-spawned" ? [[event.name, event.taskId] as const] : [])));
}

/**
 * "A acquire holder=A waiters=[B]": each event in names, with only the fields it has, and the
 * object's waiters after it as a reader rebuilds them from the joins and leaves (updateWaiters).
 */
function describe(records: ResourceEvent[], ids: Map<string, number>): string[] {
  const names = new Map([...ids].map(([name, id]) => [id, name]));
  const name = (id: number | undefined) => (id === undefined ? "-" : (names.get(id) ?? `task ${id}`));
  const waitersByObject = new Map<number, number[]>();
  return records.map((event) => {
    const waiters = waitersByObject.get(event.objectId) ?? [];
    waitersByObject.set(event.objectId, waiters);
    updateWaiters(waiters, event);
    const parts = [`${name(event.taskId)} ${event.action}`];
    if (event.holder !== undefined) parts.push(`holder=${name(event.holder)}`);
    if (event.value !== undefined) parts.push(`value=${event.value}`);
    if (event.item !== undefined) parts.push(`item=${event.item}`);
    if (event.size !== undefined) parts.push(`size=${event.size}`);
    if (waiters.length > 0) parts.push(`waiters=[${waiters.map(name).join(",")}]`);
    return parts.join(" ");
  });
}

test("a contended Lock: A acquires, B joins the waiters, A releases, B acquires and holds it", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function worker(lock: asyncio.Lock) {
        await lock.acquire();
        await asyncio.sleep(0.1);
        lock.release();
      }
      async function main() {
        const lock = new asyncio.Lock();
        await asyncio.gather(asyncio.createTask(worker(lock), { name: "A" }), asyncio.createTask(worker(lock), { name: "B" }));
        print("done");
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "done\n");
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.deepEqual(describe(records, ids), [
    "A acquire holder=A",
    "B wait waiters=[B]",
    "A release waiters=[B]",
    "B acquire holder=B",
    "B release",
  ]);
  assert.ok(records.every((event) => event.kind === "lock" && event.objectId === records[0]?.objectId));
  // The same number as B's wait names, so a viewer joins them.
  const waits = events.flatMap((event) =>
    event.type === "task-state" && event.state === "waiting" && event.waitingOn?.kind === "lock" ? [event.waitingOn] : [],
  );
  assert.deepEqual(waits, [{ kind: "lock", objectId: records[0]?.objectId, label: `Lock #${records[0]?.objectId}` }]);
  // Each record names the step it happened in: A's release is in the step that then wakes B.
  const steps = events.filter((event) => event.type === "step");
  const release = records[2] as ResourceEvent;
  const bAcquires = records[3] as ResourceEvent;
  assert.equal(steps.find((step) => step.step === release.step)?.taskId, ids.get("A"));
  const bStep = steps.find((step) => step.step === bAcquires.step);
  assert.equal(bStep?.taskId, ids.get("B"));
  assert.equal(bStep?.scheduledBy, release.step, "B was woken by the step that released the lock");
});

test("a Semaphore(2) records its value after each acquire and release, and its waiter", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function worker(sem: asyncio.Semaphore) {
        await sem.acquire();
        await asyncio.sleep(0.1);
        sem.release();
      }
      async function main() {
        const sem = new asyncio.Semaphore(2);
        const names = ["A", "B", "C"];
        await asyncio.gather(...names.map((name) => asyncio.createTask(worker(sem), { name })));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.ok(records.every((event) => event.kind === "semaphore"));
  assert.deepEqual(describe(records, ids), [
    "A acquire value=1",
    "B acquire value=0",
    "C wait value=0 waiters=[C]",
    // A's release hands its permit straight to C, first in line: the value stays 0.
    "A release value=0 waiters=[C]",
    "B release value=1 waiters=[C]",
    "C acquire value=1",
    "C release value=2",
  ]);
});

test("a bounded Queue(1) records puts and gets with the item and the size, and the waiting putter", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function producer(queue: asyncio.Queue) {
        for (const item of ["one", "two"]) await queue.put(item);
      }
      async function consumer(queue: asyncio.Queue) {
        await asyncio.sleep(0.1);
        for (let i = 0; i < 2; i++) {
          print("got", await queue.get());
          queue.taskDone();
        }
      }
      async function main() {
        const queue = new asyncio.Queue(1);
        await asyncio.gather(asyncio.createTask(producer(queue), { name: "P" }), asyncio.createTask(consumer(queue), { name: "C" }));
        await queue.join();
        queue.shutdown();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "got one\ngot two\n");
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.ok(records.every((event) => event.kind === "queue" && event.objectId === records[0]?.objectId));
  assert.deepEqual(describe(records, ids), [
    "P put item='one' size=1",
    "P wait waiters=[P]",
    "C get item='one' size=0 waiters=[P]",
    "C task-done value=0 waiters=[P]",
    // C comes back for the next item before P, woken, has run: both wait, P first.
    "C wait waiters=[P,C]",
    "P put item='two' size=1 waiters=[C]",
    "C get item='two' size=0",
    "C task-done value=0",
    "Task-1 shutdown size=0",
  ]);
  const waits = events.flatMap((event) =>
    event.type === "task-state" && event.state === "waiting" && event.waitingOn?.kind === "queue" ? [event.waitingOn] : [],
  );
  assert.deepEqual(
    waits.map((target) => target?.kind === "queue" && target.label),
    [`Queue #${records[0]?.objectId} put`, `Queue #${records[0]?.objectId} get`],
  );
});

test("a queue item's repr is cut to 200 characters", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue();
        queue.putNowait("x".repeat(1000));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const [put] = resourcesOf(events);
  assert.equal(put?.item?.length, 200);
  assert.ok(put?.item?.endsWith("..."));
});

test("an Event's set wakes its waiters, who leave in the order they came; clear is recorded", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function waiter(event: asyncio.Event) {
        await event.wait();
      }
      async function main() {
        const event = new asyncio.Event();
        const tasks = ["A", "B"].map((name) => asyncio.createTask(waiter(event), { name }));
        await asyncio.sleep(0);
        event.set();
        await asyncio.gather(...tasks);
        event.clear();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.ok(records.every((event) => event.kind === "event"));
  assert.deepEqual(describe(records, ids), [
    "A wait waiters=[A]",
    "B wait waiters=[A,B]",
    "Task-1 set waiters=[A,B]",
    "A leave waiters=[B]",
    "B leave",
    "Task-1 clear",
  ]);
  // Each waiter's step after the set was scheduled by the step of the set.
  const set = records[2] as ResourceEvent;
  const steps = events.filter((event) => event.type === "step");
  for (const leave of records.slice(3, 5)) {
    assert.equal(steps.find((step) => step.step === leave.step)?.scheduledBy, set.step);
  }
});

test("a Condition records wait and notify, and its own lock's acquire and release under its number", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function waiter(cond: asyncio.Condition) {
        await cond.acquire();
        await cond.wait();
        cond.release();
      }
      async function main() {
        const cond = new asyncio.Condition();
        const task = asyncio.createTask(waiter(cond), { name: "W" });
        await asyncio.sleep(0);
        await cond.acquire();
        cond.notify();
        cond.release();
        await task;
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.ok(records.every((event) => event.kind === "condition" && event.objectId === records[0]?.objectId));
  assert.deepEqual(describe(records, ids), [
    "W acquire holder=W",
    "W release",
    "W wait waiters=[W]",
    "Task-1 acquire holder=Task-1 waiters=[W]",
    "Task-1 notify value=1 waiters=[W]",
    "Task-1 release waiters=[W]",
    "W leave",
    "W acquire holder=W",
    "W release",
  ]);
});

test("a Barrier records arrivals, the last one tripping it, its leavers, an abort and a reset", async () => {
  const { events, error, stdout } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function party(barrier: asyncio.Barrier) {
        await barrier.wait();
      }
      async function main() {
        const barrier = new asyncio.Barrier(2);
        await asyncio.gather(asyncio.createTask(party(barrier), { name: "A" }), asyncio.createTask(party(barrier), { name: "B" }));
        const late = asyncio.createTask(party(barrier), { name: "L" });
        await asyncio.sleep(0);
        await barrier.abort();
        const [outcome] = await asyncio.gather(late, { returnExceptions: true });
        print(outcome.constructor.name);
        await barrier.reset();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "BrokenBarrierError\n");
  const ids = idsOf(events);
  const records = resourcesOf(events);
  assert.ok(records.every((event) => event.kind === "barrier" && event.objectId === records[0]?.objectId));
  assert.deepEqual(describe(records, ids), [
    "A arrive value=1 waiters=[A]",
    "B trip value=2 waiters=[A]",
    "A leave",
    "L arrive value=1 waiters=[L]",
    "Task-1 abort waiters=[L]",
    "L leave",
    "Task-1 reset",
  ]);
});

test("a cancelled waiter leaves the line without the lock", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        await lock.acquire();
        const waiting = asyncio.createTask(lock.acquire(), { name: "W" });
        await asyncio.sleep(0);
        waiting.cancel();
        await asyncio.gather(waiting, { returnExceptions: true });
        lock.release();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const ids = idsOf(events);
  assert.deepEqual(describe(resourcesOf(events), ids), ["Task-1 acquire holder=Task-1", "W wait waiters=[W]", "W leave", "Task-1 release"]);
});

test("without a listener nothing is recorded and the primitives hold no instrument", async () => {
  const { stdout, error, events } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const lock = new asyncio.Lock();
        const queue = new asyncio.Queue();
        print(lock.recorder === null, queue.recorder === null);
      }
      asyncio.run(main());
    `,
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "True True\n");
  assert.deepEqual(events, []);
});
