import asyncio from "asyncio";
import time from "time";

// The server (the tutorial has two programs; in one Looplab run, server and client share one event loop)
async function handler(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) {
  // With no data, block and wait (the main thread goes off to do other things)
  const data = await client_reader.read(2048);
  print(data.decode("utf-8"));

  client_writer.write("骊山语罢清宵半,泪雨霖铃终不怨\n何如薄幸锦衣郎,比翼连枝当日愿");
  await client_writer.drain(); // Wait for the buffer (returns at once when the buffer is not full)
  client_writer.close(); // Close the connection
}

// The client
async function client() {
  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8080);
  writer.write("人生若只如初见,何事秋风悲画扇\n等闲变却故人心,却道故人心易变");
  const data = await reader.read(2048);
  if (data.length > 0) {
    print(data.decode("utf-8"));
  }
}

async function main() {
  const server = await asyncio.startServer(handler, "127.0.0.1", 8080);
  print("Server已经启动,端口:8080");
  // Anything with the coroutine methods `__aenter__` and `__aexit__` can be used with `async with`
  await asyncio.asyncWith(server, async () => {
    await client();
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
