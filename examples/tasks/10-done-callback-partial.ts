import asyncio from "asyncio";
import time from "time";

async function get_html(_url: string) {
  await asyncio.sleep(2);
  return "This is a test for";
}

// 注意一个东西:通过偏函数传过来的参数在最前面
function call_back(url: string, task: asyncio.Task<string>) {
  // do something
  print(task.constructor); // Python 的 type(task)
  print(task.result(), url);
}

const start_time = time.time();
const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
const tasks = new Set<asyncio.Task<string>>(); // 任务集合
const loop = asyncio.getEventLoop();
for (const url of urls) {
  // task = asyncio.ensure_future(get_html(url))
  const task = loop.createTask(get_html(url));
  // 设置回调函数 (不支持传参数,我们就利用偏函数来传递;functools.partial 在 JavaScript 里是 bind)
  task.addDoneCallback(call_back.bind(null, url));
  // 添加到任务集合中
  tasks.add(task);
}
// 批量执行
loop.runUntilComplete(asyncio.gather(...tasks));
print(time.time() - start_time);
