import asyncio from "asyncio";

async function main() {
  // 获取当前事件循环
  const loop = asyncio.getRunningLoop();
  // 创建一个任务(Future对象),这个任务什么都不干。
  const fut = loop.createFuture();
  // 等待任务最终结果(Future对象),没有结果则会一直等下去。
  await fut;
}

asyncio.run(main());
