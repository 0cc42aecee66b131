// The load generator's WebSocket client: one connection, many runs or sessions on it, each
// awaited by id.

import { WebSocket } from "ws";
import type { ClientMessage, ServerMessage } from "../src/protocol.js";

type Listener = (message: ServerMessage) => void;

export interface RunTimes {
  firstEventMs: number;
  endMs: number;
  /** The end event's reason ("completed", "limit", …), or "stopped". */
  reason: string;
}

function isRunEnd(reply: ServerMessage): boolean {
  return reply.type === "stopped" || (reply.type === "event" && reply.event.type === "end");
}

export class LoadClient {
  private readonly listeners = new Map<string, Listener>();
  /** Rejects what each pending request waits for, when the connection closes under it. */
  private readonly abandons = new Map<string, (error: Error) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if ("id" in message && message.id !== undefined) this.listeners.get(message.id)?.(message);
    });
    socket.on("close", () => {
      for (const abandon of this.abandons.values()) abandon(new Error("the connection closed"));
      this.abandons.clear();
      this.listeners.clear();
    });
  }

  /** `forwardedFor`: the client address a server with LOOPLAB_TRUST_PROXY=1 takes this connection for. */
  static connect(url: string, forwardedFor?: string): Promise<LoadClient> {
    const socket = new WebSocket(url, forwardedFor === undefined ? {} : { headers: { "X-Forwarded-For": forwardedFor } });
    const client = new LoadClient(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(client));
      socket.once("error", reject);
    });
  }

  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends `message` and resolves with the first message about `id` that `done` accepts. */
  request(message: ClientMessage & { id: string }, done: (message: ServerMessage) => boolean): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        this.listeners.delete(message.id);
        this.abandons.delete(message.id);
      };
      this.abandons.set(message.id, reject);
      this.listeners.set(message.id, (reply) => {
        if (reply.type === "error") {
          settle();
          reject(new Error(reply.message));
        } else if (done(reply)) {
          settle();
          resolve(reply);
        }
      });
      this.send(message);
    });
  }

  /** A program run from send to its end event. */
  run(id: string, code: string): Promise<ServerMessage> {
    return this.request({ type: "run", id, code }, isRunEnd);
  }

  /** A program run, timed: milliseconds from send to its first event and to its end. */
  async timedRun(id: string, code: string): Promise<RunTimes> {
    const started = performance.now();
    let firstEvent = Number.NaN;
    const end = await this.request({ type: "run", id, code }, (reply) => {
      if (Number.isNaN(firstEvent) && reply.type === "event") firstEvent = performance.now() - started;
      return isRunEnd(reply);
    });
    const endMs = performance.now() - started;
    const reason = end.type === "event" && end.event.type === "end" ? end.event.reason : "stopped";
    return { firstEventMs: Number.isNaN(firstEvent) ? endMs : firstEvent, endMs, reason };
  }

  close(): void {
    this.socket.close();
  }
}
