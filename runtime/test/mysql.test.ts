// The aiomysql module against the simulated MySQL servers: the SQL subset (docs/network.md),
// cursors and their rows, transactions, PyMySQL's errors, pools, and round trips on the clock.
import { test } from "node:test";
import { ts } from "./harness.js";
import { expectOutput } from "./run-ok.js";

test("the seeds' query: connect costs a round trip, execute another, fetchall gives a tuple of tuples without one", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const conn = await aiomysql.connect({ host: "77.95.40.197", port: 3306, user: "root", password: "123456", db: "mysql" });
        print("connected at", loop.time());
        const cur = await conn.cursor();
        print(await cur.execute("SELECT Host,User FROM user"), "rows at", loop.time());
        print(await cur.fetchall(), "at", loop.time());
        await cur.close();
        conn.close();
      }
      asyncio.run(main());
    `,
    "connected at 0.1\n4 rows at 0.2\n(('%', 'root'), ('localhost', 'mysql.session'), ('localhost', 'mysql.sys'), ('localhost', 'root')) at 0.2\n",
  );
});

test("SELECT with placeholders, WHERE ... AND, ORDER BY, LIMIT/OFFSET and COUNT(*); fetchone/fetchmany/fetchall; DictCursor; description", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      async function main() {
        const conn = await aiomysql.connect({ host: "127.0.0.1", user: "root", password: "", db: "test" });
        const cur = await conn.cursor();
        print(await cur.execute("SELECT id, name, age FROM users WHERE city = %s ORDER BY age DESC", ["Beijing"]));
        print(await cur.fetchone(), await cur.fetchall(), await cur.fetchone());
        print(cur.description.map((column) => column[0]));
        await cur.execute("SELECT COUNT(*) AS n FROM users WHERE age >= %(min)s AND city != 'Beijing'", { min: 25 });
        print(await cur.fetchone());
        await cur.execute("SELECT name FROM users ORDER BY id LIMIT 2 OFFSET 1");
        print(await cur.fetchmany(1), await cur.fetchmany(5));
        await cur.execute("SELECT name, price FROM products WHERE stock = 0 AND price IS NOT NULL");
        print(await cur.fetchall());
        const dicts = await conn.cursor(aiomysql.DictCursor);
        await dicts.execute("SELECT * FROM products WHERE price < 200 ORDER BY price");
        print(await dicts.fetchall());
        await dicts.execute("SELECT 1, 'two' AS word, NULL");
        print(await dicts.fetchone());
        conn.close();
      }
      asyncio.run(main());
    `,
    "2\n" +
      "(3, 'Carol', 35) ((1, 'Alice', 30),) None\n" +
      "['id', 'name', 'age']\n" +
      "(2,)\n" +
      "(('Bob',),) (('Carol',),)\n" +
      "(('Headphones', 399.5),)\n" +
      "({'id': 2, 'name': 'Mouse', 'price': 89.9, 'stock': 25}, {'id': 1, 'name': 'Keyboard', 'price': 199.5, 'stock': 10})\n" +
      "{'1': 1, 'word': 'two', 'NULL': None}\n",
  );
});

test("writes wait for commit() (autocommit is off): another connection sees them only after it; rollback() drops them; rowcount and lastrowid", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      async function main() {
        const conn = await aiomysql.connect({ host: "127.0.0.1", db: "test" });
        const cur = await conn.cursor();
        print(await cur.execute("INSERT INTO users (name, email, age, city) VALUES (%s, %s, %s, %s)", ["Frank", "frank@example.com", 40, "Wuhan"]), cur.lastrowid);
        const other = await aiomysql.connect({ host: "127.0.0.1", db: "test" });
        const otherCur = await other.cursor(aiomysql.DictCursor);
        await otherCur.execute("SELECT name FROM users WHERE id = 6");
        print("before commit", await otherCur.fetchall());
        await conn.commit();
        await otherCur.execute("SELECT name, city FROM users WHERE id = 6");
        print("after commit", await otherCur.fetchall());
        print(await cur.execute("UPDATE users SET city = 'Beijing' WHERE age > 30"), await cur.execute("DELETE FROM users WHERE name = 'Bob'"));
        await cur.execute("SELECT COUNT(*) FROM users");
        print("inside the transaction", await cur.fetchone());
        await conn.rollback();
        await cur.execute("SELECT COUNT(*) FROM users WHERE city = 'Beijing'");
        print("after rollback", await cur.fetchone());
        const auto = await aiomysql.connect({ host: "127.0.0.1", db: "test", autocommit: true });
        const autoCur = await auto.cursor();
        await autoCur.execute("DELETE FROM products WHERE stock = 0");
        await otherCur.execute("SELECT COUNT(*) AS n FROM products");
        print("autocommit", autoCur.rowcount, await otherCur.fetchone());
      }
      asyncio.run(main());
    `,
    "1 6\nbefore commit ()\nafter commit ({'name': 'Frank', 'city': 'Wuhan'},)\n1 1\ninside the transaction (5,)\nafter rollback (2,)\nautocommit 1 {'n': 3}\n",
  );
});

test("CREATE TABLE with AUTO_INCREMENT, multi-row INSERT, async iteration over a cursor, DROP TABLE", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      async function main() {
        await asyncio.asyncWith(aiomysql.connect({ host: "db.example", db: "test" }), async (conn) => {
          await asyncio.asyncWith(conn.cursor(), async (cur) => {
            await cur.execute("CREATE TABLE notes (id INT PRIMARY KEY AUTO_INCREMENT, body TEXT NOT NULL, stars INT DEFAULT 0)");
            await cur.execute("INSERT INTO notes (body) VALUES ('a'), ('b')");
            print(cur.rowcount, cur.lastrowid);
            await cur.execute("INSERT INTO notes (body, stars) VALUES (%s, %s)", ["c", "5"]);
            await cur.execute("SELECT * FROM notes");
            for await (const row of cur) print(row);
            try { await cur.execute("CREATE TABLE notes (id INT)"); } catch (e) { print([e]); }
            await cur.execute("CREATE TABLE IF NOT EXISTS notes (id INT)");
            await cur.execute("DROP TABLE notes");
            try { await cur.execute("SELECT * FROM notes"); } catch (e) { print([e]); }
          });
        });
      }
      asyncio.run(main());
    `,
    "2 2\n(1, 'a', 0)\n(2, 'b', 0)\n(3, 'c', 5)\n" +
      `[OperationalError(1050, "Table 'notes' already exists")]\n` +
      `[ProgrammingError(1146, "Table 'test.notes' doesn't exist")]\n`,
  );
});

