import asyncio from "asyncio";
import time from "time";

async function get_html(host: string) {
  print(`get_html ${host}...`);
  const [reader, writer] = await asyncio.openConnection(host, 80);
  writer.write(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  await writer.drain(); // Wait for the buffer

  const html_list = [];
  for await (const line of reader) {
    html_list.push(line.decode("utf-8"));
  }

  writer.close(); // Close the connection
  return html_list.join("\n");
}

async function main() {
  const tasks = ["dotnetcrazy.cnblogs.com", "dunitian.cnblogs.com"].map((url) => asyncio.createTask(get_html(url)));
  const html_list = await asyncio.gather(...tasks);
  print(html_list);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
