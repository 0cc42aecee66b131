import asyncio from "asyncio";

async function func() {
  print(1);
  await asyncio.sleep(2);
  print(2);
  return "返回值";
}

async function main() {
  print("main开始");
  // Create coroutines, wrap them in Task objects and add them to the event loop's task list, to wait for the event loop to run them (they start out ready).
  // When called
  const task_list = [asyncio.createTask(func()), asyncio.createTask(func())];
  print("main结束");
  // When a coroutine being run hits an IO operation, the loop switches to other tasks automatically.
  // This await waits for all the coroutines to finish, and puts every coroutine's return value in done
  // With a timeout set, this waits at most that many seconds: finished coroutines' return values go into done, unfinished ones into pending.
  const [done, _pending] = await asyncio.wait(task_list);
  print(done);
}

asyncio.run(main());
