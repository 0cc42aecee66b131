import asyncio from "asyncio";
import time from "time";

let num = 0;

async function test(i: number) {
  for (let _ = 0; _ < 10000000; _++) {
    num += i;
  }
}

async function main() {
  print("start tasks...");
  const task1 = asyncio.createTask(test(1));
  const task2 = asyncio.createTask(test(-1));
  await asyncio.gather(task1, task2);
  print("end tasks...");

  print(num);
}

const start_time = time.time();
asyncio.run(main());
print(`time:${time.time() - start_time}`);
