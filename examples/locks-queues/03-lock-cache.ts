import asyncio from "asyncio";
import random from "random";
import time from "time";

// 用来存放页面缓存
const cache_dict: Record<string, string> = {};
let lock: asyncio.Lock; // 你可以试试在这边直接写`asyncio.Lock()`

// 模拟一个获取html的过程
async function fetch(url: string) {
  // 每次网络访问,时间其实不确定的
  const time = random.randint(2, 5);
  print(time);

  await asyncio.sleep(time);
  return `<h2>${url}</h2>`;
}

async function get_html(url: string) {
  return await asyncio.asyncWith(lock, async () => {
    // 如果缓存存在,则返回缓存的页面
    for (const url in cache_dict) {
      return cache_dict[url];
    }
    // 否则获取页面源码并缓存
    const html = await fetch(url);
    cache_dict[url] = html;
    return html;
  });
}

async function parse_js(url: string) {
  const html = await get_html(url);
  // do somthing
  return html.length;
}

async function parse_html(url: string) {
  const html = await get_html(url);
  // do somthing
  return html;
}

async function main() {
  lock = asyncio.Lock(); // 如果在开头就定义,那么lock的loop和方法的loop就会不一致了
  // 提交两个Task任务
  const task1 = asyncio.createTask(parse_js("www.baidu.com"));
  const task2 = asyncio.createTask(parse_html("www.baidu.com"));
  // 等待任务结束
  const result_list = await asyncio.gather(task1, task2);
  print(result_list);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
