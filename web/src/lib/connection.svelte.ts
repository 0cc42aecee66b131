// The page's one WebSocket to the server (docs/protocol.md). Runs and REPL sessions share it,
// each addressed by an id this page chooses. It reconnects by itself with a growing delay, and
// keeps its own heartbeat (browsers cannot send pings) so a dead connection is noticed.

import type { ClientMessage, ErrorMessage, HelloMessage, ServerMessage } from "@looplab/server/protocol";

export type ConnectionState = "connecting" | "open" | "reconnecting";

/** A message of one run or session; `lost` when the socket closed while it was live. */
export type StreamMessage = Exclude<ServerMessage, HelloMessage | { type: "pong" }> | { type: "lost" };

export type StreamListener = (message: StreamMessage) => void;

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 15_000;
const HEARTBEAT_MS = 20_000;
const PONG_TIMEOUT_MS = 10_000;

export function webSocketUrl(location: Location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
}

export class ServerConnection {
  state = $state<ConnectionState>("connecting");
  /** When the next reconnect attempt starts (ms since epoch), while reconnecting. */
  retryAt = $state<number | null>(null);
  hello = $state.raw<HelloMessage | null>(null);
  /** The last refusal not tied to a run or session, for the page to show. */
  lastError = $state.raw<ErrorMessage | null>(null);

  private socket: WebSocket | null = null;
  private readonly streams = new Map<string, StreamListener>();
  /** Messages sent while the socket was not open; sent once it opens. */
  private readonly outbox: ClientMessage[] = [];
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private nextStreamNumber = 1;

  constructor(private readonly url: string) {
    this.connect();
  }

  /** A fresh id for a run or session of this page. */
  newId(prefix: string): string {
    return `${prefix}-${this.nextStreamNumber++}`;
  }

  /** Sends a message that starts a stream, and routes that stream's messages to `listener`. */
  start(message: ClientMessage & { id: string }, listener: StreamListener): void {
    this.streams.set(message.id, listener);
    this.send(message);
  }

  /** Stops routing a finished stream's messages. */
  forget(id: string): void {
    this.streams.delete(id);
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.hello !== null) this.socket.send(JSON.stringify(message));
    else this.outbox.push(message);
  }

  /** Reconnects at once instead of waiting for the retry delay. */
  retryNow(): void {
    if (this.state !== "reconnecting") return;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    this.retryTimer = null;
    this.retryAt = null;
    this.state = this.failures === 0 ? "connecting" : "reconnecting";
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket === socket) this.lose();
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") return;
    const message = JSON.parse(data) as ServerMessage;
    this.alive();
    switch (message.type) {
      case "hello":
        this.hello = message;
        this.state = "open";
        this.failures = 0;
        this.startHeartbeat();
        for (const queued of this.outbox.splice(0)) this.send(queued);
        return;
      case "pong":
        return;
      case "error":
        if (message.id !== undefined && this.streams.has(message.id)) this.streams.get(message.id)!(message);
        else this.lastError = message;
        return;
      default:
        this.streams.get(message.id)?.(message);
    }
  }

  /** The socket closed: every live stream is lost (the server stopped them), then retry. */
  private lose(): void {
    this.stopHeartbeat();
    this.socket = null;
    this.hello = null;
    // Queued stream starts are dropped with their streams; a page starts them again itself.
    this.outbox.length = 0;
    const lost = [...this.streams.values()];
    this.streams.clear();
    for (const listener of lost) listener({ type: "lost" });
    this.failures += 1;
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1)) * (0.75 + Math.random() / 2);
    this.state = "reconnecting";
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      this.send({ type: "ping" });
      this.pongTimer ??= setTimeout(() => this.drop(), PONG_TIMEOUT_MS);
    }, HEARTBEAT_MS);
  }

  /** The server stopped answering: give the socket up now rather than wait for its close. */
  private drop(): void {
    const socket = this.socket;
    if (socket === null) return;
    socket.onclose = null;
    socket.close();
    this.lose();
  }

  private alive(): void {
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.alive();
  }
}
