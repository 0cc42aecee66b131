// The load generator's WebSocket client: one connection, many runs or sessions on it, each
// awaited by id.

import { WebSocket } from "ws";
import type { ClientMessage, ServerMessage } from "../src/protocol.js";

type Listener = (message: ServerMessage) => void;

export class LoadClient {
  private readonly listeners = new Map<string, Listener>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if ("id" in message && message.id !== undefined) this.listeners.get(message.id)?.(message);
    });
  }

  static connect(url: string): Promise<LoadClient> {
    const socket = new WebSocket(url);
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
      this.listeners.set(message.id, (reply) => {
        if (reply.type === "error") {
          this.listeners.delete(message.id);
          reject(new Error(reply.message));
        } else if (done(reply)) {
          this.listeners.delete(message.id);
          resolve(reply);
        }
      });
      this.send(message);
    });
  }

  /** A program run from send to its end event. */
  run(id: string, code: string): Promise<ServerMessage> {
    return this.request(
      { type: "run", id, code },
      (reply) => reply.type === "stopped" || (reply.type === "event" && reply.event.type === "end"),
    );
  }

  close(): void {
    this.socket.close();
  }
}
