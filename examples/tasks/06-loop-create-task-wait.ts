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

const start_time = time.time();
// # >=python3.4
const loop = asyncio.getEventLoop();
// tasks = [asyncio.ensure_future(test(i)) for i in range(10)]
// 注意:是loop的方法,而不是asyncio的,不然就会引发RuntimeError:no running event loop
const tasks = Array.from({ length: 10 }, (_, i) => loop.createTask(test(i)));
loop.runUntilComplete(asyncio.wait(tasks));
for (const task of tasks) {
  print(task.result());
}
print(time.time() - start_time);
