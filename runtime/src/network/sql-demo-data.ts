// What every simulated database server holds when a run first connects to it: a `test`
// database with `users` and `products`, and for MySQL the `mysql.user` table the seeds query.

import { SqlServer, Table } from "./sql-engine.js";
import type { ColumnDefinition, SqlValue } from "./sql-parser.js";

function column(name: string, type: string, extra: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return { name, type, primaryKey: false, autoIncrement: false, notNull: false, defaultValue: null, ...extra };
}

const ID = { primaryKey: true, autoIncrement: true, notNull: true };

function users(): Table {
  const rows: SqlValue[][] = [
    [1, "Alice", "alice@example.com", 30, "Beijing"],
    [2, "Bob", "bob@example.com", 25, "Shanghai"],
    [3, "Carol", "carol@example.com", 35, "Beijing"],
    [4, "Dave", "dave@example.com", 28, "Shenzhen"],
    [5, "Eve", "eve@example.com", 22, "Hangzhou"],
  ];
  return new Table(
    "users",
    [column("id", "INT", ID), column("name", "VARCHAR"), column("email", "VARCHAR"), column("age", "INT"), column("city", "VARCHAR")],
    rows,
    6,
  );
}

function products(): Table {
  const rows: SqlValue[][] = [
    [1, "Keyboard", 199.5, 10],
    [2, "Mouse", 89.9, 25],
    [3, "Monitor", 1299.99, 5],
    [4, "Headphones", 399.5, 0],
  ];
  return new Table(
    "products",
    [column("id", "INT", ID), column("name", "VARCHAR"), column("price", "DOUBLE"), column("stock", "INT")],
    rows,
    5,
  );
}

export function mysqlServer(): SqlServer {
  const server = new SqlServer();
  const mysql = server.addDatabase("mysql");
  mysql.add(
    new Table(
      "user",
      [column("Host", "CHAR"), column("User", "CHAR")],
      [
        ["%", "root"],
        ["localhost", "mysql.session"],
        ["localhost", "mysql.sys"],
        ["localhost", "root"],
      ],
    ),
  );
  const test = server.addDatabase("test");
  test.add(users());
  test.add(products());
  return server;
}

export function postgresServer(): SqlServer {
  const server = new SqlServer();
  server.addDatabase("postgres");
  const test = server.addDatabase("test");
  test.add(users());
  test.add(products());
  return server;
}
