// A program run started over the WebSocket: it waits for its turn in the run scheduler, then
// its events stream to the socket under its id until its end event, or until the server stops
// it (stop message, slow reader, closed socket).

import type { EndEvent } from "@looplab/sandbox";
import type { StopReason } from "../protocol.js";
import { logRunEnd } from "../run-log.js";
import type { ScheduledRun } from "../scheduled-run.js";
import type { ConnectionStreams } from "./connection-streams.js";
import { EventPump } from "./event-pump.js";

const STOP_MESSAGES: Record<StopReason, string> = {
  client: "stopped by the client",
  "slow-reader": "stopped: the connection read events too slowly for too long",
  shutdown: "stopped: the server is shutting down",
};

export class LiveRun {
  readonly kind = "run";
  private readonly pump: EventPump;
  private end: EndEvent | null = null;
  private stoppedBy: StopReason | "closed" | null = null;
  private readonly startedAt = performance.now();

  constructor(
    private readonly streams: ConnectionStreams,
    readonly id: string,
    private readonly scheduled: ScheduledRun,
  ) {
    this.pump = new EventPump(
      scheduled.events,
      {
        send: (event) => {
          streams.send({ type: "event", id, event });
          if (event.type === "end") {
            this.end = event;
            streams.forget(this);
          }
        },
        congested: () => streams.congested(),
        drained: (timeoutMs) => streams.drained(timeoutMs),
      },
      streams.config.slowReaderSeconds * 1000,
    );
  }

  async start(): Promise<void> {
    const outcome = await this.pump.pump();
    if (outcome.kind === "slow-reader") this.stop("slow-reader");
    if (outcome.kind === "failed") {
      this.streams.forget(this);
      this.streams.send({ type: "error", id: this.id, code: "internal", message: `the run failed: ${String(outcome.error)}` });
    }
    if (outcome.kind === "finished") this.streams.forget(this);
    logRunEnd(
      this.streams.logger,
      { via: "ws", client: this.streams.client, id: this.id },
      this.startedAt,
      this.end,
      outcome.events,
      this.stoppedBy ?? undefined,
    );
  }

  /** Ends the run now; the client hears why unless its socket is closed. */
  stop(reason: StopReason | "closed"): void {
    if (this.stoppedBy !== null || this.end !== null) return;
    this.stoppedBy = reason;
    this.streams.forget(this);
    if (reason !== "closed") this.streams.send({ type: "stopped", id: this.id, reason, message: STOP_MESSAGES[reason] });
    this.pump.stop();
    // Leaves the queue, or stops the run in its worker now rather than at its next event.
    this.scheduled.stop();
  }
}
