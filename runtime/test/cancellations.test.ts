// Cancellation records (issue 12, item 4): who asked for each cancellation (code or a
// mechanism: a TaskGroup, timeout(), gather, waitFor, asyncio.run's shutdown), the step that
// delivered it, and whether the task swallowed it or a mechanism took it back; what a shield
// stopped. Runs in Node and again inside QuickJS (sandbox/test/conformance.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CancelEvent, RuntimeEvent, StepEvent } from "../src/index.js";
import { runSnippet, ts } from "./harness.js";

function cancelsOf(events: RuntimeEvent[]): CancelEvent[] {
  return events.filter((event): event is CancelEvent => event.type === "cancel");
}

/** Task names by id, from the spawn events. */
function namesOf(events: RuntimeEvent[]): Map<number, string> {
  return new Map(events.flatMap((event) => (event.type === "task-spawned" ? [[event.taskId, event.name] as const] : [])));
}

/** "requested B by task-group(A) cancelling=1": a record in names, with only the fields it has. */
function describe(event: CancelEvent, names: Map<number, string>): string {
  const name = (id: number) => names.get(id) ?? `task ${id}`;
  const parts = [`${event.action} ${name(event.taskId)}`];
  if (event.by !== undefined) parts.push(`by ${event.by}${event.byTaskId === undefined ? "" : `(${name(event.byTaskId)})`}`);
  else if (event.byTaskId !== undefined) parts.push(`of ${name(event.byTaskId)}`);
  if (event.message !== undefined) parts.push(`message=${event.message}`);
  if (event.cancelling !== undefined) parts.push(`cancelling=${event.cancelling}`);
  return parts.join(" ");
}

/** The step event numbered `step`. */
function stepNumbered(events: RuntimeEvent[], step: number): StepEvent | undefined {
  return events.find((event): event is StepEvent => event.type === "step" && event.step === step);
}

/** Each delivered record names a step of its own task that the step event marks cancelled. */
function assertDeliveriesMatchSteps(events: RuntimeEvent[]): void {
  for (const event of cancelsOf(events)) {
    if (event.action !== "delivered") continue;
    const step = stepNumbered(events, event.step);
    assert.equal(step?.taskId, event.taskId, `delivery at step ${event.step}`);
    assert.equal(step?.cancelled, true, `delivery at step ${event.step}`);
  }
}

test("a TaskGroup child's failure: the record names it as the cause of its siblings' and the body's cancellation, and the group's uncancel", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function fail() { await asyncio.sleep(0.1); throw new ValueError("boom"); }
      async function slow() { await asyncio.sleep(10); }
      async function main() {
        try {
          await asyncio.asyncWith(new asyncio.TaskGroup(), async (group) => {
            group.createTask(fail(), { name: "bad" });
            group.createTask(slow(), { name: "slow-1" });
            group.createTask(slow(), { name: "slow-2" });
            await asyncio.sleep(10);
          });
        } catch (e) { print(e.exceptions.length, asyncio.currentTask().cancelling()); }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "1 0\n");
  const names = namesOf(events);
  const records = cancelsOf(events);
  assert.deepEqual(
    records.map((event) => describe(event, names)),
    [
      "requested slow-1 by task-group(bad) cancelling=1",
      "requested slow-2 by task-group(bad) cancelling=1",
      "requested Task-1 by task-group(bad) cancelling=1",
      "delivered slow-1",
      "delivered slow-2",
      "delivered Task-1",
      "uncancelled Task-1 by task-group cancelling=0",
    ],
  );
  assertDeliveriesMatchSteps(events);
  // The three requests come from one step: the group's done-callback for bad, scheduled by bad's last step.
  const requestSteps = new Set(records.filter((event) => event.action === "requested").map((event) => event.step));
  assert.equal(requestSteps.size, 1);
  const callback = stepNumbered(events, [...requestSteps][0] ?? 0);
  assert.equal(callback?.taskId, undefined);
  assert.equal(names.get(stepNumbered(events, callback?.scheduledBy ?? 0)?.taskId ?? 0), "bad");
});

