// asyncio.start_server() and asyncio.open_connection() on the simulated network, and the Server
// they return (CPython Lib/asyncio/base_events.py Server, 3.12+). Invariants:
// - a server accepts while serving; close() stops accepting and leaves open connections alone;
// - wait_closed() returns once the server is closed and its last connection is gone;
// - each accepted connection runs the handler as a new task when it returns a coroutine.

import { Coroutine } from "../asyncio/coroutines.js";
import { getRunningLoop } from "../asyncio/events.js";
import { CancelledError, RuntimeError } from "../asyncio/exceptions.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { createConnection } from "./connection.js";
import { currentNetwork } from "./current-network.js";
import { OSError } from "./errors.js";
import { canonicalHost, type Endpoint, isWildcard, type Network } from "./hosts.js";
import { DEFAULT_LIMIT, StreamReader, StreamReaderProtocol, StreamWriter } from "./streams.js";
import type { Protocol, Transport } from "./transport.js";
import { type Tuple, tuple } from "./tuple.js";

type ClientConnected = (reader: StreamReader, writer: StreamWriter) => unknown;

/** What Server.sockets lists: asyncio's TransportSocket, reduced to its address. */
export class ServerSocket {
  constructor(
    private readonly fd: number,
    private readonly address: Tuple,
  ) {}

  getsockname(): Tuple {
    return this.address;
  }

  fileno(): number {
    return this.fd;
  }

  __repr__(): string {
    return `<asyncio.TransportSocket fd=${this.fd}, family=2, type=1, proto=6, laddr=${this.address.__repr__()}>`;
  }
}

export class Server implements Endpoint {
  readonly kind = "stream";
  private boundSockets: ServerSocket[] | null;
  private activeCount = 0;
  /** Futures of wait_closed(); null once the server is closed and its connections are gone. */
  private waiters: Future<unknown>[] | null = [];
  private serving = false;
  private servingForever: Future<null> | null = null;
  private readonly transports = new Set<Transport>();
  private readonly network: Network;
  private readonly host: string | null;
  readonly port: number;

  constructor(
    private readonly loop: EventLoop,
    private readonly protocolFactory: () => Protocol,
    host: unknown,
    port: unknown,
  ) {
    this.network = currentNetwork(loop.runtime);
    this.host = isWildcard(host) ? null : canonicalHost(host);
    const address = this.host ?? "0.0.0.0";
    const requested = port === undefined || port === null ? 0 : Number(port);
    if (requested !== 0 && this.network.isBound(this.host, requested)) {
      throw new OSError(98, `error while attempting to bind on address ('${address}', ${requested}): address already in use`);
    }
    this.port = requested === 0 ? this.network.ephemeralPort() : requested;
    this.network.listen(this.host, this.port, this);
    this.boundSockets = [new ServerSocket(this.network.fileDescriptor(), tuple<unknown>(address, this.port))];
  }

  get sockets(): Tuple<ServerSocket> {
    return tuple(...(this.boundSockets ?? []));
  }

  accept(loop: EventLoop): Protocol | null {
    return this.serving && loop === this.loop ? this.protocolFactory() : null;
  }

  attach(transport: Transport): void {
    this.activeCount++;
    this.transports.add(transport);
    transport.onLost = () => {
      this.transports.delete(transport);
      this.detach();
    };
  }

  getLoop(): EventLoop {
    return this.loop;
  }

  isServing(): boolean {
    return this.serving;
  }

  close(): void {
    if (this.boundSockets === null) return;
    this.boundSockets = null;
    this.network.unlisten(this.host, this.port, this);
    this.serving = false;
    if (this.servingForever !== null && !this.servingForever.done()) {
      this.servingForever.cancel();
      this.servingForever = null;
    }
    if (this.activeCount === 0) this.wakeUp();
  }

  /** Closes the connections the server accepted (Python 3.13). */
  closeClients(): void {
    for (const transport of [...this.transports]) transport.close();
  }

  abortClients(): void {
    for (const transport of [...this.transports]) transport.abort();
  }

  startServing(): Coroutine<void> {
    const server = this;
    return Coroutine.fromFunction("Server.start_serving", function* () {
      server.beginServing();
      // Skip one loop iteration, as asyncio does so that the listening sockets are registered.
      yield null;
    });
  }

