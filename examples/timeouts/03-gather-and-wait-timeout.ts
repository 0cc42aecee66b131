import asyncio from "asyncio";

async function fetch(i: number) {
  await asyncio.sleep(i);
  return i;
}

async function main() {
  let tasks = [1, 2, 3].map((i) => asyncio.createTask(fetch(i)));
  // gather按顺序返回结果
  const results = await asyncio.gather(...tasks); // 所有任务完成后返回
  print(results);

  tasks = [1, 2, 3].map((i) => asyncio.createTask(fetch(i)));
  // wait可设置超时:fetch(2) 和超时同在 2 秒后到期,超时先排定所以先触发,fetch(2) 还在 pending 里
  const [done, pending] = await asyncio.wait(tasks, { timeout: 2 });
  print(done.size, pending.size);
}

asyncio.run(main());
