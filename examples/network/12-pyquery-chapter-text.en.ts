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

// Try fetching a chapter page
async function main() {
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const html = await fetch(session, "http://www.biquge.cm//12/12097/7563949.html");
    const pq = PyQuery(html);
    print(pq("#content").text());
    // results = [item.text() for item in pq.items("#content")]
    // print(results)
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
