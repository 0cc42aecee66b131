// One WebSocket connection: it validates each inbound message, multiplexes the runs and REPL
// sessions the client started by their ids, and stops them all when the socket closes. A bad
// message gets an error reply naming the field; the connection is kept. What it queues for the
// client is bounded: a client that lets more than maxBufferedBytes pile up is dropped.

import type { PastInput, WorkerPool } from "@looplab/sandbox";
import type { RawData, WebSocket } from "ws";
import type { ServerConfig } from "../config.js";
import type { Logger } from "../log.js";
import {
  type ClientMessage,
  clientMessageSchema,
  type ErrorMessage,
  PROTOCOL_VERSION,
  type RunOptions,
  type ServerMessage,
  type SessionOptions,
} from "../protocol.js";
import { isInvalid, resolveRunOptions } from "../run-options.js";
import type { RunScheduler } from "../run-scheduler.js";
import { scheduleRun } from "../scheduled-run.js";
import type { ServerContext } from "../server-context.js";
import { describeFirstIssue } from "../validation.js";
import type { ConnectionStreams, LiveStream } from "./connection-streams.js";
import { LiveRun } from "./live-run.js";
import { LiveSession } from "./live-session.js";

const DRAIN_POLL_MS = 10;
/** Policy violation: the close code of a connection dropped for not reading. */
const DROPPED_CLOSE_CODE = 1008;
const DROPPED_CLOSE_REASON = "dropped: the client did not read its messages and too many bytes were queued for it";
/** Longest id echoed in a refusal: a valid one (1–64 characters) fits. */
const MAX_ECHOED_ID_LENGTH = 64;

/** The id a refused message named, when it is short enough to be one; never an unbounded echo. */
function echoedId(parsed: unknown): string | undefined {
  if (typeof parsed !== "object" || parsed === null || !("id" in parsed)) return undefined;
  return typeof parsed.id === "string" && parsed.id.length <= MAX_ECHOED_ID_LENGTH ? parsed.id : undefined;
}

export class Connection implements ConnectionStreams {
  readonly config: ServerConfig;
  readonly logger: Logger;
  readonly pool: WorkerPool;
  readonly runScheduler: RunScheduler;
  /** Cleared by each heartbeat ping, set by the pong or any message. */
  alive = true;
  private readonly streams = new Map<string, LiveStream>();
  private closed = false;
  private readonly openedAt = performance.now();

  constructor(
    private readonly socket: WebSocket,
    private readonly context: ServerContext,
    readonly client: string,
  ) {
    this.config = context.config;
    this.logger = context.logger;
    this.pool = context.pool;
    this.runScheduler = context.runScheduler;
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("pong", () => (this.alive = true));
    socket.on("close", () => this.closeStreams());
    socket.on("error", () => socket.terminate());
    this.send({
      type: "hello",
      protocol: PROTOCOL_VERSION,
      limits: this.config.runLimits,
      maxMessageBytes: this.config.maxMessageBytes,
      heartbeatSeconds: this.config.heartbeatSeconds,
    });
  }

  send(message: ServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    const text = JSON.stringify(message);
    if (this.socket.bufferedAmount + Buffer.byteLength(text) > this.config.maxBufferedBytes) {
      this.drop();
      return;
    }
    this.socket.send(text);
  }

