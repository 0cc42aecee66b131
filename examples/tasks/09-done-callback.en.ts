// An example of the low-level API
import asyncio from "asyncio";
import time from "time";

async function get_html(url: string) {
  print(`get ${url} ing`);
  await asyncio.sleep(2);
  return `<h1>This is a test for ${url}</h1>`;
}

function call_back(task: asyncio.Task<string>) {
  print(task.constructor); // Python's type(task)
  print(task.result());
}

const start_time = time.time();
const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
const tasks = new Set<asyncio.Task<string>>(); // the set of tasks
const loop = asyncio.getEventLoop();
for (const url of urls) {
  // task = asyncio.ensure_future(get_html(url))
  const task = loop.createTask(get_html(url));
  // Set the callback
  task.addDoneCallback(call_back);
  // Add it to the set of tasks
  tasks.add(task);
}
// Run them as a batch
loop.runUntilComplete(asyncio.gather(...tasks));
print(time.time() - start_time);
