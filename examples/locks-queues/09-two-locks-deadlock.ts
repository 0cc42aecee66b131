import asyncio from "asyncio";

// 两把锁,两个任务,相反的加锁顺序:一不小心就死锁 (seed 003: "通过锁机制控制队列和等待,但一不小心就可能死锁")。
// 两把锁以相反的顺序获取:每个任务各拿着一把,永远等着另一把。
const first = new asyncio.Lock();
const second = new asyncio.Lock();

async function take(one: asyncio.Lock, other: asyncio.Lock) {
  await one.acquire();
  // 拿到第一把锁后让出执行权,另一个任务趁机拿走另一把
  await asyncio.sleep(0.1);
  await other.acquire();
}

async function main() {
  await asyncio.gather(take(first, second), take(second, first));
}

asyncio.run(main());
