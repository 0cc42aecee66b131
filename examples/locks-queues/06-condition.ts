import asyncio from "asyncio";

let cond: asyncio.Condition;
const p_list: string[] = [];

// 生产者
async function producer(n: number) {
  for (let i = 0; i < 5; i++) {
    await asyncio.asyncWith(cond, async () => {
      p_list.push(`${n}-${i}`);
      print(`[生产者${n}]生产商品${n}-${i}`);
      // 通知任意一个消费者
      cond.notify(); // 通知全部消费者:cond.notify_all()
    });
    // 摸拟一个耗时操作
    await asyncio.sleep(0.01);
  }
}

// 消费者
async function consumer(i: number) {
  while (true) {
    await asyncio.asyncWith(cond, async () => {
      if (p_list.length > 0) {
        print("列表商品:", p_list, { sep: "" });
        const name = p_list.pop(); // 消费商品
        print(`[消费者${i}]消费商品${name}`);
        print("列表剩余:", p_list, { sep: "" });

        // 摸拟一个耗时操作
        await asyncio.sleep(0.01);
      } else {
        await cond.wait();
      }
    });
  }
}

async function main() {
  cond = asyncio.Condition(); // 初始化condition
  const p_tasks = Array.from({ length: 2 }, (_, i) => asyncio.createTask(producer(i))); // 两个生产者
  const c_tasks = Array.from({ length: 5 }, (_, i) => asyncio.createTask(consumer(i))); // 五个消费者
  await asyncio.gather(...p_tasks, ...c_tasks);
}

asyncio.run(main());
