import asyncio from "asyncio";
import time from "time";

async function test(i: number) {
  print(`start...task${i}`);
  await asyncio.sleep(i);
  print(`end...task${i}`);
  return "ok";
}

// 第一个任务执行完成则结束此批次任务
async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => asyncio.createTask(test(i)));
  // 项目里经常有这么一个场景:同时调用多个同效果的API,有一个返回后取消其他请求
  const [done, _pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
  // print(await asyncio.gather(*done))
  for (const task of done) {
    print(await task);
  }
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
