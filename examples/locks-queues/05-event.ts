import asyncio from "asyncio";
import time from "time";

let event: asyncio.Event;
const html_dict: Record<string, string> = {};

async function updates() {
  // event.wait()是协程方法,需要await
  await event.wait();
  // 入库操作省略 html_dict >> DB
  return "html_dict >> DB done";
}

async function get_html(url: string) {
  // 摸拟网络请求
  await asyncio.sleep(2);
  html_dict[url] = `<h1>${url}</h1>`; // 可以暂时写入临时文件中

  event.set(); // 标记完成,普通方法
  return `${url} done`;
}

async function main() {
  event = asyncio.Event(); // 初始化 event 对象

  // 创建批量任务
  const tasks = [];
  for (let i = 1; i < 10; i++) {
    tasks.push(asyncio.createTask(get_html(`www.mmd.com/a/${i}`)));
  }
  // 批量更新操作
  tasks.push(asyncio.createTask(updates()));

  const result = await asyncio.gather(...tasks);
  print(result);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
