// The simulated network of one run: per-host link settings (latency, bandwidth, failure rate),
// what listens where (stream servers, HTTP sites), and name resolution. Nothing here touches a
// real network; every delay is a timer on the run's clock.
//
// Invariants:
// - latency is the round-trip time; data takes half of it to reach the other end;
// - failures are drawn from a generator of their own, seeded per run, and only for hosts whose
//   failure rate is above zero, so a run without failures draws nothing and runs the same;
// - network deadlines are rounded to the microsecond, so that sums of latencies read as
//   written (0.15, not 0.15000000000000002).

import { ValueError } from "../asyncio/exceptions.js";
import type { EventLoop } from "../asyncio/loop.js";
import { Random } from "../modules/random.js";
import type { Runtime } from "../runtime.js";
import type { Protocol, Transport } from "./transport.js";

export interface LinkSettings {
  /** Round-trip time in seconds. */
  latency: number;
  /** Bytes per second each way; Infinity for no limit. */
  bandwidth: number;
  /** Probability in [0, 1] that a connection attempt or a request fails. */
  failureRate: number;
}

/** Every host without settings of its own. */
export const REMOTE_DEFAULTS: Readonly<LinkSettings> = { latency: 0.1, bandwidth: Number.POSITIVE_INFINITY, failureRate: 0 };
/** 127.0.0.1 and its names. */
export const LOOPBACK_DEFAULTS: Readonly<LinkSettings> = { latency: 0.001, bandwidth: Number.POSITIVE_INFINITY, failureRate: 0 };

export const LOOPBACK_ADDRESS = "127.0.0.1";
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "ip6-localhost"]);
const WILDCARD_NAMES = new Set(["", "0.0.0.0", "::", "*"]);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The name a host is known by: lower case, loopback names folded into 127.0.0.1. */
export function canonicalHost(host: unknown): string {
  const name = String(host ?? "")
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[(.*)\]$/, "$1");
  return LOOPBACK_NAMES.has(name) ? LOOPBACK_ADDRESS : name;
}

export function isWildcard(host: unknown): boolean {
  return host === null || host === undefined || WILDCARD_NAMES.has(String(host).trim());
}

export function isAddressLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(":");
}

/** Rounds a network deadline to the microsecond (see the invariants above). */
export function networkDeadline(loop: EventLoop, delay: number): number {
  return Math.round((loop.time() + delay) * 1e6) / 1e6;
}

/** How a delay reads in a timeline label: 0.1s, 0.001s. */
export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(6))}s`;
}

function checkSettings(settings: Partial<LinkSettings>): void {
  const { latency, bandwidth, failureRate } = settings;
  if (latency !== undefined && !(typeof latency === "number" && latency >= 0 && Number.isFinite(latency))) {
    throw new ValueError(`latency must be a number of seconds >= 0, got ${String(latency)}`);
  }
  if (bandwidth !== undefined && !(typeof bandwidth === "number" && bandwidth > 0)) {
    throw new ValueError(`bandwidth must be a number of bytes per second > 0 (Infinity for no limit), got ${String(bandwidth)}`);
  }
  if (failureRate !== undefined && !(typeof failureRate === "number" && failureRate >= 0 && failureRate <= 1)) {
    throw new ValueError(`failure rate must be a probability between 0 and 1, got ${String(failureRate)}`);
  }
}

/** What listens on a host and port: a stream server (server.ts) or an HTTP site (http-site.ts). */
export interface Endpoint {
  readonly kind: "stream" | "http";
  /** The protocol for the server's end of a new connection, or null when it no longer accepts. */
  accept(loop: EventLoop): Protocol | null;
  /** The server's end of an accepted connection, before its protocol hears connection_made(). */
  attach(transport: Transport): void;
}

export class Network {
  private defaults: LinkSettings = { ...REMOTE_DEFAULTS };
  private readonly perHost = new Map<string, Partial<LinkSettings>>([[LOOPBACK_ADDRESS, { ...LOOPBACK_DEFAULTS }]]);
  /** Listening endpoints by "host:port"; host "*" stands for every address. */
  private readonly endpoints = new Map<string, Endpoint>();
  /** Host names that resolve besides the built-in ones: those something listens on. */
  private readonly knownNames = new Set<string>();
  private failures: Random | null = null;
  private nextPort = 50000;
  /** Python's first free descriptor after the standard streams and the selector's. */
  private nextFileDescriptor = 6;

  constructor(
    private readonly runtime: Runtime,
    /** The built-in demo web's site of a name, which answers on ports 80 and 443. */
    private readonly builtinSite: (host: string) => Endpoint | null,
  ) {}

  settings(host: string): LinkSettings {
    return { ...this.defaults, ...this.perHost.get(canonicalHost(host)) };
  }

  configure(host: string, settings: Partial<LinkSettings>): void {
    checkSettings(settings);
    const name = canonicalHost(host);
    this.perHost.set(name, { ...this.perHost.get(name), ...definedOnly(settings) });
  }

  setDefaults(settings: Partial<LinkSettings>): void {
    checkSettings(settings);
    this.defaults = { ...this.defaults, ...definedOnly(settings) };
  }

  /** Draws whether one attempt on `host` fails. */
  fails(host: string): boolean {
    const rate = this.settings(host).failureRate;
    if (rate <= 0) return false;
    this.failures ??= new Random(this.runtime.options.seed ?? 0);
    return this.failures.random() < rate;
  }

  resolves(host: string): boolean {
    const name = canonicalHost(host);
    if (isAddressLiteral(name) || this.knownNames.has(name)) return true;
    return this.builtinSite(name) !== null;
  }

  listen(host: unknown, port: number, endpoint: Endpoint): void {
    this.endpoints.set(endpointKey(host, port), endpoint);
    if (!isWildcard(host)) this.knownNames.add(canonicalHost(host));
  }

  unlisten(host: unknown, port: number, endpoint: Endpoint): void {
    const key = endpointKey(host, port);
    if (this.endpoints.get(key) === endpoint) this.endpoints.delete(key);
  }

  /** What listens on host:port: the exact address first, then a wildcard listener, then the demo web. */
  endpoint(host: string, port: number): Endpoint | null {
    const listening = this.endpoints.get(endpointKey(host, port)) ?? this.endpoints.get(endpointKey(null, port));
    if (listening !== undefined) return listening;
    return port === 80 || port === 443 ? this.builtinSite(canonicalHost(host)) : null;
  }

  isBound(host: unknown, port: number): boolean {
    return this.endpoints.has(endpointKey(host, port));
  }

  /** An ephemeral port, for a client's own address or a server bound to port 0. */
  ephemeralPort(): number {
    return this.nextPort++;
  }

  fileDescriptor(): number {
    return this.nextFileDescriptor++;
  }
}

function endpointKey(host: unknown, port: number): string {
  return `${isWildcard(host) ? "*" : canonicalHost(host)}:${port}`;
}

function definedOnly(settings: Partial<LinkSettings>): Partial<LinkSettings> {
  const result: Partial<LinkSettings> = {};
  if (settings.latency !== undefined) result.latency = settings.latency;
  if (settings.bandwidth !== undefined) result.bandwidth = settings.bandwidth ?? Number.POSITIVE_INFINITY;
  if (settings.failureRate !== undefined) result.failureRate = settings.failureRate;
  return result;
}
