// Chooses the backend: PostgreSQL when a connection string is given, else the SQLite file.

import { PostgresSnippetStore } from "./postgres-store.js";
import type { SnippetStore } from "./snippet-store.js";
import { SqliteSnippetStore } from "./sqlite-store.js";

export function openSnippetStore(options: { databaseUrl: string | null; sqlitePath: string }): Promise<SnippetStore> {
  if (options.databaseUrl !== null) return PostgresSnippetStore.open(options.databaseUrl);
  return Promise.resolve(new SqliteSnippetStore(options.sqlitePath));
}
