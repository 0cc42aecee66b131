// The SQL subset of the simulated databases, parsed into statements. Small on purpose:
//
//   SELECT * | column [AS alias], ... | COUNT(*) FROM table
//          [WHERE column op value [AND ...]] [ORDER BY column [ASC|DESC], ...] [LIMIT n [OFFSET m]]
//   SELECT value, ...                      (no table: SELECT 1, SELECT SLEEP(2))
//   INSERT INTO table [(column, ...)] VALUES (value, ...)[, (...)]
//   UPDATE table SET column = value, ... [WHERE ...]
//   DELETE FROM table [WHERE ...]
//   CREATE TABLE [IF NOT EXISTS] table (column type [PRIMARY KEY] [AUTO_INCREMENT] [NOT NULL] [DEFAULT value], ...)
//   DROP TABLE [IF EXISTS] table
//
// where op is =, !=, <>, <, <=, >, >=, or IS [NOT] NULL, and a value is a number, a 'string',
// NULL, TRUE, FALSE or a placeholder (%s and %(name)s for MySQL, $1 for PostgreSQL). Anything
// else (JOIN, OR, GROUP BY, subqueries, ...) is refused with an error that names it.

export type SqlValue = string | number | boolean | null;
export type Dialect = "mysql" | "postgres";

export class SqlError extends Error {
  constructor(
    readonly kind: "syntax" | "unsupported" | "no-database" | "no-table" | "no-column" | "table-exists" | "duplicate" | "parameters",
    message: string,
    /** What the error is about: the unsupported feature, the table or column name. */
    readonly subject = "",
  ) {
    super(message);
    this.name = "SqlError";
  }
}

export interface Comparison {
  column: string;
  op: "=" | "!=" | "<" | "<=" | ">" | ">=" | "IS NULL" | "IS NOT NULL";
  value: SqlValue;
}

export interface TableName {
  database: string | null;
  table: string;
}

export type SelectItem =
  | { kind: "all" }
  | { kind: "column"; name: string; alias: string | null }
  | { kind: "count"; alias: string | null }
  | { kind: "value"; value: SqlValue; text: string; alias: string | null }
  | { kind: "sleep"; seconds: number; text: string; alias: string | null };

export interface ColumnDefinition {
  name: string;
  type: string;
  primaryKey: boolean;
  autoIncrement: boolean;
  notNull: boolean;
  defaultValue: SqlValue;
}

export type Statement =
  | {
      kind: "select";
      items: SelectItem[];
      from: TableName | null;
      where: Comparison[];
      orderBy: { column: string; descending: boolean }[];
      limit: number | null;
      offset: number;
    }
  | { kind: "insert"; table: TableName; columns: string[] | null; rows: SqlValue[][] }
  | { kind: "update"; table: TableName; assignments: [string, SqlValue][]; where: Comparison[] }
  | { kind: "delete"; table: TableName; where: Comparison[] }
  | { kind: "create"; table: TableName; ifNotExists: boolean; columns: ColumnDefinition[] }
  | { kind: "drop"; table: TableName; ifExists: boolean };

type Token =
  | { kind: "word"; text: string; upper: string }
  | { kind: "value"; value: SqlValue; text: string }
  | { kind: "symbol"; text: string };

/** Words that name SQL this subset leaves out, refused by name wherever they appear. */
const UNSUPPORTED = new Set([
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "OUTER",
  "CROSS",
  "UNION",
  "GROUP",
  "HAVING",
  "DISTINCT",
  "OR",
  "IN",
  "LIKE",
  "BETWEEN",
  "EXISTS",
  "CASE",
  "WITH",
  "ALTER",
  "TRUNCATE",
  "RETURNING",
  "ON",
  "NOT",
  "SUM",
  "AVG",
  "MIN",
  "MAX",
  "UPPER",
  "LOWER",
  "CONCAT",
  "NOW",
]);

/** SQL statements the subset leaves out, refused by name rather than as syntax errors. */
const OTHER_STATEMENTS = new Set([
  "ALTER",
  "TRUNCATE",
  "SHOW",
  "USE",
  "EXPLAIN",
  "DESCRIBE",
  "BEGIN",
  "START",
  "COMMIT",
  "ROLLBACK",
  "SET",
  "GRANT",
  "REPLACE",
  "CALL",
  "LOCK",
  "WITH",
]);

