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
  // 已完成的任务(包含异常),未完成的任务
  const [done, pending] = await asyncio.wait(tasks, { timeout: 2 });
  // 任务总数(原文还用了第3种表示 len(asyncio.Task.all_tasks())-1,Python 3.9 删除了 Task.all_tasks)
  print(`任务总数:${tasks.length}==${done.size + pending.size}`);
  // 所有未完成的task:asyncio.all_tasks(),记得去掉run(main())
  print(`未完成Task:${pending.size}==${asyncio.allTasks().size - 1}`);

  print(await asyncio.gather(...done));
  // for task in done:
  // print(await task)
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
