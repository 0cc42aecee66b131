// The `asyncpg` module: PostgreSQL connections and pools against the simulated PostgreSQL
// servers (one per host and port, each with the databases of sql-demo-data.ts), with the SQL
// subset of sql-parser.ts and $1 placeholders. Each statement commits unless a transaction is
// open (`async with conn.transaction()`); each costs a round trip, connecting one more.

import { Coroutine } from "../asyncio/coroutines.js";
import { makeModule } from "../asyncio/module.js";
import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { ConnectionSlots } from "./connection-slots.js";
import { ContextAwaitable } from "./context-awaitable.js";
import { immediately, ServiceLink } from "./service-link.js";
import { postgresServer } from "./sql-demo-data.js";
import { type QueryResult, SqlSession } from "./sql-engine.js";
import { runStatement, serversMadeBy, sqlRoundTrip } from "./sql-link.js";
import { SqlError, type SqlValue } from "./sql-parser.js";

export class PostgresError extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = new.target.name;
  }
}

export class InterfaceError extends PostgresError {}
export class PostgresSyntaxError extends PostgresError {}
export class FeatureNotSupportedError extends PostgresError {}
export class UndefinedTableError extends PostgresError {}
export class UndefinedColumnError extends PostgresError {}
export class DuplicateTableError extends PostgresError {}
export class UniqueViolationError extends PostgresError {}
export class InvalidCatalogNameError extends PostgresError {}
export class ConnectionDoesNotExistError extends PostgresError {}

function postgresError(error: unknown): unknown {
  if (!(error instanceof SqlError)) return error;
  switch (error.kind) {
    case "syntax":
      return new PostgresSyntaxError(
        error.message === "syntax error" ? `syntax error at or near "${error.subject.split(" ")[0] ?? ""}"` : error.message,
      );
    case "unsupported":
      return new FeatureNotSupportedError(error.message);
    case "no-database":
      return new InvalidCatalogNameError(`database "${error.subject}" does not exist`);
    case "no-table":
      return new UndefinedTableError(`relation "${error.subject}" does not exist`);
    case "no-column":
      return new UndefinedColumnError(`column "${error.subject}" does not exist`);
    case "table-exists":
      return new DuplicateTableError(`relation "${error.subject}" already exists`);
    case "duplicate":
      return new UniqueViolationError("duplicate key value violates unique constraint");
    case "parameters":
      return new InterfaceError(error.message);
  }
}

/** A row as asyncpg gives it: record["name"], record[0], record.get("name"); prints <Record id=1 name='Alice'>. */
export class Record {
  constructor(
    private readonly names: string[],
    private readonly fields: SqlValue[],
  ) {}

  get(name: string, fallback: unknown = null): unknown {
    const index = this.names.indexOf(name);
    return index === -1 ? fallback : this.fields[index];
  }

  keys(): string[] {
    return [...this.names];
  }

  values(): SqlValue[] {
    return [...this.fields];
  }

  items(): [string, SqlValue][] {
    return this.names.map((name, index) => [name, this.fields[index] ?? null]);
  }

  get length(): number {
    return this.fields.length;
  }

  __repr__(): string {
    return `<Record ${this.items()
      .map(([name, value]) => `${name}=${repr(value)}`)
      .join(" ")}>`;
  }
}

