import asyncio from "asyncio";
import time from "time";

// 模拟一个耗时操作
async function test() {
  print("start...");
  // 不能再使用以前阻塞的暂停了
  await asyncio.sleep(2);
  print("end...");
  return "ok";
}

const start_time = time.time();
// # >=python3.4
// # 返回asyncio的事件循环
// loop = asyncio.get_event_loop()
// # 运行事件循环,直到指定的future运行完毕,返回结果
// result = loop.run_until_complete(test())
// print(result)

// python3.7
const result = asyncio.run(test());
print(result);
print(time.time() - start_time);
