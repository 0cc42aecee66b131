// A REPL session opened over the WebSocket: its events stream to the socket under its id, each
// input's outcome is answered with an evaluated message, and its last message is always
// closed, with the reason.

import { type EndEvent, type EvalOutcome, openSession, type PastInput, type Session } from "@looplab/sandbox";
import type { SessionCloseReason } from "../protocol.js";
import type { ResolvedRunOptions } from "../run-options.js";
import type { ConnectionStreams } from "./connection-streams.js";
import { EventPump, type PumpOutcome } from "./event-pump.js";

/** Cancel messages of one session awaiting their answer; more are refused, so none pile up. */
const MAX_PENDING_CANCELS = 16;

const CLOSE_MESSAGES: Record<Exclude<SessionCloseReason, "ended">, string> = {
  client: "closed by the client",
  "slow-reader": "closed: the connection read events too slowly for too long",
  shutdown: "closed: the server is shutting down",
};

export class LiveSession {
  readonly kind = "session";
  private readonly opening: Promise<Session>;
  private closing: SessionCloseReason | "closed" | null = null;
  private end: EndEvent | null = null;
  private inputs = 0;
  private pendingCancels = 0;
  private readonly openedAt = performance.now();
  private stopPump: () => void = () => {};
  constructor(
    private readonly streams: ConnectionStreams,
    readonly id: string,
    options: Omit<ResolvedRunOptions, "clock">,
    replay?: readonly PastInput[],
  ) {
    this.opening = openSession({
      ...options,
      idleTimeoutMs: streams.config.sessionIdleSeconds * 1000,
      pool: streams.pool,
      ...(replay === undefined ? {} : { replay }),
    });
    this.opening.then(
      (session) => this.opened(session),
      (error: unknown) => {
        this.streams.forget(this);
        this.streams.send({ type: "error", id, code: "internal", message: `the session failed to open: ${String(error)}` });
      },
    );
  }

  /** Whether it accepts inputs: open or opening, and not asked to close. */
  get accepting(): boolean {
    return this.closing === null;
  }

  private async opened(session: Session): Promise<void> {
    if (this.closing !== null) {
      await session.close();
      this.finish({ kind: "stopped", events: 0 });
      return;
    }
    this.streams.send(
      session.replayed === null ? { type: "opened", id: this.id } : { type: "opened", id: this.id, replayed: session.replayed },
    );
    const pump = new EventPump(
      session.events,
      {
        send: (event) => {
          if (event.type === "end") this.end = event;
          this.streams.send({ type: "event", id: this.id, event });
        },
        congested: () => this.streams.congested(),
        drained: (timeoutMs) => this.streams.drained(timeoutMs),
      },
      this.streams.config.slowReaderSeconds * 1000,
    );
    this.stopPump = () => pump.stop();
    const outcome = await pump.pump();
    if (outcome.kind === "slow-reader") this.stop("slow-reader");
    if (outcome.kind === "failed") void session.close();
    this.finish(outcome);
  }

  private finish(outcome: PumpOutcome): void {
    this.streams.forget(this);
    const reason = this.closing ?? "ended";
    if (reason !== "closed") {
      this.streams.send(
        reason === "ended"
          ? { type: "closed", id: this.id, reason }
          : { type: "closed", id: this.id, reason, message: CLOSE_MESSAGES[reason] },
      );
    }
    this.streams.logger.line("session", {
      id: this.id,
      client: this.streams.client,
      reason,
      end: this.end?.reason,
      limit: this.end?.limit,
      inputs: this.inputs,
      events: outcome.events,
      cpuMs: this.end?.counters.cpuMs,
      tasks: this.end?.counters.tasks,
      ms: Math.round(performance.now() - this.openedAt),
    });
  }

  /** Evaluates one input; `input` is the client's tag for it, echoed in the evaluated message. */
  evaluate(code: string, input: string | number | undefined): void {
    const number = ++this.inputs;
    const startedAt = performance.now();
    this.opening
      .then((session) => session.eval(code))
      .then(
        async (outcome: EvalOutcome) => {
          // One turn of the event loop lets the pump forward the input's own last events first.
          await new Promise((resolve) => setImmediate(resolve));
          this.streams.send(
            input === undefined ? { type: "evaluated", id: this.id, outcome } : { type: "evaluated", id: this.id, input, outcome },
          );
          this.streams.logger.line("run", {
            via: "ws",
            client: this.streams.client,
            id: this.id,
            input: number,
            outcome: outcome.kind,
            ms: Math.round(performance.now() - startedAt),
          });
        },
        () => {},
      );
  }

  cancel(taskId: number): void {
    if (this.pendingCancels >= MAX_PENDING_CANCELS) {
      const message = `limit pending-cancels reached: at most ${MAX_PENDING_CANCELS} cancel messages of one session wait for their answer`;
      this.streams.send({ type: "error", id: this.id, code: "limit", limit: "pending-cancels", message });
      return;
    }
    this.pendingCancels++;
    this.opening
      .then((session) => session.cancel(taskId))
      .then(
        (cancelled) => this.streams.send({ type: "cancelled", id: this.id, taskId, cancelled }),
        () => {},
      )
      .finally(() => this.pendingCancels--);
  }

  /**
   * Closes the session. A client's close lets the end event through before closed; every other
   * reason stops the events at once.
   */
  stop(reason: Exclude<SessionCloseReason, "ended"> | "closed"): void {
    if (this.closing !== null) return;
    this.closing = reason;
    if (reason !== "client") this.stopPump();
    this.opening.then(
      (session) => session.close(),
      () => {},
    );
  }
}
