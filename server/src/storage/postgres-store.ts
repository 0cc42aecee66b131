// Snippets in PostgreSQL (pg), for several server processes sharing one store. The schema is
// created or migrated at start under an advisory lock, so processes starting together apply
// each migration once.

import pg from "pg";
import type { SnippetContent } from "./snippet-id.js";
import { type Snippet, type SnippetRow, type SnippetStore, type SnippetTable, saveByContentHash, withoutHash } from "./snippet-store.js";

/** Schema versions in order; looplab_schema_version holds how many have been applied. */
const MIGRATIONS = [
  `CREATE TABLE snippets (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL,
     code TEXT NOT NULL,
     title TEXT,
     created_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX snippets_hash ON snippets (hash);`,
];

/** Arbitrary, fixed: the advisory lock key migrations hold. */
const MIGRATION_LOCK = 710_904_242;

interface StoredRow {
  id: string;
  hash: string;
  code: string;
  title: string | null;
  created_at: Date;
}

export class PostgresSnippetStore implements SnippetStore, SnippetTable {
  readonly backend = "postgres";

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PostgresSnippetStore> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    // An idle client's connection error (the database restarting) must not crash the server.
    pool.on("error", () => {});
    const store = new PostgresSnippetStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await client.query("CREATE TABLE IF NOT EXISTS looplab_schema_version (version INTEGER NOT NULL)");
      const result = await client.query<{ version: number }>("SELECT version FROM looplab_schema_version");
      const applied = result.rows[0]?.version ?? 0;
      for (let version = applied; version < MIGRATIONS.length; version++) await client.query(MIGRATIONS[version]!);
      await client.query("DELETE FROM looplab_schema_version");
      await client.query("INSERT INTO looplab_schema_version (version) VALUES ($1)", [MIGRATIONS.length]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  save(content: SnippetContent): Promise<Snippet> {
    return saveByContentHash(this, content);
  }

  async load(id: string): Promise<Snippet | null> {
    const row = await this.loadRow(id);
    return row === null ? null : withoutHash(row);
  }

  async insertIfAbsent(row: SnippetRow): Promise<boolean> {
    const result = await this.pool.query(
      "INSERT INTO snippets (id, hash, code, title, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
      [row.id, row.hash, row.code, row.title, row.createdAt],
    );
    return result.rowCount === 1;
  }

  async loadRow(id: string): Promise<SnippetRow | null> {
    const result = await this.pool.query<StoredRow>("SELECT id, hash, code, title, created_at FROM snippets WHERE id = $1", [id]);
    const row = result.rows[0];
    if (row === undefined) return null;
    return { id: row.id, hash: row.hash, code: row.code, title: row.title, createdAt: row.created_at };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
