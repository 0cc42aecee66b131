import asyncio from "asyncio";
import time from "time";

function test(name: string) {
  print(`start ${name}...`);
  print(`end ${name}...`);
}

async function main() {
  // Some task is running
  const loop = asyncio.getRunningLoop();

  // Slip in a more urgent task
  // loop.call_later(0, callback, *args)
  const task1 = loop.callSoon(test, "task1");

  // Run after so many seconds
  const task2 = loop.callLater(2, test, "task2");

  // At a time on the loop's internal clock
  const task3 = loop.callAt(loop.time() + 3, test, "task3");

  // Python's type(x) is x.constructor in JavaScript
  print(task1.constructor);
  print(task2.constructor);
  print(task3.constructor);

  // Make sure the loop closes only after everything has run
  await asyncio.sleep(5);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
