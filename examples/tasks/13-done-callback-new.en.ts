import asyncio from "asyncio";
import time from "time";

async function get_html(url: string) {
  print(`get ${url} ing`);
  await asyncio.sleep(2);
  return `<h1>This is a test for ${url}</h1>`;
}

function callback_func(task: asyncio.Task<string>) {
  print(task.constructor); // Python's type(task)
  if (task.done()) {
    print("done"); // print(task.result())
  }
}

async function main() {
  const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
  // asyncio.create_task creates a Task
  const tasks = urls.map((url) => asyncio.createTask(get_html(url)));
  // Add a callback to every task
  for (const task of tasks) {
    task.addDoneCallback(callback_func);
  }
  // Run the tasks as a batch
  const result = await asyncio.gather(...tasks);
  print(result); // the result list
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
