import asyncio from "asyncio";

let cond: asyncio.Condition;
const p_list: string[] = [];

// Producer
async function producer(n: number) {
  for (let i = 0; i < 5; i++) {
    await asyncio.asyncWith(cond, async () => {
      p_list.push(`${n}-${i}`);
      print(`[生产者${n}]生产商品${n}-${i}`);
      // Notify any one consumer
      cond.notify(); // To notify every consumer: cond.notify_all()
    });
    // Simulate a slow operation
    await asyncio.sleep(0.01);
  }
}

// Consumer
async function consumer(i: number) {
  while (true) {
    await asyncio.asyncWith(cond, async () => {
      if (p_list.length > 0) {
        print("列表商品:", p_list, { sep: "" });
        const name = p_list.pop(); // Consume an item
        print(`[消费者${i}]消费商品${name}`);
        print("列表剩余:", p_list, { sep: "" });

        // Simulate a slow operation
        await asyncio.sleep(0.01);
      } else {
        await cond.wait();
      }
    });
  }
}

async function main() {
  cond = asyncio.Condition(); // Create the condition
  const p_tasks = Array.from({ length: 2 }, (_, i) => asyncio.createTask(producer(i))); // two producers
  const c_tasks = Array.from({ length: 5 }, (_, i) => asyncio.createTask(consumer(i))); // five consumers
  await asyncio.gather(...p_tasks, ...c_tasks);
}

asyncio.run(main());
