import asyncio from "asyncio";
import asyncpg from "asyncpg";

async function main(dsn: string) {
  const conn = await asyncpg.connect(dsn);
  const rows = await conn.fetch("SELECT * FROM table");
  print(rows);
  await conn.close();
}

asyncio.run(main("postgresql://postgres@localhost/test"));
