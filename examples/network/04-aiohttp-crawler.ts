import aiohttp from "aiohttp";
import asyncio from "asyncio";

async function fetch(session: aiohttp.ClientSession, url: string) {
  print(`发送请求:${url}`);
  await asyncio.asyncWith(session.get(url, { verifySsl: false }), async (response) => {
    const text = await response.text();
    print("得到结果:", url, text.length);
  });
}

async function main() {
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const url_list = ["http://www.baidu.com", "http://www.taobao.com", "http://www.jd.com"];
    const tasks = url_list.map((url) => asyncio.createTask(fetch(session, url)));
    await asyncio.wait(tasks);
  });
}

asyncio.run(main());
