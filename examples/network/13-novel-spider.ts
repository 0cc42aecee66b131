import aiohttp from "aiohttp";
import asyncio from "asyncio";
import { PyQuery } from "pyquery";
import time from "time";

let sem: asyncio.Semaphore;
const error_urls = new Set<string>();

// 获取html
async function fetch(session: aiohttp.ClientSession, url: string) {
  return await asyncio.asyncWith(sem, async () => {
    return await asyncio.asyncWith(session.get(url), async (response) => {
      if (response.status === 200) {
        // aiohttp遇到非法字符的处理(原站是 GBK 编码;Looplab 的模拟站点用 UTF-8,沙箱里也没有 GBK 编解码器)
        return await response.text("utf-8", "ignore"); // 忽略非法字符
      }
      error_urls.add(url); // 待处理的url集合
      return null;
    });
  });
}

// 获取文章正文
async function get_text(session: aiohttp.ClientSession, url: string) {
  // 把相对路径改成域名+路径
  if (!url.startsWith("http://www.biquge.cm")) {
    url = `http://www.biquge.cm${url}`;
  }
  const html = await fetch(session, url);
  const pq = PyQuery(html);
  return pq("#content").text();
}

// 普通阻塞方法(沙箱里没有文件系统,原文追加写入 恐怖复苏.md 的 `## {title}\n\n{text}\n\n` 省略)
function save(title: string, _text: string) {
  print(`${title} `);
}

async function main() {
  sem = asyncio.Semaphore(3); // 控制并发数反而更快
  const loop = asyncio.getRunningLoop();
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const html = await fetch(session, "http://www.biquge.cm/12/12097/");
    const pq = PyQuery(html);
    for (const item of pq.items("dd a")) {
      const title = item.text();
      const text = await get_text(session, item.attr("href"));
      // 兼容阻塞旧代码
      await loop.runInExecutor(null, save, title, text);
    }
  });
  print("task over");
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
