import asyncio from "asyncio";
import asyncpg from "asyncpg";

async function main(dsn: string) {
  const conn = await asyncpg.connect(dsn);
  // The tutorial's table is only a placeholder for a table name; in Looplab's simulated PostgreSQL the test database has a users table
  const rows = await conn.fetch("SELECT * FROM users");
  print(rows);
  await conn.close();
}

asyncio.run(main("postgresql://postgres@localhost/test"));
