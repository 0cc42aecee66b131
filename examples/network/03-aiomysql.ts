import aiomysql from "aiomysql";
import asyncio from "asyncio";

async function execute(host: string, password: string) {
  print("开始", host);
  // 网络IO操作:先去连接 77.95.40.197,遇到IO则自动切换任务,去连接77.95.40.198:6379
  const conn = await aiomysql.connect({ host: host, port: 3306, user: "root", password: password, db: "mysql" });
  // 网络IO操作:遇到IO会自动切换任务
  const cur = await conn.cursor();
  // 网络IO操作:遇到IO会自动切换任务
  await cur.execute("SELECT Host,User FROM user");
  // 网络IO操作:遇到IO会自动切换任务
  const result = await cur.fetchall();
  print(result);
  // 网络IO操作:遇到IO会自动切换任务
  await cur.close();
  conn.close();
  print("结束", host);
}

async function main() {
  // Python 3.11 起 asyncio.wait 不再接受协程对象,要先包装成 Task
  const task_list = [asyncio.createTask(execute("77.95.40.197", "123456")), asyncio.createTask(execute("77.95.40.198", "123456"))];
  await asyncio.wait(task_list);
}

asyncio.run(main());
