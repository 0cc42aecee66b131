// The `aiomysql` module: MySQL connections, cursors and pools against the simulated MySQL
// servers (one per host and port, each with the databases of sql-demo-data.ts). Connecting
// costs a round trip, so does each execute(), commit() and rollback(); fetchone/fetchall read
// what execute() brought back. As in aiomysql, autocommit is off: writes wait for commit().
// Errors are PyMySQL's: ProgrammingError(1146, "Table 'test.nope' doesn't exist").

import { Coroutine } from "../asyncio/coroutines.js";
import { RuntimeError, StopAsyncIteration } from "../asyncio/exceptions.js";
import { makeModule } from "../asyncio/module.js";
import { quote } from "../builtins/format.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { ConnectionSlots } from "./connection-slots.js";
import { ContextAwaitable } from "./context-awaitable.js";
import { immediately, ServiceLink } from "./service-link.js";
import { mysqlServer } from "./sql-demo-data.js";
import { type QueryResult, SqlSession } from "./sql-engine.js";
import { runStatement, serversMadeBy, sqlRoundTrip } from "./sql-link.js";
import { SqlError, type SqlValue } from "./sql-parser.js";
import { type Tuple, tuple } from "./tuple.js";

/** PyMySQL's exceptions: str() is "(1146, \"Table 'test.nope' doesn't exist\")". */
export class MySQLError extends Error {
  readonly args: [number, string] | [];

  constructor(code?: number, message?: string) {
    super(code === undefined ? "" : `(${code}, ${quote(message ?? "")})`);
    this.name = new.target.name;
    this.args = code === undefined ? [] : [code, message ?? ""];
  }

  __str__(): string {
    return this.message;
  }

  __repr__(): string {
    return this.args.length === 0 ? `${this.name}()` : `${this.name}(${this.args[0]}, ${quote(this.args[1])})`;
  }
}

export class MySQLWarning extends MySQLError {}
/** PyMySQL's Error (its name in Python; here DatabaseFault, to leave JavaScript's Error alone). */
export class DatabaseFault extends MySQLError {
  constructor(code?: number, message?: string) {
    super(code, message);
    if (new.target === DatabaseFault) this.name = "Error";
  }
}
export class InterfaceError extends DatabaseFault {}
export class DatabaseError extends DatabaseFault {}
export class DataError extends DatabaseError {}
export class OperationalError extends DatabaseError {}
export class IntegrityError extends DatabaseError {}
export class InternalError extends DatabaseError {}
export class ProgrammingError extends DatabaseError {}
export class NotSupportedError extends DatabaseError {}

/** The MySQL error a failing statement raises. */
function mysqlError(error: unknown): unknown {
  if (!(error instanceof SqlError)) return error;
  switch (error.kind) {
    case "syntax":
      if (error.message !== "syntax error") return new ProgrammingError(1064, error.message);
      return new ProgrammingError(
        1064,
        `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${error.subject}' at line 1`,
      );
    case "unsupported":
      return new NotSupportedError(1235, error.message);
    case "no-database":
      return error.subject === "" ? new ProgrammingError(1046, error.message) : new OperationalError(1049, error.message);
    case "no-table":
      return new ProgrammingError(1146, error.message);
    case "no-column":
      return new OperationalError(1054, `${error.message} in 'field list'`);
    case "table-exists":
      return new OperationalError(1050, error.message);
    case "duplicate":
      return new IntegrityError(1062, error.message);
    case "parameters":
      return new TypeError(error.message);
  }
}

const DEFAULT_PORT = 3306;

const serverAt = serversMadeBy(mysqlServer);

interface ConnectOptions {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  db?: string | null;
  autocommit?: boolean;
  cursorclass?: typeof Cursor;
}

export class Connection {
  private session: SqlSession | null = null;
  readonly link: ServiceLink;
  readonly db: string | null;
  readonly user: string;
  private readonly cursorClass: typeof Cursor;
  private readonly autocommitAtStart: boolean;

