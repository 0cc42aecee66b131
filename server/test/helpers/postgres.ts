// A fresh PostgreSQL database per test: created on the server DATABASE_URL names or, when it is
// unset, on a throwaway cluster that test/postgres.sh starts for this test process and stops
// when it exits (PostgreSQL itself comes from scripts/install-test-deps.sh).

import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";

const script = fileURLToPath(new URL("../postgres.sh", import.meta.url));

let adminUrl: string | null = null;

function startCluster(): string {
  const result = spawnSync(script, ["start"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`could not start a PostgreSQL cluster for the tests:\n${result.stderr}`);
  const folder = /folder=(.*)/.exec(result.stderr)?.[1];
  if (folder !== undefined) process.on("exit", () => execFileSync(script, ["stop", folder]));
  return result.stdout.trim();
}

function administrationUrl(): string {
  adminUrl ??= process.env.DATABASE_URL || startCluster();
  return adminUrl;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function administer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: administrationUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `looplab_test_${randomBytes(6).toString("hex")}`;
  await administer(`CREATE DATABASE ${name}`);
  const url = new URL(administrationUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => administer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
