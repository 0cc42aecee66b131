import asyncio from "asyncio";
import time from "time";

async function get_html(_url: string) {
  await asyncio.sleep(2);
  return "This is a test for";
}

// Note: the arguments passed through the partial function come first
function call_back(url: string, task: asyncio.Task<string>) {
  // do something
  print(task.constructor); // Python's type(task)
  print(task.result(), url);
}

const start_time = time.time();
const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
const tasks = new Set<asyncio.Task<string>>(); // the set of tasks
const loop = asyncio.getEventLoop();
for (const url of urls) {
  // task = asyncio.ensure_future(get_html(url))
  const task = loop.createTask(get_html(url));
  // Set the callback (it takes no arguments, so we pass them with a partial function; functools.partial is bind in JavaScript)
  task.addDoneCallback(call_back.bind(null, url));
  // Add it to the set of tasks
  tasks.add(task);
}
// Run them as a batch
loop.runUntilComplete(asyncio.gather(...tasks));
print(time.time() - start_time);