  constructor(options: ConnectOptions = {}) {
    this.link = new ServiceLink(option(options, "host", "localhost"), option(options, "port", DEFAULT_PORT), "mysql", lostConnection);
    this.db = option<string | null>(options, "db", null);
    this.user = option(options, "user", "root");
    this.cursorClass = option(options, "cursorclass", Cursor);
    this.autocommitAtStart = option(options, "autocommit", false);
  }

  get host(): string {
    return this.link.host;
  }

  get port(): number {
    return this.link.port;
  }

  get closed(): boolean {
    return this.session === null;
  }

  /** Connects: one round trip; an unknown database fails there. */
  open(): Coroutine<Connection> {
    const connection = this;
    return Coroutine.fromFunction(
      "Connection._connect",
      function* () {
        const server = serverAt(connection.link.address);
        connection.session = (yield sqlRoundTrip(
          connection.link,
          `connect as ${connection.user}`,
          () => new SqlSession(server, connection.db, connection.autocommitAtStart, "mysql"),
          mysqlError,
        )) as SqlSession;
        return connection;
      },
      false,
    );
  }

  /** cursor(cursorclass=Cursor): awaitable, or `async with` to close it at the end. */
  cursor(cursorClass?: typeof Cursor): ContextAwaitable<Cursor> {
    const connection = this;
    const Class = cursorClass ?? this.cursorClass;
    return new ContextAwaitable(
      Coroutine.fromFunction("Connection.cursor", function* () {
        return new Class(connection);
      }),
      (cursor) => cursor.close(),
      "aiomysql.utils._ContextManager",
    );
  }

  commit(): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.commit", function* () {
      const session = connection.openSession();
      yield connection.link.roundTrip(
        "COMMIT",
        immediately(() => session.commit()),
      );
    });
  }

  rollback(): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.rollback", function* () {
      const session = connection.openSession();
      yield connection.link.roundTrip(
        "ROLLBACK",
        immediately(() => session.rollback()),
      );
    });
  }

  begin(): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.begin", function* () {
      const session = connection.openSession();
      yield connection.link.roundTrip(
        "BEGIN",
        immediately(() => session.begin()),
      );
    });
  }

  autocommit(value: boolean): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.autocommit", function* () {
      const session = connection.openSession();
      yield connection.link.roundTrip(
        `SET autocommit=${value ? 1 : 0}`,
        immediately(() => {
          session.autocommit = value;
        }),
      );
    });
  }

  getAutocommit(): boolean {
    return this.openSession().autocommit;
  }

  selectDb(db: string): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.select_db", function* () {
      const session = connection.openSession();
      yield connection.link.roundTrip(
        `USE ${db}`,
        immediately(() => {
          if (serverAt(connection.link.address).database(db) === undefined) throw new OperationalError(1049, `Unknown database '${db}'`);
          session.database = db;
        }),
      );
    });
  }

  /** Closes at once; what is not committed is rolled back. */
  close(): void {
    this.session?.rollback();
    this.session = null;
  }

  ensureClosed(): Coroutine<void> {
    const connection = this;
    return Coroutine.fromFunction("Connection.ensure_closed", function* () {
      connection.close();
    });
  }

  __aenter__(): Coroutine<Connection> {
    const connection = this;
    return Coroutine.fromFunction("Connection.__aenter__", function* () {
      return connection;
    });
  }

  __aexit__(): Coroutine<void> {
    return this.ensureClosed();
  }

  __repr__(): string {
    return `<aiomysql.connection.Connection ${this.link.address} db=${this.db ?? "None"}>`;
  }

  /** One statement on the server: a round trip plus what the server spends. */
  run(sql: string, params: unknown): Coroutine<QueryResult> {
    const connection = this;
    return Coroutine.fromFunction(
      "Connection.query",
      function* () {
        return (yield runStatement(connection.link, connection.openSession(), sql, params, mysqlError)) as QueryResult;
      },
      false,
    );
  }

  private openSession(): SqlSession {
    if (this.session === null) throw new InterfaceError(0, "");
    return this.session;
  }
}
addSnakeCaseAliases(Connection);

