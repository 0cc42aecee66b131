import asyncio from "asyncio";
import time from "time";

async function get_html(url: string) {
  print(`get ${url} ing`);
  await asyncio.sleep(2);
  return `<h1>This is a test for ${url}</h1>`;
}

function callback_func(task: asyncio.Task<string>) {
  print(task.constructor); // Python 的 type(task)
  if (task.done()) {
    print("done"); // print(task.result())
  }
}

async function main() {
  const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
  // asyncio.create_task来创建一个Task
  const tasks = urls.map((url) => asyncio.createTask(get_html(url)));
  // 给每个任务都加一个回调函数
  for (const task of tasks) {
    task.addDoneCallback(callback_func);
  }
  // 批量执行任务
  const result = await asyncio.gather(...tasks);
  print(result); // 返回 result list
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
