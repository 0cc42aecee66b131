// The `network` module, Looplab's own: how a snippet sees and sets the simulated network's
// link settings per host, and the Python built-in errors the network raises.
//
//   import network from "network";
//   network.setLatency("example.com", 0.05);   // round trip, seconds
//   network.configure("httpbin.org", { latency: 0.3, bandwidth: 50_000, failureRate: 0.1 });

import { makeModule } from "../asyncio/module.js";
import { option } from "../python-names.js";
import { Bytes } from "./bytes.js";
import { currentNetwork } from "./current-network.js";
import { demoHostNames } from "./demo-web.js";
import {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  gaierror,
  LookupError,
  OSError,
  UnicodeDecodeError,
} from "./errors.js";
import type { LinkSettings } from "./hosts.js";

function settingsFrom(options: object | undefined): Partial<LinkSettings> {
  return {
    latency: option<number | undefined>(options, "latency", undefined),
    bandwidth: option<number | undefined>(options, "bandwidth", undefined),
    failureRate: option<number | undefined>(options, "failureRate", undefined),
  };
}

export const networkModule = makeModule({
  /** The round-trip time to `host`, in seconds. */
  setLatency(host: string, seconds: number): void {
    currentNetwork().configure(host, { latency: seconds });
  },
  /** Bytes per second each way between the snippet and `host`; Infinity for no limit. */
  setBandwidth(host: string, bytesPerSecond: number | null): void {
    currentNetwork().configure(host, { bandwidth: bytesPerSecond ?? Number.POSITIVE_INFINITY });
  },
  /** The probability that a connection attempt or a request to `host` fails. */
  setFailureRate(host: string, rate: number): void {
    currentNetwork().configure(host, { failureRate: rate });
  },
  /** Several settings of one host at once: `{ latency, bandwidth, failureRate }`. */
  configure(host: string, settings: Partial<LinkSettings>): void {
    currentNetwork().configure(host, settingsFrom(settings));
  },
  /** The settings of every host that has none of its own (127.0.0.1 has its own). */
  setDefaults(settings: Partial<LinkSettings>): void {
    currentNetwork().setDefaults(settingsFrom(settings));
  },
  /** The settings in force for `host`. */
  settings(host: string): LinkSettings {
    return currentNetwork().settings(host);
  },
  /** The host names of the built-in demo web. */
  hosts(): string[] {
    return demoHostNames();
  },
  Bytes,
  OSError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  ConnectionAbortedError,
  BrokenPipeError,
  gaierror,
  LookupError,
  UnicodeDecodeError,
});
