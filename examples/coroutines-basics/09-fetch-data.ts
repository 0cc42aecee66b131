import asyncio from "asyncio";

async function fetch() {
  return "data";
}

const coro = fetch(); // 此时协程处于CREATED状态
print(coro);

async function main() {
  const result = await fetch(); // 挂起直到fetch完成
  print(result);
}

const loop = asyncio.getEventLoop();
loop.runUntilComplete(main()); // 启动事件循环
