import aiohttp from "aiohttp";
import asyncio from "asyncio";
import { PyQuery } from "pyquery";
import time from "time";

const error_urls = new Set<string>();

// 获取页面html
async function fetch(session: aiohttp.ClientSession, url: string) {
  return await asyncio.asyncWith(session.get(url), async (response) => {
    if (response.status === 200) {
      return await response.text();
    }
    error_urls.add(url); // 待处理的url集合
    return null;
  });
}

// 阻塞方法(沙箱里没有文件系统:原文写进文件的内容,这里写到标准输出)
function saves(results: string[]) {
  print(results.join(""), { end: "" });
  print("ok");
}

async function main() {
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const html = await fetch(session, "http://www.biquge.cm/12/12097/");
    const pq = PyQuery(html);
    const results = pq.items("dd a").map((item) => `${item.text()}:${item.attr("href")}\n`);
    // print(pq("dd a").text())
    // 兼容阻塞旧代码
    asyncio.getRunningLoop().runInExecutor(null, saves, results);
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
