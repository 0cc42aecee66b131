// The asyncpg module against the simulated PostgreSQL servers: Records, $1 placeholders,
// statuses, transactions, errors and pools, on the same SQL subset as aiomysql.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

test("fetch gives Records (by name, by index, get()), fetchrow/fetchval, execute a status; a transaction rolls back on an exception", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import asyncpg from "asyncpg";
    async function main() {
      const loop = asyncio.getRunningLoop();
      const conn = await asyncpg.connect("postgresql://postgres@localhost/test");
      const rows = await conn.fetch("SELECT id, name FROM users WHERE age < $1 ORDER BY id", 30);
      print(rows, rows[0]["name"], rows[0][0], rows[0].get("id"), rows[0].keys(), loop.time());
      print(await conn.fetchrow("SELECT * FROM users WHERE id = $1", 3), await conn.fetchrow("SELECT * FROM users WHERE id = $1", 99));
      print(await conn.fetchval("SELECT COUNT(*) FROM users"), await conn.fetchval("SELECT id, name FROM users WHERE id = 2", { column: 1 }));
      print(await conn.execute("INSERT INTO users (name, age) VALUES ($1, $2)", "Zed", 50), await conn.execute("UPDATE users SET age = 51 WHERE name = 'Zed'"));
      try {
        await asyncio.asyncWith(conn.transaction(), async () => {
          print(await conn.execute("DELETE FROM users"), await conn.fetchval("SELECT COUNT(*) FROM users"));
          throw new Error("undo");
        });
      } catch (e) {
        print([e]);
      }
      print(await conn.fetchval("SELECT COUNT(*) FROM users"));
      await conn.close();
      print(conn.isClosed());
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  assert.equal(
    stdout,
    "[<Record id=2 name='Bob'>, <Record id=4 name='Dave'>, <Record id=5 name='Eve'>] Bob 2 2 ['id', 'name'] 0.002\n" +
      "<Record id=3 name='Carol' email='carol@example.com' age=35 city='Beijing'> None\n" +
      "5 Bob\n" +
      "INSERT 0 1 UPDATE 1\n" +
      "DELETE 6 0\n" +
      "[Error('undo')]\n" +
      "6\n" +
      "True\n",
  );
});

test("asyncpg errors: undefined table and column, missing arguments, unsupported SQL, an unknown database", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import asyncpg from "asyncpg";
    async function main() {
      const conn = await asyncpg.connect({ host: "pg.example", database: "test" });
      const attempts = [
        () => conn.fetch("SELECT * FROM nope"),
        () => conn.fetch("SELECT nope FROM users"),
        () => conn.fetch("SELECT * FROM users WHERE id = $2", 1),
        () => conn.fetch("SELECT * FROM users LEFT JOIN orders ON users.id = orders.user_id"),
        () => conn.execute("INSERT INTO users (id, name) VALUES (1, 'Dup')"),
      ];
      for (const attempt of attempts) {
        try { await attempt(); } catch (e) { print([e], e instanceof asyncpg.PostgresError); }
      }
      try { await asyncpg.connect({ host: "pg.example", database: "nope" }); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(
    stdout,
    "[UndefinedTableError('relation \"nope\" does not exist')] True\n" +
      "[UndefinedColumnError('column \"nope\" does not exist')] True\n" +
      "[InterfaceError('the server expects at least 2 arguments for this query, 1 were passed')] True\n" +
      '[FeatureNotSupportedError("LEFT is not supported by Looplab\'s simulated database: it supports SELECT ... FROM one table [WHERE column op value AND ...] [ORDER BY ...] [LIMIT n], INSERT, UPDATE, DELETE, CREATE TABLE and DROP TABLE")] True\n' +
      "[UniqueViolationError('duplicate key value violates unique constraint')] True\n" +
      "[InvalidCatalogNameError('database \"nope\" does not exist')]\n",
  );
});

test("a pool opens min_size connections at once and lends them; pool.fetchval borrows one for a query", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    import asyncpg from "asyncpg";
    async function main() {
      const loop = asyncio.getRunningLoop();
      await asyncio.asyncWith(asyncpg.createPool("postgresql://pg.example/test", { minSize: 2, maxSize: 2 }), async (pool) => {
        print("ready at", loop.time());
        print(await pool.fetchval("SELECT name FROM users WHERE id = $1", 1), loop.time());
        const names = await asyncio.gather(
          ...[1, 2, 3].map((id) => asyncio.asyncWith(pool.acquire(), (conn) => conn.fetchval("SELECT name FROM users WHERE id = $1", id))),
        );
        print(names, Math.round(loop.time() * 1e6) / 1e6);
      });
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "ready at 0.1\nAlice 0.2\n['Alice', 'Bob', 'Carol'] 0.4\n");
});
