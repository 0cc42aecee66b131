// What a run or a session needs from the connection it belongs to.

import type { WorkerPool } from "@looplab/sandbox";
import type { ServerConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { ServerMessage } from "../protocol.js";
import type { RunScheduler } from "../run-scheduler.js";

export interface LiveStream {
  readonly kind: "run" | "session";
  readonly id: string;
  /** Ends it at once; "closed" means the socket is gone, so nothing is sent. */
  stop(reason: "client" | "slow-reader" | "shutdown" | "closed"): void;
}

export interface ConnectionStreams {
  readonly config: ServerConfig;
  readonly logger: Logger;
  readonly client: string;
  readonly pool: WorkerPool;
  readonly runScheduler: RunScheduler;
  /** Queues a message for the client; a client that does not read is dropped instead. */
  send(message: ServerMessage): void;
  congested(): boolean;
  drained(timeoutMs: number): Promise<boolean>;
  /** Frees the stream's id (it ended). */
  forget(stream: LiveStream): void;
}
