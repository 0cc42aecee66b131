import asyncio from "asyncio";
import time from "time";

async function get_html(url: string) {
  print(`get url for${url}`);
  await asyncio.sleep(2);
  return `<h1>This is a test for ${url}</h1>`;
}

async function main() {
  const urls1 = ["https://www.baidu.com", "https://www.asp.net"];
  const urls2 = ["https://www.python.org", "https://www.sogou.com"];

  const tasks1 = urls1.map((url) => asyncio.createTask(get_html(url)));
  const tasks2 = urls2.map((url) => asyncio.createTask(get_html(url)));

  // Wait for both groups to finish, then return the results together
  const result = await asyncio.gather(...tasks1, ...tasks2);
  print(result);
}

const start_time = time.time();
try {
  asyncio.run(main());
} catch (ex) {
  print(ex);
}
print(time.time() - start_time);
