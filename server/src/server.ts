// Starts Looplab's server: storage opened (schema created or migrated), the Hono app and the
// WebSocket endpoint on one HTTP server, listening on the configured port.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { run, type WorkerPool } from "@looplab/sandbox";
import type { ServerConfig } from "./config.js";
import { createApp } from "./http/app.js";
import { consoleLogger, type Logger } from "./log.js";
import { createServerContext } from "./server-context.js";
import { openSnippetStore } from "./storage/open-store.js";
import { WebSocketEndpoint } from "./ws/websocket-endpoint.js";

export interface RunningServer {
  /** http://host:port, with the port actually bound (useful with port 0). */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function warmSandbox(pool: WorkerPool): Promise<void> {
  try {
    await pool.start();
    for await (const _event of run("", { events: false, pool })) {
      // Only the warming matters.
    }
  } catch {
    // A failure here shows again, with its cause, on the first real run.
  }
}

export async function startServer(config: ServerConfig, logger: Logger = consoleLogger(config.log)): Promise<RunningServer> {
  const store = await openSnippetStore(config);
  const context = createServerContext(config, store, logger);
  const app = createApp(context);
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as Server;
  const websocket = new WebSocketEndpoint(context);
  websocket.attach(httpServer);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  // Warm the sandbox's workers and compiler while already listening; the first run waits for them.
  const warming = warmSandbox(context.pool);
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const url = `http://${shownHost}:${port}`;
  logger.line("server", { event: "listening", url, storage: store.backend });
  return {
    url,
    port,
    async close() {
      websocket.close();
      await warming;
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await context.pool.close();
      await store.close();
    },
  };
}
