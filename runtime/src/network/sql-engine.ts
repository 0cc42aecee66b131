// The simulated SQL database server: databases of tables held in memory, running the statements
// of sql-parser.ts. A session (one connection) may hold a transaction: the tables it writes are
// copied for it, its reads see its copies, commit() puts them in place of the shared tables and
// rollback() drops them. Concurrent transactions on one table are not isolated from each other:
// the last to commit wins.

import {
  type ColumnDefinition,
  type Comparison,
  type Dialect,
  parseSql,
  type SelectItem,
  SqlError,
  type SqlValue,
  type Statement,
  type TableName,
} from "./sql-parser.js";

export type Column = ColumnDefinition;

export class Table {
  constructor(
    readonly name: string,
    readonly columns: Column[],
    public rows: SqlValue[][] = [],
    public nextId = 1,
  ) {}

  clone(): Table {
    return new Table(
      this.name,
      this.columns,
      this.rows.map((row) => [...row]),
      this.nextId,
    );
  }

  columnIndex(name: string): number {
    const index = this.columns.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
    if (index === -1) throw new SqlError("no-column", `Unknown column '${name}'`, name);
    return index;
  }
}

export class SqlDatabase {
  readonly tables = new Map<string, Table>();

  constructor(readonly name: string) {}

  add(table: Table): void {
    this.tables.set(table.name.toLowerCase(), table);
  }
}

export class SqlServer {
  readonly databases = new Map<string, SqlDatabase>();

  database(name: string): SqlDatabase | undefined {
    return this.databases.get(name.toLowerCase());
  }

  addDatabase(name: string): SqlDatabase {
    const database = new SqlDatabase(name);
    this.databases.set(name.toLowerCase(), database);
    return database;
  }
}

export interface QueryResult {
  kind: Statement["kind"];
  /** Column names of a SELECT; null for other statements. */
  columns: string[] | null;
  rows: SqlValue[][];
  /** Rows a write matched (UPDATE, DELETE) or inserted. */
  matched: number;
  /** Rows a write changed: MySQL's affected rows. */
  changed: number;
  lastInsertId: number | null;
  /** Seconds the server spends (SELECT SLEEP(n)). */
  serverTime: number;
}

const INTEGER_TYPES = new Set(["INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT", "SERIAL", "BIGSERIAL"]);
const NUMBER_TYPES = new Set(["FLOAT", "DOUBLE", "REAL", "DECIMAL", "NUMERIC"]);

function coerce(value: SqlValue, column: Column): SqlValue {
  if (value === null) return null;
  if (INTEGER_TYPES.has(column.type) || NUMBER_TYPES.has(column.type)) {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
    return value;
  }
  if ((column.type === "BOOL" || column.type === "BOOLEAN") && typeof value === "number") return value !== 0;
  return typeof value === "number" ? String(value) : value;
}