function record(names: string[], fields: SqlValue[]): Record {
  return new Proxy(new Record(names, fields), {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target)) {
        if (/^\d+$/.test(key)) return fields[Number(key)];
        const index = names.indexOf(key);
        if (index !== -1) return fields[index];
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

const DEFAULT_PORT = 5432;

const serverAt = serversMadeBy(postgresServer);

interface ConnectOptions {
  dsn?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

/** "postgresql://user:password@host:port/database", merged with keyword options. */
function connectOptions(
  dsn: string | ConnectOptions | undefined,
  options: ConnectOptions = {},
): Required<Omit<ConnectOptions, "dsn" | "password">> {
  const given = isOptionsObject(dsn) ? dsn : { ...options, dsn };
  const match = /^postgres(?:ql)?:\/\/(?:([^:@/]+)(?::[^@/]*)?@)?([^:/?]*)(?::(\d+))?(?:\/([^?]*))?/.exec(option(given, "dsn", "") ?? "");
  const user = option<string | null>(given, "user", null) ?? match?.[1] ?? "postgres";
  return {
    host: option<string | null>(given, "host", null) ?? (match?.[2] || "localhost"),
    port: option<number | null>(given, "port", null) ?? Number(match?.[3] ?? DEFAULT_PORT),
    user,
    database: option<string | null>(given, "database", null) ?? (match?.[4] || user),
  };
}

function status(result: QueryResult): string {
  switch (result.kind) {
    case "select":
      return `SELECT ${result.rows.length}`;
    case "insert":
      return `INSERT 0 ${result.matched}`;
    case "update":
      return `UPDATE ${result.matched}`;
    case "delete":
      return `DELETE ${result.matched}`;
    case "create":
      return "CREATE TABLE";
    case "drop":
      return "DROP TABLE";
  }
}

export class Connection {
  private session: SqlSession | null = null;
  private readonly link: ServiceLink;
  readonly database: string;
  readonly user: string;

  constructor(options: Required<Omit<ConnectOptions, "dsn" | "password">>) {
    this.link = new ServiceLink(
      options.host,
      options.port,
      "postgres",
      () => new ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    );
    this.database = options.database;
    this.user = options.user;
  }

  open(): Coroutine<Connection> {
    const connection = this;
    return Coroutine.fromFunction(
      "connect",
      function* () {
        const server = serverAt(connection.link.address);
        connection.session = (yield sqlRoundTrip(
          connection.link,
          `connect to ${connection.database}`,
          () => new SqlSession(server, connection.database, true, "postgres"),
          postgresError,
        )) as SqlSession;
        return connection;
      },
      false,
    );
  }

  /** fetch(query, *args): the rows as Records. */
  fetch(sql: string, ...args: unknown[]): Coroutine<Record[]> {
    const connection = this;
    return Coroutine.fromFunction("Connection.fetch", function* () {
      const result = (yield connection.run(sql, args)) as QueryResult;
      return result.rows.map((row) => record(result.columns ?? [], row));
    });
  }

  /** fetchrow(query, *args): the first row, or None. */
  fetchrow(sql: string, ...args: unknown[]): Coroutine<Record | null> {
    const connection = this;
    return Coroutine.fromFunction("Connection.fetchrow", function* () {
      const result = (yield connection.run(sql, args)) as QueryResult;
      const first = result.rows[0];
      return first === undefined ? null : record(result.columns ?? [], first);
    });
  }

  /** fetchval(query, *args, column=0): one value of the first row, or None. */
  fetchval(sql: string, ...args: unknown[]): Coroutine<SqlValue> {
    const connection = this;
    const last = args[args.length - 1];
    const column = isOptionsObject(last) ? option(last, "column", 0) : 0;
    const values = isOptionsObject(last) ? args.slice(0, -1) : args;
    return Coroutine.fromFunction("Connection.fetchval", function* () {
      const result = (yield connection.run(sql, values)) as QueryResult;
      return result.rows[0]?.[column] ?? null;
    });
  }

  /** execute(query, *args): the status, as "INSERT 0 1". */
  execute(sql: string, ...args: unknown[]): Coroutine<string> {
    const connection = this;
    return Coroutine.fromFunction("Connection.execute", function* () {
      return status((yield connection.run(sql, args)) as QueryResult);
    });
  }

  executemany(sql: string, argsList: unknown[][]): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.executemany", function* () {
      for (const args of argsList) yield connection.run(sql, args);
    });
  }

  /** `async with conn.transaction():` commits at the end, rolls back on an exception. */
  transaction(): Transaction {
    return new Transaction(this);
  }

  isClosed(): boolean {
    return this.session === null;
  }

  close(): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.close", function* () {
      connection.session?.rollback();
      connection.session = null;
    });
  }

  __repr__(): string {
    return `<asyncpg.connection.Connection ${this.link.address}/${this.database}>`;
  }

  /** For Transaction: BEGIN, COMMIT and ROLLBACK as round trips. */
  control(what: "BEGIN" | "COMMIT" | "ROLLBACK"): Coroutine<unknown> {
    const session = this.openSession();
    return this.link.roundTrip(
      what,
      immediately(() => {
        if (what === "BEGIN") session.begin();
        else if (what === "COMMIT") session.commit();
        else session.rollback();
      }),
    );
  }

  private run(sql: string, args: unknown[]): Coroutine<QueryResult> {
    const connection = this;
    return Coroutine.fromFunction(
      "Connection._execute",
      function* () {
        return (yield runStatement(connection.link, connection.openSession(), sql, args, postgresError)) as QueryResult;
      },
      false,
    );
  }

  private openSession(): SqlSession {
    if (this.session === null) throw new InterfaceError("cannot call Connection.fetch(): connection has been released back to the pool");
    return this.session;
  }
}
addSnakeCaseAliases(Connection);

export class Transaction {
  constructor(private readonly connection: Connection) {}

  start(): Coroutine<unknown> {
    return this.connection.control("BEGIN");
  }

  commit(): Coroutine<unknown> {
    return this.connection.control("COMMIT");
  }

  rollback(): Coroutine<unknown> {
    return this.connection.control("ROLLBACK");
  }

