import asyncio from "asyncio";
import asyncpg from "asyncpg";

async function main(dsn: string) {
  const conn = await asyncpg.connect(dsn);
  // 原文的 table 只是表名的占位;Looplab 模拟的 PostgreSQL 里 test 库有 users 表
  const rows = await conn.fetch("SELECT * FROM users");
  print(rows);
  await conn.close();
}

asyncio.run(main("postgresql://postgres@localhost/test"));
