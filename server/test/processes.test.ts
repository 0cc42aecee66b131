// The server as separate processes: a save answered with an id survives kill -9 (SQLite and
// PostgreSQL), and two processes on one PostgreSQL serve each other's snippets.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import type { SaveSnippetResponse, SnippetResponse } from "../src/protocol.js";
import { createTestDatabase } from "./helpers/postgres.js";
import { startServerProcess } from "./helpers/server-process.js";

async function save(url: string, code: string, title?: string): Promise<SaveSnippetResponse> {
  const response = await fetch(`${url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(title === undefined ? { code } : { code, title }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as SaveSnippetResponse;
}

async function load(url: string, id: string): Promise<SnippetResponse> {
  const response = await fetch(`${url}/api/snippets/${id}`);
  assert.equal(response.status, 200, `GET /api/snippets/${id}`);
  return (await response.json()) as SnippetResponse;
}

/** Saves 25 snippets at once, kills the server with SIGKILL the moment the last answer arrives, restarts it, reads them all. */
async function saveKillRestartRead(environment: Record<string, string>): Promise<void> {
  const first = await startServerProcess(environment);
  let saved: { code: string; id: string }[];
  try {
    saved = await Promise.all(
      Array.from({ length: 25 }, async (_, index) => {
        const code = `print("snippet ${index}", ${Math.random()})`;
        return { code, id: (await save(first.url, code)).id };
      }),
    );
  } finally {
    await first.kill9();
  }
  assert.equal(first.child.signalCode, "SIGKILL");
  const second = await startServerProcess(environment);
  try {
    for (const { code, id } of saved) assert.equal((await load(second.url, id)).code, code);
  } finally {
    await second.stop();
  }
}

describe("server processes", () => {
  test("snippets saved on SQLite survive kill -9 of the server (restart, then read)", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "looplab-restart-"));
    try {
      await saveKillRestartRead({ LOOPLAB_SQLITE_PATH: path.join(folder, "data", "looplab.db") });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("snippets saved on PostgreSQL survive kill -9 of the server (restart, then read)", async () => {
    const database = await createTestDatabase();
    try {
      await saveKillRestartRead({ DATABASE_URL: database.url });
    } finally {
      await database.drop();
    }
  });

  test("two server processes on one PostgreSQL: a snippet saved on one loads from the other", async () => {
    const database = await createTestDatabase();
    const [one, two] = await Promise.all([
      startServerProcess({ DATABASE_URL: database.url }),
      startServerProcess({ DATABASE_URL: database.url }),
    ]);
    try {
      const saved = await save(one.url, "print('from one')", "Shared");
      assert.equal(saved.url, `/s/${saved.id}`);
      const loaded = await load(two.url, saved.id);
      assert.equal(loaded.code, "print('from one')");
      assert.equal(loaded.title, "Shared");
      const page = await fetch(`${two.url}/s/${saved.id}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /print\(&#39;from one&#39;\)/);
      assert.equal((await save(two.url, "print('from one')", "Shared")).id, saved.id);
      assert.match(one.output(), /storage=postgres/);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      await database.drop();
    }
  });
});
