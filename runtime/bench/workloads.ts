// The benchmark's workloads, each written once as a Looplab snippet and once as the CPython
// asyncio program it stands for. Both print the same line, which checks that the work was done
// and scheduled the way asyncio schedules it (alternation, FIFO order, mutual exclusion).

export interface Workload {
  id: string;
  title: string;
  typescript: string;
  python: string;
  /** What both programs print. */
  expected: string;
}

const pingPong: Workload = {
  id: "ping-pong",
  title: "2 tasks × 100k sleep(0)",
  typescript: `
import asyncio from "asyncio";
const ROUNDS = 100_000;
const state = { last: "", switches: 0 };
async function player(name: string) {
  for (let round = 0; round < ROUNDS; round++) {
    await asyncio.sleep(0);
    if (state.last !== name) state.switches++;
    state.last = name;
  }
}
async function main() {
  await asyncio.gather(player("ping"), player("pong"));
  print("switches", state.switches);
}
asyncio.run(main());
`,
  python: `
import asyncio
ROUNDS = 100_000
state = {"last": "", "switches": 0}
async def player(name):
    for _ in range(ROUNDS):
        await asyncio.sleep(0)
        if state["last"] != name:
            state["switches"] += 1
        state["last"] = name
async def main():
    await asyncio.gather(player("ping"), player("pong"))
    print("switches", state["switches"])
asyncio.run(main())
`,
  expected: "switches 200000",
};

const createAndGather: Workload = {
  id: "gather",
  title: "100k tasks created, gathered",
  typescript: `
import asyncio from "asyncio";
const TASKS = 100_000;
async function child(index: number) {
  return index;
}
async function main() {
  const tasks = [];
  for (let index = 0; index < TASKS; index++) tasks.push(asyncio.createTask(child(index)));
  const results = await asyncio.gather(...tasks);
  let total = 0;
  for (const result of results) total += result;
  print("sum", total);
}
asyncio.run(main());
`,
  python: `
import asyncio
TASKS = 100_000
async def child(index):
    return index
async def main():
    tasks = [asyncio.create_task(child(index)) for index in range(TASKS)]
    results = await asyncio.gather(*tasks)
    print("sum", sum(results))
asyncio.run(main())
`,
  expected: "sum 4999950000",
};

const queue: Workload = {
  id: "queue",
  title: "100k items through Queue(100)",
  typescript: `
import asyncio from "asyncio";
const ITEMS = 100_000;
async function producer(queue: asyncio.Queue) {
  for (let item = 0; item < ITEMS; item++) await queue.put(item);
}
async function consumer(queue: asyncio.Queue) {
  let outOfOrder = 0;
  for (let expected = 0; expected < ITEMS; expected++) {
    if ((await queue.get()) !== expected) outOfOrder++;
  }
  return outOfOrder;
}
async function main() {
  const queue = new asyncio.Queue(100);
  const [, outOfOrder] = await asyncio.gather(producer(queue), consumer(queue));
  print("out of order", outOfOrder);
}
asyncio.run(main());
`,
  python: `
import asyncio
ITEMS = 100_000
async def producer(queue):
    for item in range(ITEMS):
        await queue.put(item)
async def consumer(queue):
    out_of_order = 0
    for expected in range(ITEMS):
        if await queue.get() != expected:
            out_of_order += 1
    return out_of_order
async def main():
    queue = asyncio.Queue(100)
    _, out_of_order = await asyncio.gather(producer(queue), consumer(queue))
    print("out of order", out_of_order)
asyncio.run(main())
`,
  expected: "out of order 0",
};

const lock: Workload = {
  id: "lock",
  title: "100 tasks × 1000 Lock acquisitions",
  typescript: `
import asyncio from "asyncio";
const WORKERS = 100;
const ACQUISITIONS = 1000;
const state = { inside: 0, overlaps: 0, acquired: 0 };
async function worker(lock: asyncio.Lock) {
  for (let round = 0; round < ACQUISITIONS; round++) {
    await lock.acquire();
    try {
      if (++state.inside > 1) state.overlaps++;
      await asyncio.sleep(0);
      state.inside--;
      state.acquired++;
    } finally {
      lock.release();
    }
  }
}
async function main() {
  const lock = new asyncio.Lock();
  const workers = [];
  for (let index = 0; index < WORKERS; index++) workers.push(worker(lock));
  await asyncio.gather(...workers);
  print("acquired", state.acquired, "overlaps", state.overlaps);
}
asyncio.run(main());
`,
  python: `
import asyncio
WORKERS = 100
ACQUISITIONS = 1000
state = {"inside": 0, "overlaps": 0, "acquired": 0}
async def worker(lock):
    for _ in range(ACQUISITIONS):
        await lock.acquire()
        try:
            state["inside"] += 1
            if state["inside"] > 1:
                state["overlaps"] += 1
            await asyncio.sleep(0)
            state["inside"] -= 1
            state["acquired"] += 1
        finally:
            lock.release()
async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*[worker(lock) for _ in range(WORKERS)])
    print("acquired", state["acquired"], "overlaps", state["overlaps"])
asyncio.run(main())
`,
  expected: "acquired 100000 overlaps 0",
};

const variedSleeps: Workload = {
  id: "sleeps",
  title: "100k sleeps of (i % 1000) ms",
  typescript: `
import asyncio from "asyncio";
const SLEEPERS = 100_000;
const state = { lastDelay: 0, woken: 0, outOfOrder: 0 };
async function sleeper(index: number) {
  const delay = (index % 1000) / 1000;
  await asyncio.sleep(delay);
  if (delay < state.lastDelay) state.outOfOrder++;
  state.lastDelay = delay;
  state.woken++;
}
async function main() {
  const sleepers = [];
  for (let index = 0; index < SLEEPERS; index++) sleepers.push(sleeper(index));
  await asyncio.gather(...sleepers);
  print("woken", state.woken, "out of order", state.outOfOrder);
}
asyncio.run(main());
`,
  python: `
import asyncio
SLEEPERS = 100_000
state = {"last_delay": 0, "woken": 0, "out_of_order": 0}
async def sleeper(index):
    delay = (index % 1000) / 1000
    await asyncio.sleep(delay)
    if delay < state["last_delay"]:
        state["out_of_order"] += 1
    state["last_delay"] = delay
    state["woken"] += 1
async def main():
    await asyncio.gather(*[sleeper(index) for index in range(SLEEPERS)])
    print("woken", state["woken"], "out of order", state["out_of_order"])
asyncio.run(main())
`,
  expected: "woken 100000 out of order 0",
};

export const workloads: Workload[] = [pingPong, createAndGather, queue, lock, variedSleeps];
