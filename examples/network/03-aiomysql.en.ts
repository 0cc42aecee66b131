import aiomysql from "aiomysql";
import asyncio from "asyncio";

async function execute(host: string, password: string) {
  print("开始", host);
  // Network IO: first connect to 77.95.40.197; on IO, switch tasks automatically and connect to 77.95.40.198:6379
  const conn = await aiomysql.connect({ host: host, port: 3306, user: "root", password: password, db: "mysql" });
  // Network IO: on IO, tasks switch automatically
  const cur = await conn.cursor();
  // Network IO: on IO, tasks switch automatically
  await cur.execute("SELECT Host,User FROM user");
  // Network IO: on IO, tasks switch automatically
  const result = await cur.fetchall();
  print(result);
  // Network IO: on IO, tasks switch automatically
  await cur.close();
  conn.close();
  print("结束", host);
}

async function main() {
  // Since Python 3.11 asyncio.wait no longer takes coroutine objects: wrap them in Tasks first
  const task_list = [asyncio.createTask(execute("77.95.40.197", "123456")), asyncio.createTask(execute("77.95.40.198", "123456"))];
  await asyncio.wait(task_list);
}

asyncio.run(main());
