// The real server, started in this process on a free loopback port with its own SQLite file,
// for tests that talk to it over HTTP and WebSocket.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig, type ServerConfig } from "../../src/config.js";
import type { LogFields } from "../../src/log.js";
import { type RunningServer, startServer } from "../../src/server.js";

export interface TestServer extends RunningServer {
  config: ServerConfig;
  /** Every log line, as kind and fields, in order. */
  log: { kind: string; fields: LogFields }[];
  /** ws://…/ws */
  websocketUrl: string;
}

/** Environment overrides use the same variable names as production (see src/config.ts). */
export async function startTestServer(environment: Record<string, string> = {}): Promise<TestServer> {
  const folder = mkdtempSync(path.join(tmpdir(), "looplab-server-test-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOOPLAB_SQLITE_PATH: path.join(folder, "looplab.db"),
    LOOPLAB_WEB_DIST: path.join(folder, "web-dist"),
    LOOPLAB_LOG: "0",
    ...environment,
  });
  const log: TestServer["log"] = [];
  const server = await startServer(config, { line: (kind, fields) => log.push({ kind, fields }) });
  return {
    ...server,
    config,
    log,
    websocketUrl: `${server.url.replace(/^http/, "ws")}/ws`,
    async close() {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
