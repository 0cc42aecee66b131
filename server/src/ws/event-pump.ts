// Moves one run's or session's events onto a socket as they come, one message each. When the
// socket's send queue is over its threshold the pump stops pulling, which pauses the run (the
// sandbox waits for its consumer); a reader still behind after the grace time ends the stream.

import type { RunEvent } from "@looplab/sandbox";

export interface PumpTarget {
  send(event: RunEvent): void;
  /** Whether the socket's queue is over the backpressure threshold. */
  congested(): boolean;
  /** Resolves true once the queue is under the threshold, false when `timeoutMs` passes first. */
  drained(timeoutMs: number): Promise<boolean>;
}

export type PumpOutcome =
  | { kind: "finished"; events: number }
  | { kind: "stopped"; events: number }
  | { kind: "slow-reader"; events: number }
  | { kind: "failed"; events: number; error: unknown };

export class EventPump {
  private readonly iterator: AsyncIterator<RunEvent>;
  private stopped = false;
  private events = 0;

  constructor(
    source: AsyncIterable<RunEvent>,
    private readonly target: PumpTarget,
    private readonly slowReaderMs: number,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Forwards every event until the source ends, the pump is stopped, or the reader is too slow. */
  async pump(): Promise<PumpOutcome> {
    try {
      for (;;) {
        const next = await this.iterator.next();
        if (this.stopped) return { kind: "stopped", events: this.events };
        if (next.done) return { kind: "finished", events: this.events };
        this.target.send(next.value);
        this.events++;
        if (this.target.congested()) {
          const drained = await this.target.drained(this.slowReaderMs);
          if (this.stopped) return { kind: "stopped", events: this.events };
          if (!drained) {
            this.stop();
            return { kind: "slow-reader", events: this.events };
          }
        }
      }
    } catch (error) {
      if (this.stopped) return { kind: "stopped", events: this.events };
      return { kind: "failed", events: this.events, error };
    }
  }

  /**
   * Drops every later event and ends the source. A source awaiting its next event ends when that
   * event comes (an async generator runs return() only at a yield).
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.iterator.return?.().catch(() => {});
  }
}