  congested(): boolean {
    return this.socket.bufferedAmount > this.config.backpressureBytes;
  }

  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.congested()) {
      if (this.closed || performance.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    return !this.closed;
  }

  forget(stream: LiveStream): void {
    if (this.streams.get(stream.id) === stream) this.streams.delete(stream.id);
  }

  /** Sends a ping, or drops the connection if the previous ping got no pong. */
  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  /** Stops every run and session and closes the socket (server shutdown). */
  shutdown(): void {
    for (const stream of [...this.streams.values()]) stream.stop("shutdown");
    this.socket.close(1001, "server shutting down");
  }

  /**
   * Drops a client that does not read: its runs and sessions stop now and nothing more is
   * queued. The close frame follows what is queued; ws destroys the socket if the close is not
   * answered within its close timeout, so the queue is held no longer than that.
   */
  private drop(): void {
    this.logger.line("connection", { event: "dropped", client: this.client, bufferedBytes: this.socket.bufferedAmount });
    this.closeStreams();
    this.socket.close(DROPPED_CLOSE_CODE, DROPPED_CLOSE_REASON);
  }

  private closeStreams(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of [...this.streams.values()]) stream.stop("closed");
    this.logger.line("connection", {
      event: "closed",
      client: this.client,
      seconds: Math.round((performance.now() - this.openedAt) / 1000),
    });
  }

  private refuse(error: Omit<ErrorMessage, "type">): void {
    this.send({ type: "error", ...error });
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.alive = true;
    const bytes = Array.isArray(data) ? data.reduce((total, chunk) => total + chunk.length, 0) : data.byteLength;
    if (bytes > this.config.maxMessageBytes) {
      this.refuse({
        code: "message-too-large",
        limit: "message-size",
        message: `the message is ${bytes} bytes, over the limit of ${this.config.maxMessageBytes} bytes`,
      });
      return;
    }
    if (isBinary) {
      this.refuse({ code: "invalid-json", message: "binary messages are not accepted: send JSON text" });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(data as Buffer[]).toString("utf8"));
    } catch {
      this.refuse({ code: "invalid-json", message: "the message is not valid JSON" });
      return;
    }
    const result = clientMessageSchema.safeParse(parsed);
    if (!result.success) {
      const { field, message } = describeFirstIssue(result.error);
      const id = echoedId(parsed);
      this.refuse({ id, code: "invalid-message", field, message });
      return;
    }
    this.dispatch(result.data);
  }

  private dispatch(message: ClientMessage): void {
    switch (message.type) {
      case "ping":
        this.send(message.nonce === undefined ? { type: "pong" } : { type: "pong", nonce: message.nonce });
        return;
      case "run":
        this.startRun(message.id, message.code, message.options);
        return;
      case "stop":
        this.withStream(message.id, "run", (stream) => stream.stop("client"));
        return;
      case "open":
        this.openSession(message.id, message.options, message.replay);
        return;
      case "eval":
        this.withSession(message.id, (session) => {
          if (this.admitInput(message.id)) session.evaluate(message.code, message.input);
        });
        return;
      case "cancel":
        this.withSession(message.id, (session) => session.cancel(message.taskId));
        return;
      case "close":
        this.withSession(message.id, (session) => session.stop("client"));
        return;
    }
  }

  private withSession(id: string, action: (session: LiveSession) => void): void {
    this.withStream(id, "session", (stream) => {
      const session = stream as LiveSession;
      if (session.accepting) action(session);
      else this.refuse({ id, code: "unknown-id", message: `session ${JSON.stringify(id)} is closing` });
    });
  }

  private withStream(id: string, kind: LiveStream["kind"], action: (stream: LiveStream) => void): void {
    const stream = this.streams.get(id);
    if (stream === undefined || stream.kind !== kind) {
      this.refuse({ id, code: "unknown-id", message: `no live ${kind} has id ${JSON.stringify(id)} on this connection` });
      return;
    }
    action(stream);
  }

  /** Checks the id and the limits a new run or session must pass; false after refusing. */
  private admit(id: string, kind: LiveStream["kind"]): boolean {
    if (this.streams.has(id)) {
      this.refuse({
        id,
        code: "duplicate-id",
        field: "id",
        message: `id ${JSON.stringify(id)} already names a live ${this.streams.get(id)!.kind}`,
      });
      return false;
    }
    const live = [...this.streams.values()].filter((stream) => stream.kind === kind).length;
    const most = kind === "run" ? this.config.maxRunsPerConnection : this.config.maxSessionsPerConnection;
    if (live >= most) {
      const limit = kind === "run" ? "runs-per-connection" : "sessions-per-connection";
      this.refuse({ id, code: "limit", limit, message: `limit ${limit} reached: at most ${most} live ${kind}s on one connection` });
      return false;
    }
    if (kind === "run" && !this.runScheduler.hasRoom(this.client)) {
      const most = this.config.maxQueuedRunsPerClient;
      const retryAfterSeconds = Math.max(1, Math.ceil(this.config.runLimits.cpuMs / 1000));
      this.refuse({
        id,
        code: "limit",
        limit: "queued-runs-per-client",
        retryAfterSeconds,
        message: `limit queued-runs-per-client reached: at most ${most} runs of one client wait for a worker; retry after ${retryAfterSeconds} s`,
      });
      return false;
    }
    return this.admitInput(id);
  }

  /** Takes a token of the client's run budget (program runs, sessions and REPL inputs share it). */
  private admitInput(id: string): boolean {
    const decision = this.context.runLimiter.take(this.client);
    if (!decision.allowed) {
      const retryAfterSeconds = decision.retryAfterSeconds;
      this.refuse({
        id,
        code: "limit",
        limit: "runs-per-client",
        retryAfterSeconds,
        message: `rate limit runs-per-client exceeded: retry after ${retryAfterSeconds} s`,
      });
      return false;
    }
    return true;
  }

  private startRun(id: string, code: string, requested: RunOptions | undefined): void {
    const options = resolveRunOptions(requested, this.config.runLimits);
    if (isInvalid(options)) {
      this.refuse({ id, code: "invalid-message", field: options.field, message: options.message });
      return;
    }
    if (!this.admit(id, "run")) return;
    // admit() checked the client's queue has room, so the run is queued.
    const scheduled = scheduleRun(this.pool, this.runScheduler, this.client, code, options)!;
    const live = new LiveRun(this, id, scheduled);
    this.streams.set(id, live);
    void live.start();
  }

  private openSession(id: string, requested: SessionOptions | undefined, replay: readonly PastInput[] | undefined): void {
    const options = resolveRunOptions(requested, this.config.runLimits);
    if (isInvalid(options)) {
      this.refuse({ id, code: "invalid-message", field: options.field, message: options.message });
      return;
    }
    if (!this.admit(id, "session")) return;
    const { clock: _alwaysReal, ...sessionOptions } = options;
    this.streams.set(id, new LiveSession(this, id, sessionOptions, replay));
  }
}