/** SQL comparison: null when either side is NULL; numbers compare as numbers, the rest as text. */
function compare(left: SqlValue, right: SqlValue): number | null {
  if (left === null || right === null) return null;
  if (typeof left === "number" || typeof right === "number" || typeof left === "boolean" || typeof right === "boolean") {
    const a = Number(left);
    const b = Number(right);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}

function holds(comparison: Comparison, value: SqlValue): boolean {
  if (comparison.op === "IS NULL") return value === null;
  if (comparison.op === "IS NOT NULL") return value !== null;
  const order = compare(value, comparison.value);
  if (order === null) return false;
  switch (comparison.op) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

function filter(table: Table, where: Comparison[]): SqlValue[][] {
  const tests = where.map((comparison) => ({ comparison, index: table.columnIndex(comparison.column) }));
  return table.rows.filter((row) => tests.every(({ comparison, index }) => holds(comparison, row[index] ?? null)));
}

function itemName(item: SelectItem, table: Table | null): string {
  switch (item.kind) {
    case "all":
      return "*";
    case "column":
      return item.alias ?? (table === null ? item.name : (table.columns[table.columnIndex(item.name)] as Column).name);
    case "count":
      return item.alias ?? "COUNT(*)";
    case "value":
    case "sleep":
      return item.alias ?? item.text;
  }
}

export class SqlSession {
  /** Copies of the tables this session's open transaction wrote, by "database.table". */
  private transaction: Map<string, Table> | null = null;
  private explicit = false;

  constructor(
    private readonly server: SqlServer,
    public database: string | null,
    /** MySQL's autocommit: off by default in aiomysql; asyncpg commits each statement unless a transaction is open. */
    public autocommit: boolean,
    private readonly dialect: Dialect,
  ) {
    if (database !== null && server.database(database) === undefined)
      throw new SqlError("no-database", `Unknown database '${database}'`, database);
  }

  get inTransaction(): boolean {
    return this.transaction !== null || this.explicit;
  }

  begin(): void {
    this.explicit = true;
  }

  commit(): void {
    for (const [key, table] of this.transaction ?? []) {
      const [databaseName] = key.split(".") as [string];
      this.server.database(databaseName)?.tables.set(table.name.toLowerCase(), table);
    }
    this.transaction = null;
    this.explicit = false;
  }

  rollback(): void {
    this.transaction = null;
    this.explicit = false;
  }

  execute(sql: string, params: unknown): QueryResult {
    const statement = parseSql(sql, params, this.dialect);
    switch (statement.kind) {
      case "select":
        return this.select(statement);
      case "insert":
        return this.insert(statement);
      case "update":
        return this.update(statement);
      case "delete":
        return this.remove(statement);
      case "create":
      case "drop":
        // DDL commits what the transaction holds, as MySQL does.
        if (this.dialect === "mysql") this.commit();
        return statement.kind === "create" ? this.createTable(statement) : this.dropTable(statement);
    }
  }

  private result(kind: Statement["kind"], partial: Partial<QueryResult>): QueryResult {
    return { kind, columns: null, rows: [], matched: 0, changed: 0, lastInsertId: null, serverTime: 0, ...partial };
  }

  private databaseOf(name: TableName): SqlDatabase {
    const databaseName = name.database ?? this.database;
    if (databaseName === null) throw new SqlError("no-database", "No database selected");
    const database = this.server.database(databaseName);
    if (database === undefined) throw new SqlError("no-database", `Unknown database '${databaseName}'`, databaseName);
    return database;
  }

  private readTable(name: TableName): Table {
    const database = this.databaseOf(name);
    const key = `${database.name.toLowerCase()}.${name.table.toLowerCase()}`;
    const table = this.transaction?.get(key) ?? database.tables.get(name.table.toLowerCase());
    if (table === undefined) throw new SqlError("no-table", `Table '${database.name}.${name.table}' doesn't exist`, name.table);
    return table;
  }

  /** The table to change: shared under autocommit, else this transaction's own copy. */
  private writeTable(name: TableName): Table {
    const table = this.readTable(name);
    if (this.autocommit && !this.explicit) return table;
    const key = `${this.databaseOf(name).name.toLowerCase()}.${name.table.toLowerCase()}`;
    this.transaction ??= new Map();
    let copy = this.transaction.get(key);
    if (copy === undefined) {
      copy = table.clone();
      this.transaction.set(key, copy);
    }
    return copy;
  }

  private select(statement: Extract<Statement, { kind: "select" }>): QueryResult {
    const table = statement.from === null ? null : this.readTable(statement.from);
    const serverTime = statement.items.reduce((total, item) => total + (item.kind === "sleep" ? item.seconds : 0), 0);
    if (table === null) {
      const row = statement.items.map((item) => (item.kind === "value" ? item.value : 0));
      return this.result("select", { columns: statement.items.map((item) => itemName(item, null)), rows: [row], serverTime });
    }
    let rows = filter(table, statement.where);
    const counting = statement.items.some((item) => item.kind === "count");
    if (counting && statement.items.some((item) => item.kind === "all" || item.kind === "column")) {
      throw new SqlError(
        "unsupported",
        "COUNT(*) with other columns needs GROUP BY, which is not supported by Looplab's simulated database",
        "GROUP BY",
      );
    }
    if (counting) {
      const row = statement.items.map((item) => (item.kind === "count" ? rows.length : item.kind === "value" ? item.value : 0));
      return this.result("select", { columns: statement.items.map((item) => itemName(item, table)), rows: [row], serverTime });
    }
    if (statement.orderBy.length > 0) {
      const keys = statement.orderBy.map(({ column, descending }) => ({ index: table.columnIndex(column), sign: descending ? -1 : 1 }));
      rows = [...rows].sort((a, b) => {
        for (const { index, sign } of keys) {
          const left = a[index] ?? null;
          const right = b[index] ?? null;
          // NULL sorts first, as in MySQL.
          const order = left === null ? (right === null ? 0 : -1) : right === null ? 1 : (compare(left, right) as number);
          if (order !== 0) return order * sign;
        }
        return 0;
      });
    }
    rows = rows.slice(statement.offset, statement.limit === null ? undefined : statement.offset + statement.limit);
    const columns: string[] = [];
    const pick: ((row: SqlValue[]) => SqlValue)[] = [];
    for (const item of statement.items) {
      if (item.kind === "all") {
        table.columns.forEach((column, index) => {
          columns.push(column.name);
          pick.push((row) => row[index] ?? null);
        });
      } else {
        columns.push(itemName(item, table));
        if (item.kind === "column") {
          const index = table.columnIndex(item.name);
          pick.push((row) => row[index] ?? null);
        } else {
          const value = item.kind === "value" ? item.value : 0;
          pick.push(() => value);
        }
      }
    }
    return this.result("select", { columns, rows: rows.map((row) => pick.map((get) => get(row))), serverTime });
  }

  private insert(statement: Extract<Statement, { kind: "insert" }>): QueryResult {
    const table = this.writeTable(statement.table);
    const indexes =
      statement.columns === null ? table.columns.map((_, index) => index) : statement.columns.map((name) => table.columnIndex(name));
    const key = table.columns.findIndex((column) => column.primaryKey);
    let lastInsertId: number | null = null;
    const added: SqlValue[][] = [];
    statement.rows.forEach((values, rowNumber) => {
      if (values.length !== indexes.length) throw new SqlError("syntax", `Column count doesn't match value count at row ${rowNumber + 1}`);
      const row: SqlValue[] = table.columns.map((column) => column.defaultValue);
      indexes.forEach((columnIndex, position) => {
        row[columnIndex] = coerce(values[position] ?? null, table.columns[columnIndex] as Column);
      });
      table.columns.forEach((column, index) => {
        if (column.autoIncrement && row[index] === null) {
          row[index] = table.nextId;
          lastInsertId = table.nextId;
        }
        if (column.autoIncrement && typeof row[index] === "number") table.nextId = Math.max(table.nextId, (row[index] as number) + 1);
        if (column.notNull && row[index] === null && !column.autoIncrement) {
          throw new SqlError("syntax", `Field '${column.name}' doesn't have a default value`, column.name);
        }
      });
      if (key !== -1) {
        const value = row[key] ?? null;
        if ([...table.rows, ...added].some((existing) => compare(existing[key] ?? null, value) === 0)) {
          throw new SqlError("duplicate", `Duplicate entry '${String(value)}' for key 'PRIMARY'`, String(value));
        }
      }
      added.push(row);
    });
    table.rows.push(...added);
    return this.result("insert", { matched: added.length, changed: added.length, lastInsertId });
  }

  private update(statement: Extract<Statement, { kind: "update" }>): QueryResult {
    const table = this.writeTable(statement.table);
    const assignments = statement.assignments.map(([name, value]) => {
      const index = table.columnIndex(name);
      return { index, value: coerce(value, table.columns[index] as Column) };
    });
    const matched = filter(table, statement.where);
    let changed = 0;
    for (const row of matched) {
      let different = false;
      for (const { index, value } of assignments) {
        if (row[index] !== value) different = true;
        row[index] = value;
      }
      if (different) changed++;
    }
    return this.result("update", { matched: matched.length, changed });
  }

  private remove(statement: Extract<Statement, { kind: "delete" }>): QueryResult {
    const table = this.writeTable(statement.table);
    const doomed = new Set(filter(table, statement.where));
    table.rows = table.rows.filter((row) => !doomed.has(row));
    return this.result("delete", { matched: doomed.size, changed: doomed.size });
  }

  private createTable(statement: Extract<Statement, { kind: "create" }>): QueryResult {
    const database = this.databaseOf(statement.table);
    if (database.tables.has(statement.table.table.toLowerCase())) {
      if (statement.ifNotExists) return this.result("create", {});
      throw new SqlError("table-exists", `Table '${statement.table.table}' already exists`, statement.table.table);
    }
    database.add(new Table(statement.table.table, statement.columns));
    return this.result("create", {});
  }

  private dropTable(statement: Extract<Statement, { kind: "drop" }>): QueryResult {
    const database = this.databaseOf(statement.table);
    if (!database.tables.delete(statement.table.table.toLowerCase()) && !statement.ifExists) {
      throw new SqlError("no-table", `Unknown table '${database.name}.${statement.table.table}'`, statement.table.table);
    }
    return this.result("drop", {});
  }
}
