import aiohttp from "aiohttp";
import asyncio from "asyncio";
import time from "time";

const error_urls = new Set<string>();

// 获取页面html
async function fetch(session: aiohttp.ClientSession, url: string) {
  return await asyncio.asyncWith(session.get(url), async (response) => {
    if (response.status === 200) {
      return await response.text();
    }
    error_urls.add(url); // 添加到待处理集合中
    return null;
  });
}

async function main() {
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const html = await fetch(session, "http://www.biquge.cm/12/12097/");
    if (html) {
      // 获取到html
      print(html.length);
    }
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