test("errors are PyMySQL's; what the subset leaves out is refused by name (NotSupportedError 1235)", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      async function main() {
        const conn = await aiomysql.connect({ host: "127.0.0.1", db: "test" });
        const cur = await conn.cursor();
        const statements = [
          "SELECT * FROM nope",
          "SELECT nope FROM users",
          "SELECT * FROM users u JOIN orders o ON u.id = o.user_id",
          "SELECT * FROM users WHERE age = 1 OR age = 2",
          "SELECT city, COUNT(*) FROM users GROUP BY city",
          "SHOW TABLES",
          "SELEC 1",
          "INSERT INTO users (id, name) VALUES (1, 'Dup')",
        ];
        for (const sql of statements) {
          try { await cur.execute(sql); } catch (e) { print(e.constructor.name, e.args[0], e.args[1].split(":")[0]); }
        }
        try { await cur.execute("SELECT * FROM users WHERE id = %s", [1, 2]); } catch (e) { print([e]); }
        try { await cur.execute("SELECT * FROM users WHERE id = %s"); } catch (e) { print([e]); }
        try { await aiomysql.connect({ host: "127.0.0.1", db: "nope" }); } catch (e) { print([e], e); }
        try { await cur.execute("SELECT * FROM users WHERE id = 1"); } catch (e) { print([e]); }
        conn.close();
        try { await cur.execute("SELECT 1"); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "ProgrammingError 1146 Table 'test.nope' doesn't exist\n" +
      "OperationalError 1054 Unknown column 'nope' in 'field list'\n" +
      "NotSupportedError 1235 JOIN is not supported by Looplab's simulated database\n" +
      "NotSupportedError 1235 OR is not supported by Looplab's simulated database\n" +
      "NotSupportedError 1235 GROUP is not supported by Looplab's simulated database\n" +
      "NotSupportedError 1235 SHOW (a statement) is not supported by Looplab's simulated database\n" +
      "ProgrammingError 1064 You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'SELEC 1' at line 1\n" +
      "IntegrityError 1062 Duplicate entry '1' for key 'PRIMARY'\n" +
      "[TypeError('not all arguments converted during string formatting')]\n" +
      "[TypeError('not enough arguments for format string')]\n" +
      `[OperationalError(1049, "Unknown database 'nope'")] (1049, "Unknown database 'nope'")\n` +
      "[InterfaceError(0, '')]\n",
  );
});

test("each query costs a round trip plus the server's time (SELECT SLEEP); connections of a pool run queries at once; a failing host loses the connection", async () => {
  await expectOutput(
    ts`
      import aiomysql from "aiomysql";
      import asyncio from "asyncio";
      import network from "network";
      const round = (seconds) => Math.round(seconds * 1e6) / 1e6;
      async function main() {
        const loop = asyncio.getRunningLoop();
        network.setLatency("db.example", 0.05);
        const pool = await aiomysql.createPool({ host: "db.example", db: "test", minsize: 2, maxsize: 3 });
        print("pool of", pool.size, "at", loop.time());
        const query = async (seconds) => {
          return await asyncio.asyncWith(pool.acquire(), async (conn) => {
            const cur = await conn.cursor();
            await cur.execute(\`SELECT SLEEP(\${seconds})\`);
            return [seconds, round(loop.time())];
          });
        };
        print(await asyncio.gather(query(1), query(1), query(1), query(1)));
        print(pool.size, pool.freesize);
        pool.close();
        await pool.waitClosed();
        const conn = await aiomysql.connect({ host: "db.example", db: "test" });
        const cur = await conn.cursor();
        network.setFailureRate("db.example", 1);
        try { await cur.execute("SELECT 1"); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "pool of 2 at 0.05\n[[1, 1.1], [1, 1.1], [1, 1.15], [1, 2.15]]\n3 3\n[OperationalError(2013, 'Lost connection to MySQL server during query')]\n",
  );
});
