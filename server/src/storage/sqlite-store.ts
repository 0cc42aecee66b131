// Snippets in one SQLite file (better-sqlite3), in WAL mode with synchronous=FULL so that a
// save that returned survives a crash of the process or of the machine.

import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { SnippetContent } from "./snippet-id.js";
import { type Snippet, type SnippetRow, type SnippetStore, type SnippetTable, saveByContentHash, withoutHash } from "./snippet-store.js";

/** Schema versions in order; the file's user_version says how many have been applied. */
const MIGRATIONS = [
  `CREATE TABLE snippets (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL,
     code TEXT NOT NULL,
     title TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX snippets_hash ON snippets (hash);`,
];

interface StoredRow {
  id: string;
  hash: string;
  code: string;
  title: string | null;
  created_at: string;
}

export class SqliteSnippetStore implements SnippetStore, SnippetTable {
  readonly backend = "sqlite";
  private readonly database: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string | null, string]>;
  private readonly select: Database.Statement<[string], StoredRow>;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.database = new Database(file);
    this.database.pragma("journal_mode = WAL");
    this.database.pragma("synchronous = FULL");
    this.database.pragma("busy_timeout = 5000");
    this.migrate();
    this.insert = this.database.prepare(
      "INSERT INTO snippets (id, hash, code, title, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    );
    this.select = this.database.prepare("SELECT id, hash, code, title, created_at FROM snippets WHERE id = ?");
  }

  private migrate(): void {
    this.database
      .transaction(() => {
        const applied = this.database.pragma("user_version", { simple: true }) as number;
        for (let version = applied; version < MIGRATIONS.length; version++) this.database.exec(MIGRATIONS[version]!);
        this.database.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .immediate();
  }

  save(content: SnippetContent): Promise<Snippet> {
    return saveByContentHash(this, content);
  }

  async load(id: string): Promise<Snippet | null> {
    const row = await this.loadRow(id);
    return row === null ? null : withoutHash(row);
  }

  async insertIfAbsent(row: SnippetRow): Promise<boolean> {
    return this.insert.run(row.id, row.hash, row.code, row.title, row.createdAt.toISOString()).changes === 1;
  }

  async loadRow(id: string): Promise<SnippetRow | null> {
    const row = this.select.get(id);
    if (row === undefined) return null;
    return { id: row.id, hash: row.hash, code: row.code, title: row.title, createdAt: new Date(row.created_at) };
  }

  async close(): Promise<void> {
    this.database.close();
  }
}