function lostConnection(): Error {
  return new OperationalError(2013, "Lost connection to MySQL server during query");
}

type Row = Tuple<SqlValue> | Record<string, SqlValue>;

export class Cursor {
  private result: QueryResult | null = null;
  private position = 0;
  private isClosed = false;

  constructor(readonly connection: Connection) {}

  get rowcount(): number {
    if (this.result === null) return -1;
    return this.result.columns === null ? this.result.changed : this.result.rows.length;
  }

  get lastrowid(): number | null {
    return this.result?.lastInsertId ?? (this.result === null ? null : 0);
  }

  get rownumber(): number {
    return this.position;
  }

  /** Each column as (name, type_code, ...): the name is what the simulation knows. */
  get description(): Tuple<Tuple<unknown>> | null {
    if (this.result?.columns == null) return null;
    return tuple(...this.result.columns.map((name) => tuple<unknown>(name, null, null, null, null, null, true)));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** execute(query, args=None): the number of rows it gave or changed. */
  execute(sql: string, args: unknown = null): Coroutine<number> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.execute", function* () {
      if (cursor.isClosed) throw new ProgrammingError(0, "Cursor closed");
      cursor.result = (yield cursor.connection.run(sql, args)) as QueryResult;
      cursor.position = 0;
      return cursor.rowcount;
    });
  }

  /** executemany(query, args): the statement for each set of arguments, in one round trip each. */
  executemany(sql: string, argsList: unknown[]): Coroutine<number> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.executemany", function* () {
      let total = 0;
      for (const args of argsList) total += (yield cursor.execute(sql, args)) as number;
      return total;
    });
  }

  fetchone(): Coroutine<Row | null> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.fetchone", function* () {
      const rows = cursor.rows();
      if (cursor.position >= rows.length) return null;
      return cursor.shape(rows[cursor.position++] as SqlValue[]);
    });
  }

  fetchmany(size = 1): Coroutine<Tuple<Row>> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.fetchmany", function* () {
      const rows = cursor.rows().slice(cursor.position, cursor.position + size);
      cursor.position += rows.length;
      return tuple(...rows.map((row) => cursor.shape(row)));
    });
  }

  fetchall(): Coroutine<Tuple<Row>> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.fetchall", function* () {
      const rows = cursor.rows().slice(cursor.position);
      cursor.position += rows.length;
      return tuple(...rows.map((row) => cursor.shape(row)));
    });
  }

  close(): Coroutine<void> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.close", function* () {
      cursor.isClosed = true;
    });
  }

  __aenter__(): Coroutine<Cursor> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.__aenter__", function* () {
      return cursor;
    });
  }

  __aexit__(): Coroutine<void> {
    return this.close();
  }

  __aiter__(): Cursor {
    return this;
  }

  __anext__(): Coroutine<Row> {
    const cursor = this;
    return Coroutine.fromFunction("Cursor.__anext__", function* () {
      const row = (yield cursor.fetchone()) as Row | null;
      if (row === null) throw new StopAsyncIteration();
      return row;
    });
  }

  /** `for await (const row of cursor)`. */
  [Symbol.asyncIterator](): { next(): Coroutine<IteratorResult<Row, undefined>> } {
    const cursor = this;
    return {
      next: () =>
        Coroutine.fromFunction(
          "Cursor.__anext__",
          function* () {
            const row = (yield cursor.fetchone()) as Row | null;
            return row === null ? { value: undefined, done: true } : { value: row, done: false };
          },
          false,
        ),
    };
  }

  protected shape(row: SqlValue[]): Row {
    return tuple(...row);
  }

  protected columns(): string[] {
    return this.result?.columns ?? [];
  }

  private rows(): SqlValue[][] {
    if (this.result === null) throw new ProgrammingError(0, "execute() first");
    return this.result.rows;
  }
}
addSnakeCaseAliases(Cursor);

