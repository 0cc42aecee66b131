import asyncio from "asyncio";
import time from "time";

async function test() {
  print("start...");
  await asyncio.sleep(10);
  print("end...");
}

async function main() {
  const task = asyncio.createTask(test());

  await asyncio.sleep(1);

  // Cancel the task
  task.cancel();

  try {
    await task;
  } catch (error) {
    if (!(error instanceof asyncio.CancelledError)) throw error;
    print("任务已经被取消:", task.cancelled(), { sep: "" });
    print("任务是因为异常而完成:", task.done(), { sep: "" });
  }
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
