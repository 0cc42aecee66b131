import asyncio from "asyncio";
import time from "time";

// Simulate a slow operation
async function test(i: number) {
  print("start...");
  // The old blocking sleep cannot be used any more
  await asyncio.sleep(2);
  print("end...");
  return i;
}

const start_time = time.time();
// # >=python3.4
const loop = asyncio.getEventLoop();
// tasks = [asyncio.ensure_future(test(i)) for i in range(10)]
// Note: this is the loop's method, not asyncio's; otherwise it raises RuntimeError: no running event loop
const tasks = Array.from({ length: 10 }, (_, i) => loop.createTask(test(i)));
loop.runUntilComplete(asyncio.wait(tasks));
for (const task of tasks) {
  print(task.result());
}
print(time.time() - start_time);
