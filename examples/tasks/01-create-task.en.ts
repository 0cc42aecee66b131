import asyncio from "asyncio";

async function func() {
  print(1);
  await asyncio.sleep(2);
  print(2);
  return "返回值";
}

async function main() {
  print("main开始");
  // Create a coroutine, wrap it in a Task object and add it at once to the event loop's task list, to wait for the event loop to run it (it starts out ready).
  const task1 = asyncio.createTask(func());
  // Create a coroutine, wrap it in a Task object and add it at once to the event loop's task list, to wait for the event loop to run it (it starts out ready).
  const task2 = asyncio.createTask(func());
  print("main结束");
  // When a coroutine being run hits an IO operation, the loop switches to other tasks automatically.
  // This await waits for the corresponding coroutines all to finish, and gets their results
  const ret1 = await task1;
  const ret2 = await task2;
  print(ret1, ret2);
}

asyncio.run(main());
