import asyncio from "asyncio";
import time from "time";

// 模拟一个耗时操作
async function test(i: number) {
  print("start...");
  // 不能再使用以前阻塞的暂停了
  await asyncio.sleep(2);
  print("end...");
  return i;
}

async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => test(i));
  // await task 可以得到返回值(得到结果或者异常)
  // for task in asyncio.as_completed(tasks):
  //     try:
  //         print(await task)
  //     except Exception as ex:
  //         print(ex)
  const results = [];
  for (const task of asyncio.asCompleted(tasks)) {
    results.push(await task);
  }
  return results;
}

const start_time = time.time();
// old推荐使用
const loop = asyncio.getEventLoop();
const result_list = loop.runUntilComplete(main());
print(result_list);
print(time.time() - start_time);
