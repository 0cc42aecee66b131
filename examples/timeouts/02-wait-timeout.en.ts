import asyncio from "asyncio";
import time from "time";

async function test(time: number) {
  print("start...");
  await asyncio.sleep(time);
  print("end...");
  return time;
}

async function main() {
  const tasks = Array.from({ length: 10 }, (_, i) => asyncio.createTask(test(i)));
  // The finished tasks (exceptions included), and the unfinished ones
  const [done, pending] = await asyncio.wait(tasks, { timeout: 2 });
  // The number of tasks (the tutorial also has a third way, len(asyncio.Task.all_tasks())-1; Python 3.9 removed Task.all_tasks)
  print(`任务总数:${tasks.length}==${done.size + pending.size}`);
  // Every unfinished task: asyncio.all_tasks(), minus the one running main()
  print(`未完成Task:${pending.size}==${asyncio.allTasks().size - 1}`);

  print(await asyncio.gather(...done));
  // for task in done:
  // print(await task)
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
