// Queue, LifoQueue and PriorityQueue (CPython Lib/test/test_asyncio/test_queues.py). Each
// expected output was printed by the same program in Python, run against CPython 3.13's
// queues.py (shutdown and QueueShutDown are 3.13).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput, lines } from "./run-ok.js";

test("Queue repr shows maxsize, items, getters, putters and unfinished tasks (test_queues.QueueBasicTests.test_repr)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let q = new asyncio.Queue();
        print(q);
        const getter = asyncio.createTask(q.get());
        await asyncio.sleep(0);
        print(q);
        q.putNowait(0);
        print(await getter);
        q = new asyncio.Queue({ maxsize: 1 });
        q.putNowait(1);
        const putter = asyncio.createTask(q.put(2));
        await asyncio.sleep(0);
        print(q);
        q.getNowait();
        await asyncio.sleep(0);
        print(putter.done(), q);
        q = new asyncio.Queue();
        q.putNowait("a");
        q.putNowait([1, null]);
        print(q);
      }
      asyncio.run(main());
    `,
    lines(
      "<Queue maxsize=0>",
      "<Queue maxsize=0 _getters[1]>",
      "0",
      "<Queue maxsize=1 _queue=[1] _putters[1] tasks=1>",
      "True <Queue maxsize=1 _queue=[2] tasks=2>",
      "<Queue maxsize=0 _queue=['a', [1, None]] tasks=2>",
    ),
  );
});

test("empty(), full(), qsize() and maxsize follow puts and gets (test_queues.QueueBasicTests.test_empty)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let q = asyncio.Queue();
        print(q.empty(), q.full());
        await q.put(1);
        print(q.empty(), q.qsize());
        print(await q.get(), q.empty());
        q = asyncio.Queue(1);
        await q.put(1);
        print(q.full(), q.maxsize);
      }
      asyncio.run(main());
    `,
    lines("True False", "False 1", "1 True", "True 1"),
  );
});

test("Queue is FIFO, LifoQueue LIFO, PriorityQueue smallest first (test_queues.QueueBasicTests.test_order)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        for (const cls of [asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue]) {
          const q = new cls();
          for (const i of [1, 3, 2]) await q.put(i);
          const items = [];
          for (let n = 0; n < 3; n++) items.push(await q.get());
          print(cls.name, items);
        }
      }
      asyncio.run(main());
    `,
    lines("Queue [1, 3, 2]", "LifoQueue [2, 3, 1]", "PriorityQueue [1, 2, 3]"),
  );
});

test("put() blocks while the queue holds maxsize items (test_queues.QueueBasicTests.test_maxsize)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(2);
        print(q.maxsize);
        const haveBeenPut: number[] = [];
        async function putter() {
          for (let i = 0; i < 3; i++) {
            await q.put(i);
            haveBeenPut.push(i);
          }
          return true;
        }
        const t = asyncio.createTask(putter());
        for (let i = 0; i < 2; i++) await asyncio.sleep(0);
        print(haveBeenPut);
        print(await q.get());
        await asyncio.sleep(0);
        print(haveBeenPut);
        print(await q.get(), await q.get());
        print(t.done(), t.result());
      }
      asyncio.run(main());
    `,
    lines("2", "[0, 1]", "0", "[0, 1, 2]", "1 2", "True True"),
  );
});

test("get() waits until an item is put (test_queues.QueueGetTests.test_blocking_get_wait)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const q = new asyncio.Queue();
        const started = new asyncio.Event();
        let finished = false;
        async function queueGet() {
          started.set();
          const res = await q.get();
          finished = true;
          return res;
        }
        const t = asyncio.createTask(queueGet());
        await started.wait();
        print(finished);
        loop.callLater(0.01, (item) => q.put_nowait(item), 1);
        const res = await t;
        print(finished, res, loop.time());
      }
      asyncio.run(main());
    `,
    lines("False", "True 1 0.01"),
  );
});

test("getNowait() on an empty queue raises QueueEmpty, putNowait() on a full one QueueFull (test_queues.QueueGetTests.test_nonblocking_get_exception)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let q = new asyncio.Queue();
        try {
          q.getNowait();
        } catch (e) {
          print([e], e instanceof asyncio.QueueEmpty);
        }
        q = new asyncio.Queue(1);
        q.put_nowait(1);
        try {
          q.put_nowait(2);
        } catch (e) {
          print([e], e instanceof asyncio.QueueFull);
        }
        print(q.get_nowait());
      }
      asyncio.run(main());
    `,
    lines("[QueueEmpty()] True", "[QueueFull()] True", "1"),
  );
});

