// aiohttp's TCPConnector (aiohttp/connector.py): the pool of a session's connections. A
// request holds a connection from before it connects until its response is released; at
// most `limit` are held at once (`limit_per_host` per host and port), and a request beyond
// that waits, first come first served. A released connection whose response was read to the
// end stays open for `keepalive_timeout` seconds and is reused without a new round trip.

import { Coroutine } from "../asyncio/coroutines.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { WaitSubject } from "../asyncio/wait-subject.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { openSiteLink, type SiteLink } from "./http-exchange.js";
import type { URL } from "./url.js";

/** One open connection of a connector. */
export class Connection {
  idleSince = 0;

  constructor(
    readonly key: string,
    readonly target: SiteLink,
  ) {}
}

interface Waiter {
  key: string;
  future: Future<null>;
}

export interface ConnectorOptions {
  limit?: number;
  limitPerHost?: number;
  forceClose?: boolean;
  keepaliveTimeout?: number;
  ssl?: unknown;
  verifySsl?: boolean;
}

export class TCPConnector {
  private readonly total: number;
  private readonly perHost: number;
  readonly forceClose: boolean;
  readonly keepaliveTimeout: number;
  private held = 0;
  private readonly heldPerKey = new Map<string, number>();
  private readonly idle = new Map<string, Connection[]>();
  private readonly waiters: Waiter[] = [];
  private isClosed = false;
  private readonly waitSubject: WaitSubject;

  constructor(options: ConnectorOptions = {}) {
    this.total = option(options, "limit", 100);
    this.perHost = option(options, "limitPerHost", 0);
    this.forceClose = option(options, "forceClose", false);
    this.keepaliveTimeout = option(options, "keepaliveTimeout", 15);
    this.waitSubject = new WaitSubject("semaphore", "TCPConnector").operationOf(`(limit ${this.limit || "none"}): no free connection`);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** How many connections may be held at once (0: no limit). */
  get limit(): number {
    return this.total;
  }

  get limitPerHost(): number {
    return this.perHost;
  }

  /** Takes a connection to the URL's host and port: an idle one, or a new one after a round trip. */
  connect(loop: EventLoop, url: URL): Coroutine<Connection> {
    const connector = this;
    return Coroutine.fromFunction(
      "TCPConnector.connect",
      function* () {
        const key = `${url.host}:${url.port}`;
        // Room left after every release has woken the waiters it could serve is no waiter's.
        if (connector.hasRoomFor(key)) connector.hold(key, 1);
        else {
          const future = loop.createFuture<null>();
          future.waitTarget = connector.waitSubject.target(loop.runtime);
          const waiter = { key, future };
          connector.waiters.push(waiter);
          try {
            // Resolved by wakeWaiters(), which holds the room on this request's behalf.
            yield future;
          } catch (error) {
            if (future.done() && !future.cancelled()) {
              connector.hold(key, -1);
              connector.wakeWaiters();
            }
            throw error;
          } finally {
            connector.waiters.splice(connector.waiters.indexOf(waiter), 1);
          }
        }
        try {
          const reused = connector.takeIdle(key, loop.time());
          if (reused !== null) return reused;
          return new Connection(key, (yield openSiteLink(loop, url.host, url.port)) as SiteLink);
        } catch (error) {
          connector.hold(key, -1);
          connector.wakeWaiters();
          throw error;
        }
      },
      false,
    );
  }

  /** Gives a connection back: kept for reuse when its response was read to the end. */
  release(connection: Connection, reusable: boolean, now: number): void {
    this.hold(connection.key, -1);
    if (reusable && !this.forceClose && !this.isClosed) {
      connection.idleSince = now;
      const idle = this.idle.get(connection.key) ?? [];
      idle.push(connection);
      this.idle.set(connection.key, idle);
    }
    this.wakeWaiters();
  }

  /** Closes the idle connections; the connector takes no more requests. */
  close(): void {
    this.isClosed = true;
    this.idle.clear();
  }

  __repr__(): string {
    return `<aiohttp.TCPConnector limit=${this.limit} limit_per_host=${this.limitPerHost}>`;
  }

  private hasRoomFor(key: string): boolean {
    if (this.limit > 0 && this.held >= this.limit) return false;
    return !(this.limitPerHost > 0 && (this.heldPerKey.get(key) ?? 0) >= this.limitPerHost);
  }

  private hold(key: string, change: number): void {
    this.held += change;
    this.heldPerKey.set(key, (this.heldPerKey.get(key) ?? 0) + change);
  }

  private takeIdle(key: string, now: number): Connection | null {
    const idle = this.idle.get(key);
    while (idle !== undefined && idle.length > 0) {
      const connection = idle.pop() as Connection;
      if (now - connection.idleSince <= this.keepaliveTimeout) return connection;
    }
    return null;
  }

  /** Wakes, in arrival order, the waiters there is room for, holding the room for each. */
  private wakeWaiters(): void {
    for (const { key, future } of this.waiters) {
      if (this.limit > 0 && this.held >= this.limit) return;
      if (future.done() || !this.hasRoomFor(key)) continue;
      this.hold(key, 1);
      future.setResult(null);
    }
  }
}
addSnakeCaseAliases(TCPConnector);
