import asyncio from "asyncio";
import time from "time";

let sem: asyncio.Semaphore;

// Simulate an API request
async function api_test(i: number) {
  await asyncio.asyncWith(sem, async () => {
    await asyncio.sleep(1);
    print(`The Task ${i} is done`);
  });
}

async function main() {
  sem = asyncio.Semaphore(5); // At most 5 at a time
  const tasks = Array.from({ length: 20 }, (_, i) => asyncio.createTask(api_test(i)));
  await asyncio.gather(...tasks);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