test("an item put after a getter is cancelled goes to the next getter (test_queues.QueueGetTests.test_get_cancelled_race)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        const t1 = asyncio.createTask(q.get());
        const t2 = asyncio.createTask(q.get());
        await asyncio.sleep(0);
        t1.cancel();
        await asyncio.sleep(0);
        print(t1.done());
        await q.put("a");
        await asyncio.sleep(0);
        print(await t2);
      }
      asyncio.run(main());
    `,
    lines("True", "a"),
  );
});

test("getting from a full queue lets blocked putters in, in order (test_queues.QueueGetTests.test_get_with_waiting_putters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(1);
        asyncio.createTask(q.put("a"));
        asyncio.createTask(q.put("b"));
        print(await q.get(), await q.get());
      }
      asyncio.run(main());
    `,
    lines("a b"),
  );
});

test("a producer and a consumer hand items through a queue of one (test_queues.QueueGetTests.test_why_are_getters_waiting)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const got: number[] = [];
        async function consumer(queue, numExpected: number) {
          for (let i = 0; i < numExpected; i++) got.push(await queue.get());
        }
        async function producer(queue, numItems: number) {
          for (let i = 0; i < numItems; i++) await queue.put(i);
        }
        const q = new asyncio.Queue(1);
        await asyncio.gather(producer(q, 5), consumer(q, 5));
        print(got, q);
      }
      asyncio.run(main());
    `,
    lines("[0, 1, 2, 3, 4] <Queue maxsize=1 tasks=5>"),
  );
});

test("a getter cancelled after being woken takes no item (test_queues.QueuePutTests.test_get_cancel_drop_one_pending_reader)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        let reader = asyncio.createTask(q.get());
        await asyncio.sleep(0);
        q.putNowait(1);
        q.putNowait(2);
        reader.cancel();
        try {
          await reader;
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
          print("reader cancelled");
          reader = asyncio.createTask(q.get());
          await reader;
        }
        print(reader.result(), q.qsize());
      }
      asyncio.run(main());
    `,
    lines("reader cancelled", "1 1"),
  );
});

test("a cancelled woken getter passes its item to the next getter (test_queues.QueuePutTests.test_get_cancel_drop_many_pending_readers)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        const reader1 = asyncio.createTask(q.get());
        const reader2 = asyncio.createTask(q.get());
        const reader3 = asyncio.createTask(q.get());
        await asyncio.sleep(0);
        q.putNowait(1);
        q.putNowait(2);
        reader1.cancel();
        try {
          await reader1;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("reader1 cancelled");
        }
        await reader3;
        print([reader2.result(), reader3.result()].sort(), q);
      }
      asyncio.run(main());
    `,
    lines("reader1 cancelled", "[1, 2] <Queue maxsize=0 tasks=2>"),
  );
});

test("a putter cancelled after being woken adds nothing (test_queues.QueuePutTests.test_put_cancel_drop)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(1);
        q.putNowait(1);
        let writer = asyncio.createTask(q.put(2));
        await asyncio.sleep(0);
        print(q.getNowait());
        writer.cancel();
        try {
          await writer;
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
          print("writer cancelled");
          writer = asyncio.createTask(q.put(2));
          await writer;
        }
        print(q.getNowait(), q.qsize());
      }
      asyncio.run(main());
    `,
    lines("1", "writer cancelled", "2 0"),
  );
});

test("a fractional maxsize rounds the capacity up (test_queues.QueuePutTests.test_float_maxsize)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let q = new asyncio.Queue({ maxsize: 1.3 });
        q.putNowait(1);
        q.putNowait(2);
        print(q.full());
        try {
          q.putNowait(3);
        } catch (e) {
          print([e]);
        }
        q = new asyncio.Queue(1.3);
        await q.put(1);
        await q.put(2);
        print(q.full(), q);
      }
      asyncio.run(main());
    `,
    lines("True", "[QueueFull()]", "True <Queue maxsize=1.3 _queue=[1, 2] tasks=2>"),
  );
});

test("a cancelled putter does not block the putters behind it (test_queues.QueuePutTests.test_put_cancelled_race)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(1);
        const putA = asyncio.createTask(q.put("a"));
        const putB = asyncio.createTask(q.put("b"));
        const putC = asyncio.createTask(q.put("X"));
        await asyncio.sleep(0);
        print(putA.done(), putB.done());
        putC.cancel();
        await asyncio.sleep(0);
        print(putC.done());
        print(q.getNowait());
        await asyncio.sleep(0);
        print(q.getNowait());
        await putB;
        print(q);
      }
      asyncio.run(main());
    `,
    lines("True False", "True", "a", "b", "<Queue maxsize=1 tasks=2>"),
  );
});

