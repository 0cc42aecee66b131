import aiohttp from "aiohttp";
import asyncio from "asyncio";
import { PyQuery } from "pyquery";
import time from "time";

let sem: asyncio.Semaphore;
const error_urls = new Set<string>();

// Get the html
async function fetch(session: aiohttp.ClientSession, url: string) {
  return await asyncio.asyncWith(sem, async () => {
    return await asyncio.asyncWith(session.get(url), async (response) => {
      if (response.status === 200) {
        // What aiohttp does with invalid characters (the real site was GBK-encoded; Looplab's simulated site uses UTF-8, and the sandbox has no GBK codec)
        return await response.text("utf-8", "ignore"); // ignore invalid characters
      }
      error_urls.add(url); // the set of urls still to be handled
      return null;
    });
  });
}

// Get the chapter's text
async function get_text(session: aiohttp.ClientSession, url: string) {
  // Turn a relative path into domain + path
  if (!url.startsWith("http://www.biquge.cm")) {
    url = `http://www.biquge.cm${url}`;
  }
  const html = await fetch(session, url);
  const pq = PyQuery(html);
  return pq("#content").text();
}

// A plain blocking function (the sandbox has no file system: the tutorial's appending `## {title}\n\n{text}\n\n` to the novel's .md file is left out)
function save(title: string, _text: string) {
  print(`${title} `);
}

async function main() {
  sem = asyncio.Semaphore(3); // Limiting how many run at once is actually faster
  const loop = asyncio.getRunningLoop();
  await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
    const html = await fetch(session, "http://www.biquge.cm/12/12097/");
    const pq = PyQuery(html);
    for (const item of pq.items("dd a")) {
      const title = item.text();
      const text = await get_text(session, item.attr("href"));
      // Keep old blocking code working
      await loop.runInExecutor(null, save, title, text);
    }
  });
  print("task over");
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