export const SUBSET_SUMMARY =
  "it supports SELECT ... FROM one table [WHERE column op value AND ...] [ORDER BY ...] [LIMIT n], INSERT, UPDATE, DELETE, CREATE TABLE and DROP TABLE";

function unsupported(feature: string): SqlError {
  return new SqlError("unsupported", `${feature} is not supported by Looplab's simulated database: ${SUBSET_SUMMARY}`, feature);
}

/** Placeholders bound from `params`: %s, %(name)s and %% (MySQL), $1 (PostgreSQL). */
class Parameters {
  private next = 0;

  constructor(
    private readonly dialect: Dialect,
    private readonly params: unknown,
  ) {}

  positional(index?: number): SqlValue {
    const list = Array.isArray(this.params) ? this.params : this.params === undefined || this.params === null ? [] : [this.params];
    const position = index ?? this.next++;
    if (position >= list.length) {
      throw new SqlError(
        "parameters",
        this.dialect === "mysql"
          ? "not enough arguments for format string"
          : `the server expects at least ${position + 1} arguments for this query, ${list.length} were passed`,
      );
    }
    return toSqlValue(list[position]);
  }

  named(name: string): SqlValue {
    const record = this.params as Record<string, unknown> | null;
    if (record === null || typeof record !== "object" || !(name in record)) throw new SqlError("parameters", `'${name}'`);
    return toSqlValue(record[name]);
  }

  /** The positional parameters all used, as Python's % operator insists. */
  check(): void {
    if (this.dialect === "mysql" && Array.isArray(this.params) && this.next < this.params.length) {
      throw new SqlError("parameters", "not all arguments converted during string formatting");
    }
  }
}

export function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ");
  throw new SqlError("parameters", `cannot bind a value of type ${(value as object).constructor?.name ?? typeof value}`);
}

