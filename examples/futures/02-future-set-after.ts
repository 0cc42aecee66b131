import asyncio from "asyncio";

async function set_after(fut: asyncio.Future<string>) {
  await asyncio.sleep(2);
  fut.setResult("666");
}

async function main() {
  // 获取当前事件循环
  const loop = asyncio.getRunningLoop();
  // 创建一个任务(Future对象),没绑定任何行为,则这个任务永远不知道什么时候结束。
  const fut = loop.createFuture();
  // 创建一个任务(Task对象),绑定了set_after函数,函数内部在2s之后,会给fut赋值。
  // 即手动设置future任务的最终结果,那么fut就可以结束了。
  await loop.createTask(set_after(fut));
  // 等待 Future对象获取 最终结果,否则一直等下去
  const data = await fut;
  print(data);
}

asyncio.run(main());