/** Rows as dicts: {'Host': 'localhost', 'User': 'root'}. */
export class DictCursor extends Cursor {
  protected override shape(row: SqlValue[]): Row {
    const columns = this.columns();
    return Object.fromEntries(row.map((value, index) => [columns[index] as string, value]));
  }
}

interface PoolOptions extends ConnectOptions {
  minsize?: number;
  maxsize?: number;
}

export class Pool {
  readonly minsize: number;
  readonly maxsize: number;
  private readonly connections: ConnectionSlots<Connection>;
  private readonly used = new Set<Connection>();
  private isClosed = false;

  constructor(options: PoolOptions) {
    this.minsize = option(options, "minsize", 1);
    this.maxsize = option(options, "maxsize", 10);
    this.connections = new ConnectionSlots(this.maxsize, `maxsize ${this.maxsize}`, () => new Connection(options));
  }

  get size(): number {
    return this.connections.free.length + this.used.size;
  }

  get freesize(): number {
    return this.connections.free.length;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Opens the first `minsize` connections, all at once. */
  fill(): Coroutine<Pool> {
    const pool = this;
    return Coroutine.fromFunction(
      "Pool._fill_free_pool",
      function* () {
        yield pool.connections.fill("Pool._fill_free_pool", pool.minsize);
        return pool;
      },
      false,
    );
  }

  /** acquire(): a free connection, or a new one up to maxsize; awaitable or `async with`. */
  acquire(): ContextAwaitable<Connection> {
    const pool = this;
    return new ContextAwaitable(
      Coroutine.fromFunction("Pool._acquire", function* () {
        if (pool.isClosed) throw new RuntimeError("Cannot acquire connection after closing pool");
        const connection = (yield pool.connections.take("Pool._acquire")) as Connection;
        pool.used.add(connection);
        return connection;
      }),
      (connection) => {
        pool.release(connection);
        return undefined;
      },
      "aiomysql.utils._PoolAcquireContextManager",
    );
  }

  release(connection: Connection): void {
    if (!this.used.delete(connection)) return;
    if (this.isClosed || connection.closed) connection.close();
    else this.connections.free.push(connection);
    this.connections.releaseSlot();
  }

  close(): void {
    this.isClosed = true;
    for (const connection of this.connections.free.splice(0)) connection.close();
  }

  terminate(): void {
    this.close();
    for (const connection of this.used) connection.close();
  }

  waitClosed(): Coroutine<void> {
    return Coroutine.fromFunction("Pool.wait_closed", function* () {
      yield null;
    });
  }

  __aenter__(): Coroutine<Pool> {
    const pool = this;
    return Coroutine.fromFunction("Pool.__aenter__", function* () {
      return pool;
    });
  }

  __aexit__(): Coroutine<void> {
    this.close();
    return this.waitClosed();
  }

  __repr__(): string {
    return `<aiomysql.pool.Pool size=${this.size} free=${this.freesize}>`;
  }
}
addSnakeCaseAliases(Pool);

/** aiomysql.connect(host=, port=3306, user=, password=, db=, autocommit=False): awaitable or `async with`. */
function connect(options: ConnectOptions = {}): ContextAwaitable<Connection> {
  return new ContextAwaitable(
    new Connection(options).open(),
    (connection) => connection.ensureClosed(),
    "aiomysql.utils._ConnectionContextManager",
  );
}

/** aiomysql.create_pool(minsize=1, maxsize=10, **connect options): awaitable or `async with`. */
function createPool(options: PoolOptions = {}): ContextAwaitable<Pool> {
  return new ContextAwaitable(
    new Pool(options).fill(),
    (pool) => {
      pool.close();
      return pool.waitClosed();
    },
    "aiomysql.utils._PoolContextManager",
  );
}

export const aiomysql = makeModule({
  connect,
  createPool,
  Connection,
  Cursor,
  DictCursor,
  Pool,
  MySQLError,
  Warning: MySQLWarning,
  Error: DatabaseFault,
  InterfaceError,
  DatabaseError,
  DataError,
  OperationalError,
  IntegrityError,
  InternalError,
  ProgrammingError,
  NotSupportedError,
});