test("a putter woken by a get and then cancelled passes the free slot to the next putter", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(1);
        q.putNowait("a");
        const p1 = asyncio.createTask(q.put("b"));
        const p2 = asyncio.createTask(q.put("c"));
        await asyncio.sleep(0);
        print(q.getNowait(), q);
        p1.cancel();
        await asyncio.sleep(0);
        print(p1.cancelled(), p2.done(), q);
        await asyncio.sleep(0);
        print(p2.done(), q);
      }
      asyncio.run(main());
    `,
    lines("a <Queue maxsize=1 _putters[1] tasks=1>", "True False <Queue maxsize=1 tasks=1>", "True <Queue maxsize=1 _queue=['c'] tasks=2>"),
  );
});

test("put() hands the item to a waiting getter (test_queues.QueuePutTests.test_put_with_waiting_getters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        const t = asyncio.createTask(q.get());
        await asyncio.sleep(0);
        await q.put("a");
        print(await t);
      }
      asyncio.run(main());
    `,
    lines("a"),
  );
});

test("blocked putters fill the slots that getNowait() frees (test_queues.QueuePutTests.test_why_are_putters_waiting)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue(2);
        const got: number[] = [];
        async function putter(item: number) {
          await queue.put(item);
        }
        async function getter() {
          await asyncio.sleep(0);
          const num = queue.qsize();
          for (let i = 0; i < num; i++) got.push(queue.getNowait());
        }
        await asyncio.gather(getter(), putter(0), putter(1), putter(2), putter(3));
        print(got, queue);
      }
      asyncio.run(main());
    `,
    lines("[0, 1] <Queue maxsize=2 _queue=[2, 3] tasks=4>"),
  );
});

test("a cancelled put() leaves no putter behind (test_queues.QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue(1);
        queue.putNowait(1);
        const putTask = asyncio.createTask(queue.put(1));
        await asyncio.sleep(0);
        print(queue);
        putTask.cancel();
        try {
          await putTask;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(queue);
      }
      asyncio.run(main());
    `,
    lines("<Queue maxsize=1 _queue=[1] _putters[1] tasks=1>", "cancelled", "<Queue maxsize=1 _queue=[1] tasks=1>"),
  );
});

test("cancelling a putter already woken by getNowait() raises only CancelledError (test_queues.QueuePutTests.test_cancelled_put_silence_value_error_exception)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue(1);
        queue.putNowait(1);
        const putTask = asyncio.createTask(queue.put(2));
        await asyncio.sleep(0);
        queue.getNowait();
        putTask.cancel();
        try {
          await putTask;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) print("cancelled");
        }
        print(queue);
      }
      asyncio.run(main());
    `,
    lines("cancelled", "<Queue maxsize=1 tasks=1>"),
  );
});

test("a get() cancelled on the clock leaves no getter behind (test_queues.QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const queue = new asyncio.Queue(5);
        const t = asyncio.createTask(queue.get());
        await asyncio.sleep(0.1);
        t.cancel();
        await asyncio.sleep(0);
        print(t.cancelled(), queue);
      }
      asyncio.run(main());
    `,
    lines("True <Queue maxsize=5>"),
  );
});