  __aenter__(): Coroutine<unknown> {
    return this.start();
  }

  __aexit__(type?: unknown): Coroutine<boolean> {
    const transaction = this;
    return Coroutine.fromFunction("Transaction.__aexit__", function* () {
      yield type === null || type === undefined ? transaction.commit() : transaction.rollback();
      return false;
    });
  }
}

export class Pool {
  private readonly connections: ConnectionSlots<Connection>;
  private isClosed = false;
  readonly minSize: number;
  readonly maxSize: number;

  constructor(options: Required<Omit<ConnectOptions, "dsn" | "password">>, sizes: { minSize?: number; maxSize?: number }) {
    this.minSize = option(sizes, "minSize", 10);
    this.maxSize = option(sizes, "maxSize", 10);
    this.connections = new ConnectionSlots(this.maxSize, `max_size ${this.maxSize}`, () => new Connection(options));
  }

  fill(): Coroutine<Pool> {
    const pool = this;
    return Coroutine.fromFunction(
      "Pool._initialize",
      function* () {
        yield pool.connections.fill("Pool._initialize", pool.minSize);
        return pool;
      },
      false,
    );
  }

  acquire(): ContextAwaitable<Connection> {
    const pool = this;
    return new ContextAwaitable(
      Coroutine.fromFunction("Pool._acquire", function* () {
        if (pool.isClosed) throw new InterfaceError("pool is closed");
        return (yield pool.connections.take("Pool._acquire")) as Connection;
      }),
      (connection) => pool.release(connection),
      "asyncpg.pool.PoolAcquireContext",
    );
  }

  release(connection: Connection): Coroutine<void> {
    const pool = this;
    return Coroutine.fromFunction("Pool.release", function* () {
      if (!pool.isClosed) pool.connections.free.push(connection);
      pool.connections.releaseSlot();
    });
  }

  fetch(sql: string, ...args: unknown[]): Coroutine<Record[]> {
    return this.withConnection((connection) => connection.fetch(sql, ...args));
  }

  fetchrow(sql: string, ...args: unknown[]): Coroutine<Record | null> {
    return this.withConnection((connection) => connection.fetchrow(sql, ...args));
  }

  fetchval(sql: string, ...args: unknown[]): Coroutine<SqlValue> {
    return this.withConnection((connection) => connection.fetchval(sql, ...args));
  }

  execute(sql: string, ...args: unknown[]): Coroutine<string> {
    return this.withConnection((connection) => connection.execute(sql, ...args));
  }

  close(): Coroutine<void> {
    const pool = this;
    return Coroutine.fromFunction("Pool.close", function* () {
      pool.isClosed = true;
      for (const connection of pool.connections.free.splice(0)) yield connection.close();
    });
  }

  __aenter__(): Coroutine<Pool> {
    const pool = this;
    return Coroutine.fromFunction("Pool.__aenter__", function* () {
      return pool;
    });
  }

  __aexit__(): Coroutine<void> {
    return this.close();
  }

  private withConnection<T>(use: (connection: Connection) => Coroutine<T>): Coroutine<T> {
    const pool = this;
    return Coroutine.fromFunction("Pool.execute", function* () {
      const connection = (yield pool.acquire()) as Connection;
      try {
        return (yield use(connection)) as T;
      } finally {
        yield pool.release(connection);
      }
    });
  }
}
addSnakeCaseAliases(Pool);

/** asyncpg.connect(dsn=None, *, host, port, user, password, database). */
function connect(dsn?: string | ConnectOptions, options?: ConnectOptions): Coroutine<Connection> {
  return new Connection(connectOptions(dsn, options)).open();
}

/** asyncpg.create_pool(dsn=None, *, min_size=10, max_size=10, ...): awaitable or `async with`. */
function createPool(
  dsn?: string | (ConnectOptions & { minSize?: number; maxSize?: number }),
  options?: ConnectOptions & { minSize?: number; maxSize?: number },
): ContextAwaitable<Pool> {
  const sizes = isOptionsObject(dsn) ? dsn : (options ?? {});
  return new ContextAwaitable(new Pool(connectOptions(dsn, options), sizes).fill(), (pool) => pool.close(), "asyncpg.pool.Pool");
}

/** asyncpg.exceptions, whose classes the package also exports at its top level. */
const exceptions = {
  PostgresError,
  InterfaceError,
  PostgresSyntaxError,
  FeatureNotSupportedError,
  UndefinedTableError,
  UndefinedColumnError,
  DuplicateTableError,
  UniqueViolationError,
  InvalidCatalogNameError,
  ConnectionDoesNotExistError,
};

export const asyncpg = makeModule({
  connect,
  createPool,
  Connection,
  Pool,
  Record,
  ...exceptions,
  exceptions: makeModule(exceptions),
});
