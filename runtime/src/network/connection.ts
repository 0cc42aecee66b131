// Opening a simulated TCP connection (asyncio's loop.create_connection): the connection request
// reaches the host half a round trip later, where a server accepts it or nothing listens; the
// answer is back one round trip after the call. A name the network does not know fails at once.

import { Coroutine } from "../asyncio/coroutines.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { currentNetwork } from "./current-network.js";
import { connectionRefused, connectionReset, unknownHost } from "./errors.js";
import { canonicalHost, formatSeconds, LOOPBACK_ADDRESS, networkDeadline } from "./hosts.js";
import { type Protocol, Transport } from "./transport.js";
import { tuple } from "./tuple.js";

/** The address a client's end reports as its own: loopback for loopback, else a documentation address. */
const CLIENT_ADDRESS = "192.0.2.10";

export function createConnection<P extends Protocol>(
  loop: EventLoop,
  protocolFactory: () => P,
  host: string,
  port: number,
): Coroutine<[Transport, P]> {
  return Coroutine.fromFunction("create_connection", function* () {
    const network = currentNetwork(loop.runtime);
    const name = canonicalHost(host);
    if (!network.resolves(name)) throw unknownHost();
    const link = network.settings(name);
    const protocol = protocolFactory();
    const localAddress = name === LOOPBACK_ADDRESS ? LOOPBACK_ADDRESS : CLIENT_ADDRESS;
    const localPort = network.ephemeralPort();
    const client = new Transport(loop, protocol, link, tuple<unknown>(localAddress, localPort), tuple<unknown>(name, port));
    const connected: Future<null> = loop.createFuture<null>();
    connected.waitTarget = { kind: "network", label: `connect ${name}:${port} (${formatSeconds(link.latency)} round trip)` };
    let refusal: Error | null = null;
    loop.callAt(networkDeadline(loop, link.latency / 2), () => {
      if (connected.done()) return;
      if (network.fails(name)) {
        refusal = connectionReset();
        return;
      }
      const endpoint = network.endpoint(name, port);
      const serverProtocol = endpoint?.accept(loop) ?? null;
      if (endpoint === null || endpoint === undefined || serverProtocol === null) {
        refusal = connectionRefused(name, port);
        return;
      }
      const server = new Transport(loop, serverProtocol, link, tuple<unknown>(name, port), tuple<unknown>(localAddress, localPort));
      client.peer = server;
      server.peer = client;
      endpoint.attach(server);
      server.connectionMade();
    });
    loop.callAt(networkDeadline(loop, link.latency), () => {
      if (connected.done()) return;
      if (refusal !== null) {
        connected.setException(refusal);
        return;
      }
      client.connectionMade();
      connected.setResult(null);
    });
    try {
      yield connected;
    } catch (error) {
      // Cancelled while connecting: a server that accepted sees the connection reset.
      if (client.peer !== null) client.abort();
      throw error;
    }
    return [client, protocol] as [Transport, P];
  });
}