function tokenize(sql: string, parameters: Parameters, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    const rest = sql.slice(i);
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (rest.startsWith("--")) {
      i = sql.indexOf("\n", i) === -1 ? sql.length : sql.indexOf("\n", i);
      continue;
    }
    if (char === "'" || (char === '"' && dialect === "mysql")) {
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlError("syntax", "unterminated string", sql.slice(i, i + 20));
        const c = sql[j] as string;
        if (c === "\\" && dialect === "mysql") {
          text += ({ n: "\n", t: "\t", r: "\r", "0": "\0" } as Record<string, string>)[sql[j + 1] as string] ?? sql[j + 1];
          j += 2;
        } else if (c === char && sql[j + 1] === char) {
          text += char;
          j += 2;
        } else if (c === char) {
          break;
        } else {
          text += c;
          j++;
        }
      }
      tokens.push({ kind: "value", value: text, text: sql.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number !== null) {
      tokens.push({ kind: "value", value: Number(number[0]), text: number[0] });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest) ?? (char === "`" || char === '"' ? /^([`"])([^`"]+)\1/.exec(rest) : null);
    if (word !== null) {
      const quoted = word[0].startsWith("`") || word[0].startsWith('"');
      const text = quoted ? (word[2] as string) : word[0];
      tokens.push({ kind: "word", text, upper: quoted ? "" : text.toUpperCase() });
      i += word[0].length;
      continue;
    }
    if (dialect === "mysql" && rest.startsWith("%%")) {
      tokens.push({ kind: "symbol", text: "%" });
      i += 2;
      continue;
    }
    const named = /^%\((\w+)\)s/.exec(rest);
    if (dialect === "mysql" && (rest.startsWith("%s") || named !== null)) {
      const value = named === null ? parameters.positional() : parameters.named(named[1] as string);
      tokens.push({ kind: "value", value, text: named === null ? "%s" : named[0] });
      i += named === null ? 2 : named[0].length;
      continue;
    }
    const dollar = /^\$(\d+)/.exec(rest);
    if (dialect === "postgres" && dollar !== null) {
      tokens.push({ kind: "value", value: parameters.positional(Number(dollar[1]) - 1), text: dollar[0] });
      i += dollar[0].length;
      continue;
    }
    const symbol = /^(<=|>=|<>|!=|[=<>(),*;.+-])/.exec(rest);
    if (symbol === null) throw new SqlError("syntax", `unexpected character ${JSON.stringify(char)}`, rest.slice(0, 20));
    tokens.push({ kind: "symbol", text: symbol[0] });
    i += symbol[0].length;
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Statement {
    const first = this.peek();
    if (first?.kind !== "word") throw this.syntax();
    let statement: Statement;
    switch (first.upper) {
      case "SELECT":
        statement = this.select();
        break;
      case "INSERT":
        statement = this.insert();
        break;
      case "UPDATE":
        statement = this.update();
        break;
      case "DELETE":
        statement = this.delete();
        break;
      case "CREATE":
        statement = this.create();
        break;
      case "DROP":
        statement = this.drop();
        break;
      default:
        if (OTHER_STATEMENTS.has(first.upper)) throw unsupported(`${first.upper} (a statement)`);
        throw this.syntax();
    }
    if (this.peekSymbol(";")) this.position++;
    if (this.position < this.tokens.length) throw this.syntax();
    return statement;
  }

  private select(): Statement {
    this.expectWord("SELECT");
    const items: SelectItem[] = [];
    do items.push(this.selectItem());
    while (this.acceptSymbol(","));
    let from: TableName | null = null;
    let where: Comparison[] = [];
    const orderBy: { column: string; descending: boolean }[] = [];
    let limit: number | null = null;
    let offset = 0;
    if (this.acceptWord("FROM")) {
      from = this.tableName();
      if (this.peekSymbol(",")) throw unsupported("Selecting from several tables");
      where = this.where();
      if (this.acceptWord("ORDER")) {
        this.expectWord("BY");
        do {
          const column = this.identifier();
          const descending = this.acceptWord("DESC");
          if (!descending) this.acceptWord("ASC");
          orderBy.push({ column, descending });
        } while (this.acceptSymbol(","));
      }
      if (this.acceptWord("LIMIT")) {
        limit = this.integer();
        if (this.acceptSymbol(",")) {
          offset = limit;
          limit = this.integer();
        } else if (this.acceptWord("OFFSET")) offset = this.integer();
      }
    } else if (items.some((item) => item.kind === "all" || item.kind === "column" || item.kind === "count")) {
      throw this.syntax();
    }
    return { kind: "select", items, from, where, orderBy, limit, offset };
  }

  private selectItem(): SelectItem {
    if (this.acceptSymbol("*")) return { kind: "all" };
    const token = this.peek();
    if (token?.kind === "word" && (token.upper === "COUNT" || token.upper === "SLEEP") && this.peekSymbol("(", 1)) {
      this.position += 2;
      if (token.upper === "COUNT") {
        if (!this.acceptSymbol("*")) throw unsupported("COUNT of a column");
        this.expectSymbol(")");
        return { kind: "count", alias: this.alias() };
      }
      const seconds = this.value();
      this.expectSymbol(")");
      if (typeof seconds !== "number") throw this.syntax();
      return { kind: "sleep", seconds, text: `SLEEP(${seconds})`, alias: this.alias() };
    }
    if (token?.kind === "value" || this.peekWord("NULL") || this.peekWord("TRUE") || this.peekWord("FALSE") || this.peekSymbol("-")) {
      const start = this.position;
      const value = this.value();
      const text = this.tokens
        .slice(start, this.position)
        .map((t) => t.text)
        .join("");
      return { kind: "value", value, text, alias: this.alias() };
    }
    const name = this.identifier();
    if (this.peekSymbol("(")) throw unsupported(`The function ${name.toUpperCase()}()`);
    return { kind: "column", name, alias: this.alias() };
  }

  private alias(): string | null {
    if (this.acceptWord("AS")) return this.identifier();
    const token = this.peek();
    return token?.kind === "word" && !KEYWORDS.has(token.upper) ? this.identifier() : null;
  }

  private insert(): Statement {
    this.expectWord("INSERT");
    this.expectWord("INTO");
    const table = this.tableName();
    let columns: string[] | null = null;
    if (this.acceptSymbol("(")) {
      columns = [];
      do columns.push(this.identifier());
      while (this.acceptSymbol(","));
      this.expectSymbol(")");
    }
    if (!this.acceptWord("VALUES")) {
      if (this.peekWord("VALUE")) this.position++;
      else if (this.peekWord("SELECT")) throw unsupported("INSERT ... SELECT");
      else throw this.syntax();
    }
    const rows: SqlValue[][] = [];
    do {
      this.expectSymbol("(");
      const row: SqlValue[] = [];
      do row.push(this.value());
      while (this.acceptSymbol(","));
      this.expectSymbol(")");
      rows.push(row);
    } while (this.acceptSymbol(","));
    return { kind: "insert", table, columns, rows };
  }

  private update(): Statement {
    this.expectWord("UPDATE");
    const table = this.tableName();
    this.expectWord("SET");
    const assignments: [string, SqlValue][] = [];
    do {
      const column = this.identifier();
      this.expectSymbol("=");
      if (this.peek()?.kind === "word" && !this.peekWord("NULL") && !this.peekWord("TRUE") && !this.peekWord("FALSE")) {
        throw unsupported("An expression in SET (only plain values)");
      }
      assignments.push([column, this.value()]);
    } while (this.acceptSymbol(","));
    return { kind: "update", table, assignments, where: this.where() };
  }

  private delete(): Statement {
    this.expectWord("DELETE");
    this.expectWord("FROM");
    const table = this.tableName();
    return { kind: "delete", table, where: this.where() };
  }

  private create(): Statement {
    this.expectWord("CREATE");
    if (!this.acceptWord("TABLE")) throw unsupported(`CREATE ${this.peek()?.text ?? ""}`.trim());
    let ifNotExists = false;
    if (this.acceptWord("IF")) {
      if (this.peekWord("NOT")) this.position++;
      else throw this.syntax();
      this.expectWord("EXISTS");
      ifNotExists = true;
    }
    const table = this.tableName();
    this.expectSymbol("(");
    const columns: ColumnDefinition[] = [];
    do {
      if (
        this.peekWord("PRIMARY") ||
        this.peekWord("FOREIGN") ||
        this.peekWord("UNIQUE") ||
        this.peekWord("KEY") ||
        this.peekWord("INDEX")
      ) {
        throw unsupported("A table constraint (declare PRIMARY KEY on its column)");
      }
      columns.push(this.columnDefinition());
    } while (this.acceptSymbol(","));
    this.expectSymbol(")");
    while (this.position < this.tokens.length && !this.peekSymbol(";")) this.position++;
    return { kind: "create", table, ifNotExists, columns };
  }

  private columnDefinition(): ColumnDefinition {
    const name = this.identifier();
    const type = this.identifier().toUpperCase();
    if (this.acceptSymbol("(")) {
      while (!this.acceptSymbol(")")) {
        if (this.position >= this.tokens.length) throw this.syntax();
        this.position++;
      }
    }
    const column: ColumnDefinition = {
      name,
      type,
      primaryKey: false,
      autoIncrement: type === "SERIAL" || type === "BIGSERIAL",
      notNull: false,
      defaultValue: null,
    };
    for (;;) {
      if (this.acceptWord("PRIMARY")) {
        this.expectWord("KEY");
        column.primaryKey = true;
      } else if (this.acceptWord("AUTO_INCREMENT") || this.acceptWord("AUTOINCREMENT")) column.autoIncrement = true;
      else if (this.peekWord("NOT") && this.peekWord("NULL", 1)) {
        this.position += 2;
        column.notNull = true;
      } else if (this.acceptWord("NULL") || this.acceptWord("UNSIGNED")) {
        // The default, and a width detail the subset ignores.
      } else if (this.acceptWord("DEFAULT")) column.defaultValue = this.value();
      else if (this.acceptWord("UNIQUE") || this.acceptWord("REFERENCES") || this.acceptWord("CHECK"))
        throw unsupported("A column constraint other than PRIMARY KEY and NOT NULL");
      else return column;
    }
  }

  private drop(): Statement {
    this.expectWord("DROP");
    if (!this.acceptWord("TABLE")) throw unsupported(`DROP ${this.peek()?.text ?? ""}`.trim());
    let ifExists = false;
    if (this.acceptWord("IF")) {
      this.expectWord("EXISTS");
      ifExists = true;
    }
    return { kind: "drop", table: this.tableName(), ifExists };
  }

  private where(): Comparison[] {
    if (!this.acceptWord("WHERE")) return [];
    const comparisons: Comparison[] = [];
    do comparisons.push(this.comparison());
    while (this.acceptWord("AND"));
    return comparisons;
  }

  private comparison(): Comparison {
    if (this.peekSymbol("(")) throw unsupported("Parentheses in WHERE");
    const column = this.identifier();
    if (this.acceptWord("IS")) {
      const negated = this.peekWord("NOT");
      if (negated) this.position++;
      this.expectWord("NULL");
      return { column, op: negated ? "IS NOT NULL" : "IS NULL", value: null };
    }
    const op = this.peek();
    if (op?.kind !== "symbol" || !["=", "!=", "<>", "<", "<=", ">", ">="].includes(op.text)) throw this.syntax();
    this.position++;
    if (this.peek()?.kind === "word" && !this.peekWord("NULL") && !this.peekWord("TRUE") && !this.peekWord("FALSE")) {
      throw unsupported("Comparing two columns (compare a column with a value)");
    }
    const value = this.value();
    return { column, op: op.text === "<>" ? "!=" : (op.text as Comparison["op"]), value };
  }

  private tableName(): TableName {
    const first = this.identifier();
    if (this.acceptSymbol(".")) return { database: first, table: this.identifier() };
    return { database: null, table: first };
  }

  private identifier(): string {
    const token = this.peek();
    if (token?.kind !== "word") throw this.syntax();
    if (UNSUPPORTED.has(token.upper)) throw unsupported(token.upper);
    this.position++;
    return token.text;
  }

  private value(): SqlValue {
    const negative = this.acceptSymbol("-");
    const token = this.peek();
    if (token?.kind === "value") {
      this.position++;
      if (negative && typeof token.value !== "number") throw this.syntax();
      return negative ? -(token.value as number) : token.value;
    }
    if (token?.kind === "word" && !negative) {
      if (token.upper === "NULL") {
        this.position++;
        return null;
      }
      if (token.upper === "TRUE" || token.upper === "FALSE") {
        this.position++;
        return token.upper === "TRUE";
      }
      if (UNSUPPORTED.has(token.upper)) throw unsupported(token.upper);
    }
    throw this.syntax();
  }

  private integer(): number {
    const value = this.value();
    if (typeof value !== "number" || !Number.isInteger(value)) throw this.syntax();
    return value;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private peekWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === "word" && token.upper === word;
  }

  private peekSymbol(symbol: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === "symbol" && token.text === symbol;
  }

  private acceptWord(word: string): boolean {
    if (!this.peekWord(word)) return false;
    this.position++;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    if (!this.peekSymbol(symbol)) return false;
    this.position++;
    return true;
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word)) throw this.syntax();
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw this.syntax();
  }

  /** A syntax error near the current token, unless the rest of the statement uses what the subset leaves out. */
  private syntax(): SqlError {
    const refused = this.tokens.slice(this.position).find((token) => token.kind === "word" && UNSUPPORTED.has(token.upper));
    if (refused?.kind === "word") return unsupported(refused.upper);
    const near = this.tokens
      .slice(this.position)
      .map((t) => t.text)
      .join(" ");
    return new SqlError("syntax", "syntax error", near);
  }
}

/** Words after which a bare word is not an alias. */
const KEYWORDS = new Set(["FROM", "WHERE", "ORDER", "LIMIT", "AND", "AS", "OFFSET", "ASC", "DESC", ...UNSUPPORTED]);

export function parseSql(sql: string, params: unknown, dialect: Dialect): Statement {
  const parameters = new Parameters(dialect, params);
  const tokens = tokenize(String(sql), parameters, dialect);
  parameters.check();
  if (tokens.length === 0) throw new SqlError("syntax", "empty query", "");
  return new Parser(tokens).parse();
}