test("timeout() expiring: the timer's step requests the cancellation, and the timeout's exit takes it back", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        try {
          await asyncio.asyncWith(asyncio.timeout(0.1), async () => { await asyncio.sleep(10); });
        } catch (e) { print([e], asyncio.currentTask().cancelling()); }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "[TimeoutError()] 0\n");
  const names = namesOf(events);
  const records = cancelsOf(events);
  assert.deepEqual(
    records.map((event) => describe(event, names)),
    ["requested Task-1 by timeout cancelling=1", "delivered Task-1", "uncancelled Task-1 by timeout cancelling=0"],
  );
  assertDeliveriesMatchSteps(events);
  // Requested from the timer's callback at the deadline, not from a task.
  const request = stepNumbered(events, records[0]?.step ?? 0);
  assert.deepEqual([request?.taskId, request?.timer, request?.time], [undefined, true, 0.1]);
});

test("a cancelled gather: the record names the gather, and the task whose cancellation reached it, as its children's requester", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function slow() { await asyncio.sleep(10); }
      async function main() {
        const a = asyncio.createTask(slow(), { name: "A" });
        const b = asyncio.createTask(slow(), { name: "B" });
        const waiter = asyncio.createTask((async () => { await asyncio.gather(a, b); })(), { name: "waiter" });
        await asyncio.sleep(0.1);
        waiter.cancel("enough");
        try { await waiter; } catch (e) { print([e], a.cancelled(), b.cancelled()); }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "[CancelledError('enough')] True True\n");
  const names = namesOf(events);
  assert.deepEqual(
    cancelsOf(events).map((event) => describe(event, names)),
    [
      "requested waiter by task(Task-1) message=enough cancelling=1",
      "requested A by gather(waiter) message=enough cancelling=1",
      "requested B by gather(waiter) message=enough cancelling=1",
      "delivered A",
      "delivered B",
      "delivered waiter",
    ],
  );
  assertDeliveriesMatchSteps(events);
});

test("a gather child cancelled on its own: the gather's awaiter gets a CancelledError it was not asked for, and no record says it was", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function slow() { await asyncio.sleep(10); }
      async function main() {
        const a = asyncio.createTask(slow(), { name: "A" });
        const b = asyncio.createTask(slow(), { name: "B" });
        const waiter = asyncio.createTask((async () => { await asyncio.gather(a, b); })(), { name: "waiter" });
        await asyncio.sleep(0.1);
        b.cancel();
        try { await waiter; } catch (e) { print([e], a.cancelled(), waiter.cancelling()); }
        a.cancel();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "[CancelledError()] False 0\n");
  const names = namesOf(events);
  assert.deepEqual(
    cancelsOf(events).map((event) => describe(event, names)),
    ["requested B by task(Task-1) cancelling=1", "delivered B", "requested A by task(Task-1) cancelling=1", "delivered A"],
  );
  // The waiter's step still says a cancellation reached it.
  const waiterId = [...names].find(([, name]) => name === "waiter")?.[0];
  assert.ok(events.some((event) => event.type === "step" && event.taskId === waiterId && event.cancelled === true));
  assertDeliveriesMatchSteps(events);
});

