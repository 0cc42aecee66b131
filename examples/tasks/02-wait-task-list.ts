import asyncio from "asyncio";

async function func() {
  print(1);
  await asyncio.sleep(2);
  print(2);
  return "返回值";
}

async function main() {
  print("main开始");
  // 创建协程,将协程封装到Task对象中并添加到事件循环的任务列表中,等待事件循环去执行(默认是就绪状态)。
  // 在调用
  const task_list = [asyncio.createTask(func()), asyncio.createTask(func())];
  print("main结束");
  // 当执行某协程遇到IO操作时,会自动化切换执行其他任务。
  // 此处的await是等待所有协程执行完毕,并将所有协程的返回值保存到done
  // 如果设置了timeout值,则意味着此处最多等待的秒,完成的协程返回值写入到done中,未完成则写到pending中。
  const [done, _pending] = await asyncio.wait(task_list);
  print(done);
}

asyncio.run(main());
