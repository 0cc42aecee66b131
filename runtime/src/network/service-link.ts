// A client's link to a simulated database server (Redis, MySQL, PostgreSQL) at a host and port:
// opening the connection costs one round trip; each command travels half a round trip to the
// server, runs there, and its reply travels half a round trip back. A failure, drawn per
// command, loses the reply. Database servers answer on every host and port of the network.

import { Coroutine } from "../asyncio/coroutines.js";
import { getRunningLoop } from "../asyncio/events.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { currentNetwork } from "./current-network.js";
import { canonicalHost, formatSeconds, networkDeadline } from "./hosts.js";
import { untilTime } from "./wait-until.js";

export type Outcome<T> = { value: T } | { error: unknown };

/** Runs a command on the server and answers, now or later; may return how to cancel a later answer. */
export type Serve<T> = (respond: (outcome: Outcome<T>, serverTime?: number) => void) => (() => void) | undefined;

export class ServiceLink {
  readonly host: string;
  /** When the connection is (or will be) open, on the loop's clock; null before the first use. */
  private openAt: number | null = null;

  constructor(
    host: string,
    readonly port: number,
    /** What the labels call the service: "redis", "mysql". */
    private readonly service: string,
    /** The error a lost connection raises. */
    private readonly lost: () => Error,
  ) {
    this.host = canonicalHost(host);
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /**
   * Waits until the link's connection is open, opening it on first use: one round trip. Commands
   * sent meanwhile wait for the same connection, each on a future of its own, so cancelling one
   * leaves the connection and the others alone.
   */
  open(): Coroutine<void> {
    const link = this;
    return Coroutine.fromFunction(
      "connect",
      function* () {
        if (link.openAt !== null && link.openAt <= getRunningLoop().time()) return;
        const loop = getRunningLoop();
        const latency = currentNetwork(loop.runtime).settings(link.host).latency;
        link.openAt ??= networkDeadline(loop, latency);
        yield* untilTime(loop, link.openAt, link.label(`connect ${link.service} ${link.address}`, latency));
      },
      false,
    );
  }

  /** One command: half a round trip there, `serve` on the server, half a round trip back. */
  roundTrip<T>(what: string, serve: Serve<T>): Coroutine<T> {
    const link = this;
    return Coroutine.fromFunction(
      what,
      function* () {
        const loop = getRunningLoop();
        const network = currentNetwork(loop.runtime);
        const latency = network.settings(link.host).latency;
        const future = link.waiter<T>(loop, `${link.service} ${link.address}: ${what}`, latency);
        const fails = network.fails(link.host);
        let cancel: (() => void) | undefined;
        loop.callAt(networkDeadline(loop, latency / 2), () => {
          if (future.done()) return;
          if (fails) {
            link.answer(loop, future, { error: link.lost() }, latency / 2);
            return;
          }
          cancel = serve((outcome, serverTime = 0) => link.answer(loop, future, outcome, serverTime + latency / 2));
        });
        try {
          return (yield future) as T;
        } finally {
          cancel?.();
        }
      },
      false,
    );
  }

  private waiter<T>(loop: EventLoop, what: string, latency: number): Future<T> {
    const future = loop.createFuture<T>();
    future.waitTarget = { kind: "network", label: this.label(what, latency) };
    return future;
  }

  private label(what: string, latency: number): string {
    return `${what} (${formatSeconds(latency)} round trip)`;
  }

  private answer<T>(loop: EventLoop, future: Future<T>, outcome: Outcome<T>, delay: number): void {
    loop.callAt(networkDeadline(loop, delay), () => {
      if (future.done()) return;
      if ("error" in outcome) future.setException(outcome.error);
      else future.setResult(outcome.value);
    });
  }
}

/** A command run at once on the server: its value, or its error. */
export function immediately<T>(run: () => T): Serve<T> {
  return (respond) => {
    try {
      respond({ value: run() });
    } catch (error) {
      respond({ error });
    }
    return undefined;
  };
}

/** Shortens a command for a timeline label. */
export function abbreviate(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}