test("PriorityQueue compares arrays like tuples, strings by code point, and refuses mixed types", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      const q = new asyncio.PriorityQueue();
      for (const item of [[2, "b"], [1, "z"], [1, "a"], [3, ""], [2, "a", 0], [0]]) q.putNowait(item);
      print(q.qsize());
      print([0, 1, 2, 3, 4, 5].map(() => q.getNowait()));
      for (const item of ["b", "a", "B"]) q.put_nowait(item);
      print([q.getNowait(), q.getNowait(), q.getNowait()]);
      q.putNowait(1);
      try {
        q.putNowait("x");
      } catch (e) {
        print([e]);
      }
      print(q.qsize());
    `,
    lines(
      "6",
      "[[0], [1, 'a'], [1, 'z'], [2, 'a', 0], [2, 'b'], [3, '']]",
      "['B', 'a', 'b']",
      `[TypeError("'<' not supported between instances of 'str' and 'int'")]`,
      "2",
    ),
  );
});

test("task_done() more often than items were put raises ValueError (test_queues._QueueJoinTestMixin.test_task_done_underflow)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      for (const cls of [asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue]) {
        try {
          cls().task_done();
        } catch (e) {
          print([e]);
        }
      }
    `,
    lines(...Array(3).fill("[ValueError('task_done() called too many times')]")),
  );
});

test("join() returns once every item got has been marked done (test_queues._QueueJoinTestMixin.test_task_done)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        for (let i = 0; i < 100; i++) q.putNowait(i);
        let accumulator = 0;
        let running = true;
        async function worker() {
          while (running) {
            accumulator += await q.get();
            q.taskDone();
          }
        }
        const tasks = [asyncio.createTask(worker()), asyncio.createTask(worker())];
        await q.join();
        print(accumulator);
        running = false;
        for (const _ of tasks) q.putNowait(0);
        await asyncio.gather(...tasks);
        print(q);
      }
      asyncio.run(main());
    `,
    lines("4950", "<Queue maxsize=0>"),
  );
});

test("join() on a queue with nothing unfinished returns at once (test_queues._QueueJoinTestMixin.test_join_empty_queue)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        await q.join();
        await q.join();
        print("joined", asyncio.getRunningLoop().time());
      }
      asyncio.run(main());
    `,
    lines("joined 0"),
  );
});

test("repr counts unfinished tasks and marks a shut-down queue (test_queues._QueueShutdownTestMixin.test_format)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      const q = new asyncio.Queue();
      print(q);
      q.putNowait(1);
      q.putNowait(2);
      q.getNowait();
      print(q);
      q.shutdown();
      print(q);
    `,
    lines("<Queue maxsize=0>", "<Queue maxsize=0 _queue=[2] tasks=2>", "<Queue maxsize=0 _queue=[2] tasks=2 shutdown>"),
  );
});

test("shutdown() of an empty queue wakes blocked getters with QueueShutDown (test_queues._QueueShutdownTestMixin.test_shutdown_empty)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        for (const cls of [asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue]) {
          const q = new cls();
          const getTask = asyncio.createTask(q.get());
          await asyncio.sleep(0);
          q.shutdown({ immediate: false });
          print(q.qsize());
          await q.join();
          await asyncio.sleep(0);
          print(getTask.done());
          try {
            await getTask;
          } catch (e) {
            print("get", [e]);
          }
          for (const op of [() => q.put("data"), () => q.get()]) {
            try {
              await op();
            } catch (e) {
              print([e]);
            }
          }
          for (const op of [() => q.putNowait("data"), () => q.getNowait()]) {
            try {
              op();
            } catch (e) {
              print([e]);
            }
          }
        }
      }
      asyncio.run(main());
    `,
    lines(
      ...Array(3)
        .fill(["0", "True", "get [QueueShutDown()]", ...Array(4).fill("[QueueShutDown()]")])
        .flat(),
    ),
  );
});

test("after shutdown() gets drain what is left, then raise; blocked putters raise (test_queues._QueueShutdownTestMixin.test_shutdown_nonempty)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue(1);
        q.putNowait("data");
        const joinTask = asyncio.createTask(q.join());
        const putTask = asyncio.createTask(q.put("data2"));
        await asyncio.sleep(0);
        print(putTask.done());
        q.shutdown();
        print(q.qsize());
        await asyncio.sleep(0);
        print(putTask.done());
        try {
          await putTask;
        } catch (e) {
          if (e instanceof asyncio.QueueShutDown) print("put raised QueueShutDown");
        }
        print(await q.get());
        await asyncio.sleep(0);
        print(joinTask.done());
        try {
          await q.get();
        } catch (e) {
          if (e instanceof asyncio.QueueShutDown) print("get raised QueueShutDown");
        }
        q.taskDone();
        await asyncio.sleep(0);
        print(joinTask.done(), await joinTask);
        try {
          q.taskDone();
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines(
      "False",
      "1",
      "True",
      "put raised QueueShutDown",
      "data",
      "False",
      "get raised QueueShutDown",
      "True None",
      "[ValueError('task_done() called too many times')]",
    ),
  );
});

