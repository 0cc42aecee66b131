import asyncio from "asyncio";
import time from "time";

// Simulate a slow operation
async function test(i: number) {
  print("start...");
  await asyncio.sleep(2);
  print("end...");
  return i;
}

async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => test(i));
  // Gives one future with the `coroutines/futures`' results together
  return await asyncio.gather(...tasks); // remember the * to unpack
}

const start_time = time.time();
// python3.7
const result_list = asyncio.run(main());
print(result_list);
// 2.0259485244750977
print(time.time() - start_time);
