// HTTP as the clients (aiohttp, requests, urllib) exchange it with a site: whole messages, on
// the clock. Opening a connection costs one round trip. A request reaches the server half a
// round trip (plus its body at the link's bandwidth) after it is sent; the response headers
// come back half a round trip after the server answers, and the body follows at the bandwidth.
// A failure, drawn once per request, ends the request when the response was due.

import { RuntimeError } from "../asyncio/exceptions.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import type { Runtime } from "../runtime.js";
import { currentNetwork } from "./current-network.js";
import { connectionRefused, connectionReset, unknownHost } from "./errors.js";
import { canonicalHost, formatSeconds, type LinkSettings, type Network, networkDeadline } from "./hosts.js";
import type { HttpRequest, HttpResponse } from "./http-message.js";
import { BuiltinSite, HttpSite } from "./http-site.js";

/** An open HTTP connection's far end: the site and the link to it. */
export interface SiteLink {
  readonly host: string;
  readonly port: number;
  readonly site: HttpSite;
  readonly link: LinkSettings;
}

export interface Exchange {
  response: HttpResponse;
  /** When the last byte of the body has arrived, on the loop's clock. */
  bodyArrival: number;
}

function transferTime(bytes: number, link: LinkSettings): number {
  return Number.isFinite(link.bandwidth) ? bytes / link.bandwidth : 0;
}

/** The site listening on host:port, or the error a client meets trying to reach it. */
function findSite(network: Network, host: string, port: number): HttpSite | Error {
  const endpoint = network.endpoint(host, port);
  if (endpoint instanceof HttpSite) return endpoint;
  if (endpoint === null) return connectionRefused(host, port);
  return new RuntimeError(`${host}:${port} is a stream server (asyncio.start_server), not an HTTP site: serve HTTP with aiohttp.web`);
}

/** Opens a connection to host:port: one round trip, then the site there or an OSError. */
export function openSiteLink(loop: EventLoop, hostName: string, port: number): Future<SiteLink> {
  const network = currentNetwork(loop.runtime);
  const host = canonicalHost(hostName);
  const future = loop.createFuture<SiteLink>();
  if (!network.resolves(host)) {
    future.setException(unknownHost());
    return future;
  }
  const link = network.settings(host);
  future.waitTarget = { kind: "network", label: `connect ${host}:${port} (${formatSeconds(link.latency)} round trip)` };
  loop.callAt(networkDeadline(loop, link.latency), () => {
    if (future.done()) return;
    const site = findSite(network, host, port);
    if (site instanceof Error) future.setException(site);
    else future.setResult({ host, port, site, link });
  });
  return future;
}

/** Sends a request over an open connection; the future completes when the response headers are back. */
export function exchange(loop: EventLoop, target: SiteLink, request: HttpRequest, label: string): Future<Exchange> {
  const { link, site } = target;
  const future = loop.createFuture<Exchange>();
  future.waitTarget = { kind: "network", label: `${label} (${formatSeconds(link.latency)} round trip)` };
  const oneWay = link.latency / 2;
  const fails = currentNetwork(loop.runtime).fails(target.host);
  loop.callAt(networkDeadline(loop, oneWay + transferTime(request.body.length, link)), () => {
    if (future.done()) return;
    if (fails) {
      loop.callAt(networkDeadline(loop, oneWay), () => {
        if (!future.done()) future.setException(connectionReset());
      });
      return;
    }
    const reply = (response: HttpResponse, serverTime: number) => {
      loop.callAt(networkDeadline(loop, serverTime + oneWay), () => {
        if (future.done()) return;
        future.setResult({ response, bodyArrival: networkDeadline(loop, transferTime(response.body.length, link)) });
      });
    };
    const answer = site.answer(request, loop);
    if ("serverTime" in answer) reply(answer.response, answer.serverTime);
    else
      answer.addDoneCallback((done) => {
        // A server task cancelled (the run ending) drops the connection.
        if (done.cancelled()) {
          if (!future.done()) future.setException(connectionReset());
        } else reply(done.result(), 0);
      });
  });
  return future;
}

/**
 * The same exchange for a blocking client (requests, urllib) on a fresh connection: the
 * response and how many seconds the whole call takes. Only the demo web answers at once;
 * a snippet's own server runs on the loop that the blocking call holds up.
 */
export function blockingExchange(runtime: Runtime, request: HttpRequest): { response: HttpResponse; seconds: number } {
  const network = currentNetwork(runtime);
  const host = canonicalHost(request.url.host);
  if (!network.resolves(host)) throw unknownHost();
  const link = network.settings(host);
  const site = findSite(network, host, request.url.port);
  if (site instanceof Error) throw site;
  if (!(site instanceof BuiltinSite)) {
    throw new RuntimeError(
      `${host}:${request.url.port} is served by this snippet's own event loop, which a blocking call holds up: use aiohttp to reach it`,
    );
  }
  if (network.fails(host)) throw connectionReset();
  const { response, serverTime } = site.answer(request);
  const seconds = link.latency * 2 + serverTime + transferTime(request.body.length + response.body.length, link);
  return { response, seconds: Math.round(seconds * 1e6) / 1e6 };
}
