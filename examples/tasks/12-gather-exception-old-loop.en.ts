import asyncio from "asyncio";
import time from "time";

async function get_html(url: string) {
  print(`get ${url} ing`);
  if (url === "https://www.asp.net") {
    throw new Error("Exception is over");
  }
  await asyncio.sleep(2);
  return `<h1>This is a test for ${url}</h1>`;
}

async function main() {
  const urls = ["https://www.baidu.com", "https://www.asp.net", "https://www.python.org", "https://www.sogou.com"];
  let tasks: Iterable<unknown> = new Set(); // the set of tasks
  tasks = urls.map((url) => get_html(url));
  return await asyncio.gather(...tasks);
}

const start_time = time.time();
const loop = asyncio.getEventLoop();
try {
  // Run them as a batch
  loop.runUntilComplete(main());
} catch (ex) {
  print(ex);
}
print(time.time() - start_time);
