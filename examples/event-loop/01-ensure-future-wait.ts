import asyncio from "asyncio";

async function work1(i: number) {
  print(`协程函数${i} 马上执行`);
  await asyncio.sleep(2);
  print(`协程函数${i} 执行完毕!`);
}

// 获取时间循环
const loop = asyncio.getEventLoop();
// 创建任务任务asyncio.ensure_future
const task = Array.from({ length: 5 }, (_, i) => asyncio.ensureFuture(work1(i)));
// 将任务注册到时间循环里
loop.runUntilComplete(asyncio.wait(task));
loop.close();