test("shutdown(immediate) drops the items, counts them done and releases join() (test_queues._QueueShutdownTestMixin.test_shutdown_immediate)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.LifoQueue();
        q.putNowait("data");
        const joinTask = asyncio.createTask(q.join());
        await asyncio.sleep(0);
        print(joinTask.done());
        q.shutdown(true);
        print(q.qsize());
        await asyncio.sleep(0);
        print(joinTask.done());
        await joinTask;
        try {
          q.getNowait();
        } catch (e) {
          if (e instanceof asyncio.QueueShutDown) print("get_nowait raised QueueShutDown");
        }
        try {
          q.taskDone();
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    lines("False", "0", "True", "get_nowait raised QueueShutDown", "[ValueError('task_done() called too many times')]"),
  );
});

test("shutdown(immediate) keeps items already got unfinished (test_queues._QueueShutdownTestMixin.test_shutdown_immediate_with_unfinished)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.PriorityQueue();
        q.putNowait("data");
        q.putNowait("data");
        const joinTask = asyncio.createTask(q.join());
        print(await q.get());
        q.shutdown({ immediate: true });
        print(q.qsize());
        await asyncio.sleep(0);
        print(joinTask.done(), q);
        q.task_done();
        try {
          q.task_done();
        } catch (e) {
          print([e]);
        }
        await asyncio.sleep(0);
        print(joinTask.done());
      }
      asyncio.run(main());
    `,
    lines("data", "0", "False <PriorityQueue maxsize=0 tasks=1 shutdown>", "[ValueError('task_done() called too many times')]", "True"),
  );
});

test("consumers blocked in get() finish the last item, then stop at QueueShutDown", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const q = new asyncio.Queue();
        const got: string[] = [];
        async function consumer(name: string) {
          for (;;) {
            let item;
            try {
              item = await q.get();
            } catch (e) {
              if (!(e instanceof asyncio.QueueShutDown)) throw e;
              got.push(name + " stops");
              return;
            }
            got.push(name + " got " + item);
          }
        }
        const tasks = ["a", "b", "c"].map((name) => asyncio.createTask(consumer(name)));
        await asyncio.sleep(0);
        q.putNowait(1);
        q.shutdown();
        await asyncio.gather(...tasks);
        print(got);
      }
      asyncio.run(main());
    `,
    lines("['a got 1', 'a stops', 'b stops', 'c stops']"),
  );
});

test("tasks blocked in get(), put() and join() are reported waiting on the queue", async () => {
  const { error, events } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const empty = new asyncio.Queue();
        const full = new asyncio.PriorityQueue(1);
        full.putNowait(0);
        const tasks = [asyncio.createTask(empty.get()), asyncio.createTask(full.put(1)), asyncio.createTask(full.join())];
        await asyncio.sleep(0);
        for (const task of tasks) task.cancel();
        await asyncio.gather(...tasks, { returnExceptions: true });
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const waits = events.flatMap((event) =>
    event.type === "task-state" && event.state === "waiting" && event.waitingOn?.kind === "queue" ? [event.waitingOn] : [],
  );
  // Objects are numbered as they are made, with a listener or without (wait-subject.ts).
  assert.deepEqual(waits, [
    { kind: "queue", objectId: 1, label: "Queue #1 get" },
    { kind: "queue", objectId: 2, label: "PriorityQueue #2 put" },
    { kind: "queue", objectId: 2, label: "PriorityQueue #2 join" },
  ]);
});

test("an awaited put or get calls the full, empty, putNowait and getNowait a subclass overrides, as CPython's put() and get() do", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      class Logged extends asyncio.Queue {
        full() { print("full?"); return super.full(); }
        empty() { print("empty?"); return super.empty(); }
        putNowait(item: unknown) { print("put", item); super.putNowait(item); }
        getNowait() { const item = super.getNowait(); print("got", item); return item; }
      }
      async function main() {
        const queue = new Logged(1);
        await queue.put("a");
        print(await queue.get());
      }
      asyncio.run(main());
    `,
    // CPython 3.13 prints the same: put() asks full(), then put_nowait() asks it again.
    lines("full?", "put a", "full?", "empty?", "empty?", "got a", "a"),
  );
});
