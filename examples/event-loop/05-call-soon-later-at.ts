import asyncio from "asyncio";
import time from "time";

function test(name: string) {
  print(`start ${name}...`);
  print(`end ${name}...`);
}

async function main() {
  // 正在执行某个任务
  const loop = asyncio.getRunningLoop();

  // 插入一个更要紧的任务
  // loop.call_later(0, callback, *args)
  const task1 = loop.callSoon(test, "task1");

  // 多少秒后执行
  const task2 = loop.callLater(2, test, "task2");

  // 内部时钟时间
  const task3 = loop.callAt(loop.time() + 3, test, "task3");

  // Python 的 type(x),在 JavaScript 里是 x.constructor
  print(task1.constructor);
  print(task2.constructor);
  print(task3.constructor);

  // 保证loop在执行完毕后才关闭
  await asyncio.sleep(5);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
