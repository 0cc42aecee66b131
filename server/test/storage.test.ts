// One storage suite, run against both backends: SQLite in a temporary file and PostgreSQL in a
// fresh database.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { PostgresSnippetStore } from "../src/storage/postgres-store.js";
import { candidateIds, contentHash, SNIPPET_ID_PATTERN } from "../src/storage/snippet-id.js";
import { type SnippetRow, type SnippetStore, type SnippetTable, saveByContentHash } from "../src/storage/snippet-store.js";
import { SqliteSnippetStore } from "../src/storage/sqlite-store.js";
import { createTestDatabase } from "./helpers/postgres.js";

interface Backend {
  name: string;
  /** A new store over fresh storage, and how to open a second one on the same storage. */
  create(): Promise<{ store: SnippetStore; reopen(): Promise<SnippetStore>; destroy(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "SQLite",
    async create() {
      const folder = mkdtempSync(path.join(tmpdir(), "looplab-sqlite-"));
      const file = path.join(folder, "nested", "looplab.db");
      return {
        store: new SqliteSnippetStore(file),
        reopen: async () => new SqliteSnippetStore(file),
        destroy: async () => rmSync(folder, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "PostgreSQL",
    async create() {
      const database = await createTestDatabase();
      return {
        store: await PostgresSnippetStore.open(database.url),
        reopen: () => PostgresSnippetStore.open(database.url),
        destroy: () => database.drop(),
      };
    },
  },
];

for (const backend of backends) {
  describe(`snippet storage on ${backend.name}`, () => {
    test("a saved snippet loads back with its code, title and creation time", async () => {
      const { store, destroy } = await backend.create();
      try {
        const before = Date.now();
        const saved = await store.save({ code: 'print("héllo 🌍")\n', title: "Greeting" });
        assert.match(saved.id, SNIPPET_ID_PATTERN);
        assert.equal(saved.id.length, 8);
        const loaded = await store.load(saved.id);
        assert.ok(loaded !== null);
        assert.equal(loaded.code, 'print("héllo 🌍")\n');
        assert.equal(loaded.title, "Greeting");
        assert.ok(Math.abs(loaded.createdAt.getTime() - before) < 60_000);
        assert.equal(loaded.createdAt.getTime(), saved.createdAt.getTime());
      } finally {
        await store.close();
        await destroy();
      }
    });

    test("the same content gives the same id; other content or another title another id", async () => {
      const { store, destroy } = await backend.create();
      try {
        const first = await store.save({ code: "print(1)", title: null });
        const again = await store.save({ code: "print(1)", title: null });
        const other = await store.save({ code: "print(2)", title: null });
        const titled = await store.save({ code: "print(1)", title: "One" });
        assert.equal(again.id, first.id);
        assert.equal(again.createdAt.getTime(), first.createdAt.getTime());
        assert.notEqual(other.id, first.id);
        assert.notEqual(titled.id, first.id);
        assert.equal(first.id, contentHash({ code: "print(1)", title: null }).slice(0, 8));
      } finally {
        await store.close();
        await destroy();
      }
    });

    test("an unknown id loads as null", async () => {
      const { store, destroy } = await backend.create();
      try {
        assert.equal(await store.load("AAAAAAAA"), null);
      } finally {
        await store.close();
        await destroy();
      }
    });

    test("saves survive closing and reopening the store (schema created once, then reused)", async () => {
      const { store, reopen, destroy } = await backend.create();
      const saved = await store.save({ code: "print('kept')", title: null });
      await store.close();
      const reopened = await reopen();
      try {
        assert.equal((await reopened.load(saved.id))?.code, "print('kept')");
      } finally {
        await reopened.close();
        await destroy();
      }
    });

    test("two stores on the same storage see each other's saves, and racing saves of one content agree on its id", async () => {
      const { store, reopen, destroy } = await backend.create();
      const second = await reopen();
      try {
        const saved = await store.save({ code: "shared()", title: null });
        assert.equal((await second.load(saved.id))?.code, "shared()");
        const racing = await Promise.all(
          [0, 1, 2, 3].map((index) => (index % 2 === 0 ? store : second).save({ code: "raced()", title: null })),
        );
        assert.equal(new Set(racing.map((snippet) => snippet.id)).size, 1);
      } finally {
        await second.close();
        await store.close();
        await destroy();
      }
    });
  });
}

describe("snippet ids", () => {
  test("a prefix taken by other content (a collision) makes the id one character longer", async () => {
    const rows = new Map<string, SnippetRow>();
    const table: SnippetTable = {
      async insertIfAbsent(row) {
        if (rows.has(row.id)) return false;
        rows.set(row.id, row);
        return true;
      },
      async loadRow(id) {
        return rows.get(id) ?? null;
      },
    };
    const content = { code: "print('collide')", title: null };
    const [shortest, longer] = candidateIds(contentHash(content));
    rows.set(shortest!, { id: shortest!, hash: "some other content", code: "other()", title: null, createdAt: new Date() });
    const saved = await saveByContentHash(table, content);
    assert.equal(saved.id, longer);
    assert.equal((await saveByContentHash(table, content)).id, longer);
    assert.equal(rows.get(shortest!)?.code, "other()");
  });

  test("ids are URL-safe base64 of the content's SHA-256, 8 characters when free", () => {
    const hash = contentHash({ code: "x", title: null });
    assert.match(hash, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(candidateIds(hash).slice(0, 2), [hash.slice(0, 8), hash.slice(0, 9)]);
    assert.equal(candidateIds(hash).at(-1), hash);
  });
});
