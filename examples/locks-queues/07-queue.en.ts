import asyncio from "asyncio";
import random from "random";
import time from "time";

async function producer(q: asyncio.Queue<number>, i: number) {
  for (i = 0; i < 5; i++) {
    const num = random.random();
    await q.put(num);
    print(`[生产者${i}]商品${num}出厂了`);
    await asyncio.sleep(num);
  }
}

async function consumer(q: asyncio.Queue<number>, i: number) {
  while (true) {
    const data = await q.get();
    print(`[消费者${i}]商品${data}抢光了`);
  }
}

async function main() {
  const queue = asyncio.Queue(10); // For the demo, I cap its size here

  const p_tasks = Array.from({ length: 2 }, (_, i) => asyncio.createTask(producer(queue, i))); // two producers
  const c_tasks = Array.from({ length: 5 }, (_, i) => asyncio.createTask(consumer(queue, i))); // five consumers
  await asyncio.gather(...p_tasks, ...c_tasks);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
