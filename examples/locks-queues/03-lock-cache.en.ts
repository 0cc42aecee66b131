import asyncio from "asyncio";
import random from "random";
import time from "time";

// The cache of pages
const cache_dict: Record<string, string> = {};
let lock: asyncio.Lock; // Try writing `asyncio.Lock()` right here

// Simulate fetching the html
async function fetch(url: string) {
  // How long a network access takes is really unpredictable
  const time = random.randint(2, 5);
  print(time);

  await asyncio.sleep(time);
  return `<h2>${url}</h2>`;
}

async function get_html(url: string) {
  return await asyncio.asyncWith(lock, async () => {
    // If the page is cached, return the cached page
    for (const url in cache_dict) {
      return cache_dict[url];
    }
    // Otherwise fetch the page's source and cache it
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
  lock = asyncio.Lock(); // Defined at the top, the lock's loop and the functions' loop would not be the same
  // Submit two Tasks
  const task1 = asyncio.createTask(parse_js("www.baidu.com"));
  const task2 = asyncio.createTask(parse_html("www.baidu.com"));
  // Wait for the tasks to finish
  const result_list = await asyncio.gather(task1, task2);
  print(result_list);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
