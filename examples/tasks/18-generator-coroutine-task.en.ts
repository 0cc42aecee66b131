import asyncio from "asyncio";
import time from "time";

// If it is not a coroutine, add a decorator
// (Python 3.11 removed @asyncio.coroutine; in Looplab a generator function already is an old-style coroutine and needs no decorator)
function* test() {
  print("this is a test");
}

async function test_async() {
  print("this is a async test");
  await asyncio.sleep(1);
}

async function main() {
  // Pass in a coroutine object, get back a task
  const task1 = asyncio.createTask(test());
  const task2 = asyncio.createTask(test_async());
  await asyncio.gather(task1, task2);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
