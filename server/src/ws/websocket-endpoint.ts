// The /ws endpoint: it admits an upgrade only from an allowed origin and within the client's
// connection limits (refusals are plain HTTP: 403, or 429 with Retry-After), then hands the
// socket to a Connection; it pings every connection on a fixed beat and drops silent ones.

import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { clientAddress } from "../client-address.js";
import { originAllowed } from "../http/allowed-origin.js";
import type { HttpErrorBody } from "../protocol.js";
import type { ServerContext } from "../server-context.js";
import { Connection } from "./connection.js";

export const WEBSOCKET_PATH = "/ws";
/** When the per-client cap on open connections refuses, retry after this long. */
const CONCURRENT_CONNECTIONS_RETRY_SECONDS = 5;
/** Frames above this are refused by ws itself (it closes with 1009); smaller oversized ones get an error reply. */
const HARD_FRAME_LIMIT_BYTES = 64 * 1024 * 1024;

const STATUS_TEXT: Record<number, string> = { 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" };

function refuseUpgrade(socket: Duplex, status: number, body: HttpErrorBody, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(text)}`,
    "Connection: close",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${text}`);
}

export class WebSocketEndpoint {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT_BYTES, perMessageDeflate: false });
  private readonly connections = new Set<Connection>();
  private readonly openPerClient = new Map<string, number>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(private readonly context: ServerContext) {
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, context.config.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  attach(httpServer: Server): void {
    httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    // Clients that are not browsers send no Origin; browsers always do.
    return origin === undefined || originAllowed(origin, request.headers.host, this.context.config);
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const { config, connectionLimiter, logger } = this.context;
    const client = clientAddress(request, config.trustedProxies);
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== WEBSOCKET_PATH) {
      refuseUpgrade(socket, 404, { error: `no WebSocket endpoint at ${path}; use ${WEBSOCKET_PATH}` });
      return;
    }
    if (!this.originAllowed(request)) {
      logger.line("connection", { event: "refused", client, origin: request.headers.origin, status: 403 });
      refuseUpgrade(socket, 403, { error: `origin ${request.headers.origin} is not allowed to open the WebSocket` });
      return;
    }
    const open = this.openPerClient.get(client) ?? 0;
    if (open >= config.maxConnectionsPerClient) {
      const retryAfterSeconds = CONCURRENT_CONNECTIONS_RETRY_SECONDS;
      logger.line("connection", { event: "refused", client, limit: "concurrent-connections", status: 429 });
      refuseUpgrade(
        socket,
        429,
        {
          error: `limit concurrent-connections reached: at most ${config.maxConnectionsPerClient} open connections per client`,
          limit: "concurrent-connections",
          retryAfterSeconds,
        },
        { "Retry-After": String(retryAfterSeconds) },
      );
      return;
    }
    const decision = connectionLimiter.take(client);
    if (!decision.allowed) {
      const { retryAfterSeconds } = decision;
      logger.line("connection", { event: "refused", client, limit: "connections-per-client", status: 429 });
      refuseUpgrade(
        socket,
        429,
        {
          error: `rate limit connections-per-client exceeded: retry after ${retryAfterSeconds} s`,
          limit: "connections-per-client",
          retryAfterSeconds,
        },
        { "Retry-After": String(retryAfterSeconds) },
      );
      return;
    }
    this.server.handleUpgrade(request, socket, head, (socket) => {
      this.openPerClient.set(client, (this.openPerClient.get(client) ?? 0) + 1);
      const connection = new Connection(socket, this.context, client);
      this.connections.add(connection);
      logger.line("connection", { event: "opened", client });
      socket.on("close", () => {
        this.connections.delete(connection);
        const remaining = (this.openPerClient.get(client) ?? 1) - 1;
        if (remaining === 0) this.openPerClient.delete(client);
        else this.openPerClient.set(client, remaining);
      });
    });
  }

  /** Stops every run and session and closes every socket. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const connection of this.connections) connection.shutdown();
    this.server.close();
  }
}
