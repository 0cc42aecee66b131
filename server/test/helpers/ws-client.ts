// A WebSocket test client: it records every server message with its arrival time and waits for
// the ones a test expects.

import { WebSocket } from "ws";
import type { ClientMessage, ServerMessage } from "../../src/protocol.js";

export interface Arrival {
  message: ServerMessage;
  /** performance.now() when it arrived. */
  at: number;
}

export class TestClient {
  readonly arrivals: Arrival[] = [];
  private readonly waiters = new Set<() => void>();
  closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.arrivals.push({ message: JSON.parse(data.toString()) as ServerMessage, at: performance.now() });
      for (const waiter of this.waiters) waiter();
    });
    socket.on("close", () => {
      this.closed = true;
      for (const waiter of this.waiters) waiter();
    });
  }

  static async connect(
    url: string,
    options: { origin?: string; autoPong?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    // Listening from the start: the hello can arrive in the same packet as the upgrade.
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    await client.next((message) => message.type === "hello");
    return client;
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text);
  }

  /** Messages about the run or session `id`, in arrival order. */
  about(id: string): Arrival[] {
    return this.arrivals.filter(({ message }) => "id" in message && message.id === id);
  }

  /** The first message (from `since` on) that matches, waiting up to `timeoutMs` for it. */
  next(matches: (message: ServerMessage) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<ServerMessage> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 60_000;
    return new Promise((resolve, reject) => {
      // Each arrival is looked at once, so waiting through a flood of messages stays linear.
      let scanned = since;
      const check = () => {
        for (; scanned < this.arrivals.length; scanned++) {
          const { message } = this.arrivals[scanned]!;
          if (matches(message)) {
            finish();
            resolve(message);
            return;
          }
        }
        if (this.closed) {
          finish();
          reject(new Error("the socket closed before the expected message"));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.arrivals.slice(since).map((a) => a.message)).slice(0, 2000)}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for the run `id` to finish: its end event or a stopped message. */
  finished(id: string, timeoutMs?: number): Promise<ServerMessage> {
    return this.next(
      (message) =>
        "id" in message && message.id === id && ((message.type === "event" && message.event.type === "end") || message.type === "stopped"),
      { timeoutMs },
    );
  }

  /** Resolves with the HTTP status (and Retry-After) of a refused upgrade. */
  static refusal(url: string, options: { origin?: string } = {}): Promise<{ status: number; retryAfter: string | null; body: string }> {
    const socket = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      socket.once("open", () => {
        socket.close();
        reject(new Error("the upgrade was accepted"));
      });
      socket.once("unexpected-response", (_request, response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] ?? null, body }));
      });
      socket.once("error", () => {});
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}
