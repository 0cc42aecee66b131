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

async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => test(i));
  // await task gives the return value (the result or the exception)
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
// old style, recommended
const loop = asyncio.getEventLoop();
const result_list = loop.runUntilComplete(main());
print(result_list);
print(time.time() - start_time);
