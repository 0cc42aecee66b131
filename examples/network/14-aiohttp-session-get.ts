import aiohttp from "aiohttp";
import asyncio from "asyncio";

async function fetch(url: string) {
  return await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    return await asyncio.asyncWith(session.get(url), async (resp) => {
      return await resp.text();
    });
  });
}

async function main() {
  const text = await fetch("http://www.baidu.com");
  print(text.length);
}

asyncio.run(main());
