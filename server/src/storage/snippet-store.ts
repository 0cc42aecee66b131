// Where snippets live. One interface, two backends (SQLite for one process with no set-up,
// PostgreSQL for several processes sharing a store); both save by content hash the same way.

import { candidateIds, contentHash, type SnippetContent } from "./snippet-id.js";

export interface Snippet extends SnippetContent {
  id: string;
  createdAt: Date;
}

export interface SnippetRow extends Snippet {
  /** The full content hash: two rows with equal hashes hold the same content. */
  hash: string;
}

export interface SnippetStore {
  readonly backend: "sqlite" | "postgres";
  /**
   * Stores the snippet durably (it survives a crash once this resolves) and gives its id;
   * saving the same content again gives the same id.
   */
  save(content: SnippetContent): Promise<Snippet>;
  load(id: string): Promise<Snippet | null>;
  close(): Promise<void>;
}

/** The two operations a backend provides; the id choice is shared. */
export interface SnippetTable {
  /** Inserts the row unless its id is taken; true when it was inserted. */
  insertIfAbsent(row: SnippetRow): Promise<boolean>;
  loadRow(id: string): Promise<SnippetRow | null>;
}

export async function saveByContentHash(table: SnippetTable, content: SnippetContent): Promise<Snippet> {
  const hash = contentHash(content);
  const createdAt = new Date();
  for (const id of candidateIds(hash)) {
    if (await table.insertIfAbsent({ id, hash, ...content, createdAt })) return { id, ...content, createdAt };
    const existing = await table.loadRow(id);
    // A row deleted between the insert and the load cannot happen: snippets are never deleted.
    if (existing !== null && existing.hash === hash) return withoutHash(existing);
  }
  throw new Error(`every id derived from hash ${hash} is taken by other content`);
}

export function withoutHash(row: SnippetRow): Snippet {
  return { id: row.id, code: row.code, title: row.title, createdAt: row.createdAt };
}
