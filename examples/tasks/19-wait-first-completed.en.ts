import asyncio from "asyncio";
import time from "time";

async function test(i: number) {
  print(`start...task${i}`);
  await asyncio.sleep(i);
  print(`end...task${i}`);
  return "ok";
}

// End this batch of tasks as soon as the first one finishes
async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => asyncio.createTask(test(i)));
  // A common case in projects: call several APIs that do the same thing at once, and cancel the other requests once one returns
  const [done, _pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
  // print(await asyncio.gather(*done))
  for (const task of done) {
    print(await task);
  }
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
