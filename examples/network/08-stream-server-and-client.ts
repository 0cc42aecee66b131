import asyncio from "asyncio";
import time from "time";

// 服务端(原文是两个程序;Looplab 的一次运行里,服务端和客户端放在同一个事件循环)
async function handler(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) {
  // 没有数据就阻塞等(主线程做其他事情去了)
  const data = await client_reader.read(2048);
  print(data.decode("utf-8"));

  client_writer.write("骊山语罢清宵半,泪雨霖铃终不怨\n何如薄幸锦衣郎,比翼连枝当日愿");
  await client_writer.drain(); // 等待缓冲区(缓冲区没占满就直接返回)
  client_writer.close(); // 关闭连接
}

// 客户端
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
  // 实现了协程方法`__aenter__`和`__aexit__`的可以使用`async with`
  await asyncio.asyncWith(server, async () => {
    await client();
  });
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
