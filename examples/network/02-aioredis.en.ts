import aioredis from "aioredis";
import asyncio from "asyncio";

async function execute(address: string, password: string) {
  print("开始执行", address);
  // Network IO: first connect to 77.95.4.197:6379; on IO, switch tasks automatically and connect to 77.95.4.198:6379
  const redis = await aioredis.createRedisPool(address, { password: password });
  // Network IO: on IO, tasks switch automatically
  await redis.hmsetDict("car", { key1: 1, key2: 2, key3: 3 });
  // Network IO: on IO, tasks switch automatically
  const result = await redis.hgetall("car", { encoding: "utf-8" });
  print(result);
  redis.close();
  // Network IO: on IO, tasks switch automatically
  await redis.waitClosed();
  print("结束", address);
}

async function main() {
  // Since Python 3.11 asyncio.wait no longer takes coroutine objects: wrap them in Tasks first
  const task_list = [
    asyncio.createTask(execute("redis://77.95.4.197:6379", "123456")),
    asyncio.createTask(execute("redis://77.95.4.198:6379", "123456")),
  ];
  await asyncio.wait(task_list);
}

asyncio.run(main());
