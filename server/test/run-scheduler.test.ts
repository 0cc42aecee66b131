// The fair run scheduler on its own: at most `capacity` runs at once, a free slot to the waiting
// client with the fewest runs going, per-client queue caps, withdrawal of waiting runs.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RunScheduler, type RunTicket } from "../src/run-scheduler.js";

/** Which of `tickets` have been admitted so far (after the microtasks that admit them ran). */
async function admitted(tickets: RunTicket[]): Promise<boolean[]> {
  const states = tickets.map(() => false);
  tickets.forEach((ticket, index) => {
    ticket.admitted.then((value) => (states[index] = value));
  });
  await new Promise((resolve) => setImmediate(resolve));
  return states;
}

describe("run scheduler", () => {
  test("admits up to its capacity at once; the rest wait until a slot is freed", async () => {
    const scheduler = new RunScheduler(4, 10);
    const tickets = ["a", "b", "c", "d", "e"].map((client) => scheduler.enqueue(client)!);
    assert.deepEqual(await admitted(tickets), [true, true, true, true, false]);
    assert.equal(scheduler.queuedFor("e"), 1);
    tickets[0]!.release();
    assert.deepEqual(await admitted(tickets), [true, true, true, true, true]);
    assert.equal(scheduler.runningCount, 4);
  });

  test("the last free slot is kept for a client with no run going", async () => {
    const scheduler = new RunScheduler(3, 10);
    const flood = Array.from({ length: 5 }, () => scheduler.enqueue("flood")!);
    assert.deepEqual(await admitted(flood), [true, true, false, false, false], "one client alone takes all but the last slot");
    const newcomer = scheduler.enqueue("newcomer")!;
    assert.equal((await admitted([newcomer]))[0], true, "a newcomer starts at once, without waiting for the flood's runs");
    const second = scheduler.enqueue("newcomer")!;
    flood[0]!.release();
    assert.deepEqual(
      await admitted([flood[2]!, second]),
      [false, false],
      "the freed slot is the last one again: both clients have a run going",
    );
    newcomer.release();
    assert.deepEqual(await admitted([flood[2]!, second]), [false, true], "a slot that is not the last goes to the client with fewer going");
  });

  test("with one slot, a lone client still runs", async () => {
    const scheduler = new RunScheduler(1, 10);
    const tickets = [scheduler.enqueue("a")!, scheduler.enqueue("a")!];
    assert.deepEqual(await admitted(tickets), [true, false]);
  });

  test("a client's first run goes before another client's queue, however long", async () => {
    const scheduler = new RunScheduler(2, 100);
    const flood = Array.from({ length: 50 }, () => scheduler.enqueue("flood")!);
    const first = scheduler.enqueue("benign")!;
    assert.equal((await admitted([first]))[0], true, "the benign client took the slot kept for a newcomer");
    const second = scheduler.enqueue("benign")!;
    flood[0]!.release();
    assert.deepEqual(await admitted([flood[1]!, second]), [true, false], "the flood, with none going now, takes the freed slot");
    first.release();
    assert.deepEqual(await admitted([flood[1]!, second]), [true, true], "and the benign client the next");
    assert.equal(scheduler.queuedFor("flood"), 48);
  });

  test("clients with equal runs going take turns", async () => {
    const scheduler = new RunScheduler(1, 100);
    const order: string[] = [];
    let current = scheduler.enqueue("x")!;
    for (const client of ["a", "a", "a", "b", "b", "b"]) {
      const ticket = scheduler.enqueue(client)!;
      ticket.admitted.then(() => {
        order.push(client);
        current = ticket;
      });
    }
    for (let turn = 0; turn < 6; turn++) {
      current.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(order, ["a", "b", "a", "b", "a", "b"]);
  });

  test("a client's queue is capped; running runs do not count", async () => {
    const scheduler = new RunScheduler(1, 2);
    const running = scheduler.enqueue("a")!;
    assert.ok(scheduler.enqueue("a"));
    assert.ok(scheduler.enqueue("a"));
    assert.equal(scheduler.hasRoom("a"), false);
    assert.equal(scheduler.enqueue("a"), null);
    assert.equal(scheduler.hasRoom("b"), true, "another client has its own queue");
    running.release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(scheduler.hasRoom("a"), true);
  });

  test("a waiting run withdrawn leaves the queue and is never admitted; release is idempotent", async () => {
    const scheduler = new RunScheduler(1, 10);
    const running = scheduler.enqueue("a")!;
    const withdrawn = scheduler.enqueue("b")!;
    const next = scheduler.enqueue("c")!;
    withdrawn.release();
    assert.equal(await withdrawn.admitted, false);
    assert.equal(withdrawn.waiting, false);
    running.release();
    running.release();
    assert.equal(await next.admitted, true);
    assert.equal(scheduler.runningCount, 1);
  });
});
