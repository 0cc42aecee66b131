import aioredis from "aioredis";
import asyncio from "asyncio";

async function execute(address: string, password: string) {
  print("开始执行", address);
  // 网络IO操作:先去连接 77.95.4.197:6379,遇到IO则自动切换任务,去连接77.95.4.198:6379
  const redis = await aioredis.createRedisPool(address, { password: password });
  // 网络IO操作:遇到IO会自动切换任务
  await redis.hmsetDict("car", { key1: 1, key2: 2, key3: 3 });
  // 网络IO操作:遇到IO会自动切换任务
  const result = await redis.hgetall("car", { encoding: "utf-8" });
  print(result);
  redis.close();
  // 网络IO操作:遇到IO会自动切换任务
  await redis.waitClosed();
  print("结束", address);
}

async function main() {
  // Python 3.11 起 asyncio.wait 不再接受协程对象,要先包装成 Task
  const task_list = [
    asyncio.createTask(execute("redis://77.95.4.197:6379", "123456")),
    asyncio.createTask(execute("redis://77.95.4.198:6379", "123456")),
  ];
  await asyncio.wait(task_list);
}

asyncio.run(main());