  /** Accepts connections until cancelled, then closes the server. */
  serveForever(): Coroutine<void> {
    const server = this;
    return Coroutine.fromFunction("Server.serve_forever", function* () {
      if (server.servingForever !== null) {
        throw new RuntimeError(`server ${server.__repr__()} is already being awaited on serve_forever()`);
      }
      if (server.boundSockets === null) throw new RuntimeError(`server ${server.__repr__()} is closed`);
      server.beginServing();
      const forever = server.loop.createFuture<null>();
      forever.waitTarget = { kind: "network", label: `serve_forever() on ${server.addressLabel()}` };
      server.servingForever = forever;
      try {
        yield forever;
      } catch (error) {
        if (error instanceof CancelledError) {
          server.close();
          yield server.waitClosed();
        }
        throw error;
      } finally {
        server.servingForever = null;
      }
    });
  }

  /** Waits until the server is closed and every connection it accepted is gone. */
  waitClosed(): Coroutine<void> {
    const server = this;
    return Coroutine.fromFunction("Server.wait_closed", function* () {
      if (server.waiters === null) return;
      const waiter = server.loop.createFuture<unknown>();
      const open = server.activeCount;
      const what = server.boundSockets === null ? `${open} open connection${open === 1 ? "" : "s"}` : "close()";
      waiter.waitTarget = { kind: "network", label: `wait_closed() on ${server.addressLabel()}: waits for ${what}` };
      server.waiters.push(waiter);
      yield waiter;
    });
  }

  __aenter__(): Coroutine<Server> {
    const server = this;
    return Coroutine.fromFunction("Server.__aenter__", function* () {
      return server;
    });
  }

  __aexit__(_type?: unknown, _error?: unknown, _traceback?: unknown): Coroutine<void> {
    const server = this;
    return Coroutine.fromFunction("Server.__aexit__", function* () {
      server.close();
      yield server.waitClosed();
    });
  }

  __repr__(): string {
    return `<Server sockets=${this.sockets.__repr__()}>`;
  }

  beginServing(): void {
    this.serving = this.boundSockets !== null;
  }

  private addressLabel(): string {
    return `${this.host ?? "0.0.0.0"}:${this.port}`;
  }

  private detach(): void {
    this.activeCount--;
    if (this.activeCount === 0 && this.boundSockets === null) this.wakeUp();
  }

  private wakeUp(): void {
    const waiters = this.waiters;
    this.waiters = null;
    for (const waiter of waiters ?? []) if (!waiter.done()) waiter.setResult(waiter);
  }
}
addSnakeCaseAliases(Server);

interface StreamOptions {
  limit?: number;
  startServing?: boolean;
}

/** asyncio.start_server(client_connected_cb, host=None, port=None, *, limit, start_serving=True). */
export function startServer(clientConnected: ClientConnected, host?: unknown, port?: unknown, options?: StreamOptions): Coroutine<Server> {
  if (isOptionsObject(host)) [options, host, port] = [host as StreamOptions, option(host, "host", null), option(host, "port", null)];
  else if (isOptionsObject(port)) [options, port] = [port as StreamOptions, option(port, "port", null)];
  if (typeof clientConnected !== "function") throw new TypeError("client_connected_cb must be a callable");
  const limit = option(options, "limit", DEFAULT_LIMIT);
  const serving = option(options, "startServing", true);
  return Coroutine.fromFunction("start_server", function* () {
    const loop = getRunningLoop();
    const factory = () => new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop);
    const server = new Server(loop, factory, host, port);
    if (serving) {
      server.beginServing();
      yield null;
    }
    return server;
  });
}

/** asyncio.open_connection(host, port, *, limit): a [reader, writer] pair. */
export function openConnection(host: string, port: number, options?: { limit?: number }): Coroutine<Tuple<StreamReader | StreamWriter>> {
  const limit = option(options, "limit", DEFAULT_LIMIT);
  return Coroutine.fromFunction("open_connection", function* () {
    const loop = getRunningLoop();
    const reader = new StreamReader({ limit, loop });
    const protocol = new StreamReaderProtocol(reader, null, loop);
    const [transport] = (yield createConnection(loop, () => protocol, host, port)) as [Transport, StreamReaderProtocol];
    const writer = new StreamWriter(transport, protocol, reader);
    return tuple<StreamReader | StreamWriter>(reader, writer);
  });
}
