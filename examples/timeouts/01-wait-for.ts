import asyncio from "asyncio";
import time from "time";

async function test(time: number) {
  print("start...");
  await asyncio.sleep(time);
  print("end...");
  return time;
}

async function main() {
  const task = asyncio.createTask(test(3));
  try {
    const result = await asyncio.waitFor(task, { timeout: 2 });
    print(result);
  } catch (ex) {
    if (ex instanceof asyncio.CancelledError) {
      print("Cancel");
    } else if (ex instanceof asyncio.TimeoutError) {
      print("超时取消");
    } else {
      print(ex);
    }
  }
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
