import asyncio from "asyncio";
import time from "time";

// 模拟一个耗时操作
async function test(i: number) {
  print("start...");
  await asyncio.sleep(2);
  print("end...");
  return i;
}

async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => test(i));
  // 给`协程/futures`返回一个future聚合结果
  return await asyncio.gather(...tasks); // 记得加*来解包
}

const start_time = time.time();
// python3.7
const result_list = asyncio.run(main());
print(result_list);
// 2.0259485244750977
print(time.time() - start_time);
