import aiohttp from "aiohttp";
import asyncio from "asyncio";
import { PyQuery } from "pyquery";
import time from "time";

const error_urls = new Set<string>();

// Get the page's html
async function fetch(session: aiohttp.ClientSession, url: string) {
  return await asyncio.asyncWith(session.get(url), async (response) => {
    if (response.status === 200) {
      return await response.text();
    }
    error_urls.add(url); // the set of urls still to be handled
    return null;
  });
}

// A blocking function (the sandbox has no file system: what the tutorial writes to a file goes to standard output here)
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
    // Keep old blocking code working
    asyncio.getRunningLoop().runInExecutor(null, saves, results);
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