test("waitFor timing out: the record names waitFor as the requester, the awaited task's cancellation passed on by the caller, and waitFor's uncancel", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function slow() { await asyncio.sleep(10); }
      async function main() {
        const inner = asyncio.createTask(slow(), { name: "inner" });
        try { await asyncio.waitFor(inner, 0.1); } catch (e) { print([e], inner.cancelled()); }
        const atOnce = asyncio.createTask(slow(), { name: "at-once" });
        try { await asyncio.waitFor(atOnce, 0); } catch (e) { print([e], atOnce.cancelled()); }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "[TimeoutError()] True\n[TimeoutError()] True\n");
  const names = namesOf(events);
  assert.deepEqual(
    cancelsOf(events).map((event) => describe(event, names)),
    [
      "requested Task-1 by wait-for cancelling=1",
      "requested inner by await(Task-1) cancelling=1",
      "delivered inner",
      "delivered Task-1",
      "uncancelled Task-1 by wait-for cancelling=0",
      // A timeout of 0 cancels at once, from the caller's own step.
      "requested at-once by wait-for(Task-1) cancelling=1",
      "delivered at-once",
    ],
  );
  assertDeliveriesMatchSteps(events);
});

test("shield: the waiting task's cancellation stops at the shield, which the record says, and the shielded task goes on", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function work() { await asyncio.sleep(1); return "finished"; }
      async function main() {
        const inner = asyncio.createTask(work(), { name: "inner" });
        const waiter = asyncio.createTask((async () => await asyncio.shield(inner))(), { name: "waiter" });
        await asyncio.sleep(0.1);
        waiter.cancel();
        try { await waiter; } catch (e) { print([e]); }
        print(await inner);
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "[CancelledError()]\nfinished\n");
  const names = namesOf(events);
  assert.deepEqual(
    cancelsOf(events).map((event) => describe(event, names)),
    ["requested waiter by task(Task-1) cancelling=1", "shielded inner of waiter", "delivered waiter"],
  );
  assertDeliveriesMatchSteps(events);
});

test("asyncio.run's shutdown: the record names it as the requester of the leftover tasks' cancellation", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function slow() { await asyncio.sleep(10); }
      async function main() {
        asyncio.createTask(slow(), { name: "leftover" });
        await asyncio.sleep(0.1);
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const names = namesOf(events);
  assert.deepEqual(
    cancelsOf(events).map((event) => describe(event, names)),
    ["requested leftover by shutdown cancelling=1", "delivered leftover"],
  );
  // Requested after the main task ended, outside any step.
  assert.equal(cancelsOf(events)[0]?.step, 0);
  assertDeliveriesMatchSteps(events);
});

test("a task that catches its CancelledError and goes on swallowed it; one that awaits in a finally and re-raises did not", async () => {
  const { events, stdout, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function stubborn() {
        try { await asyncio.sleep(10); } catch (e) { if (e instanceof asyncio.CancelledError) print("caught"); }
        await asyncio.sleep(0.1);
        return "went on";
      }
      async function tidy() {
        try { await asyncio.sleep(10); } finally { await asyncio.sleep(0.1); print("tidied"); }
      }
      async function main() {
        const s = asyncio.createTask(stubborn(), { name: "stubborn" });
        const t = asyncio.createTask(tidy(), { name: "tidy" });
        await asyncio.sleep(0.1);
        s.cancel();
        t.cancel();
        print(await s);
        try { await t; } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "caught\ntidied\nwent on\n[CancelledError()]\n");
  const names = namesOf(events);
  const records = cancelsOf(events);
  assert.deepEqual(
    records.map((event) => describe(event, names)),
    [
      "requested stubborn by task(Task-1) cancelling=1",
      "requested tidy by task(Task-1) cancelling=1",
      "delivered stubborn",
      "delivered tidy",
      "swallowed stubborn",
    ],
  );
  assertDeliveriesMatchSteps(events);
  // The record names the step that delivered what it swallowed, and comes at its last step.
  const ids = new Map([...names].map(([id, name]) => [name, id]));
  const delivered = records.find((event) => event.action === "delivered" && event.taskId === ids.get("stubborn"));
  const swallowed = records.find((event) => event.action === "swallowed");
  assert.equal(swallowed?.deliveredAt, delivered?.step);
  assert.equal(stepNumbered(events, swallowed?.step ?? 0)?.taskId, ids.get("stubborn"));
  assert.ok((swallowed?.step ?? 0) > (delivered?.step ?? 0));
});
