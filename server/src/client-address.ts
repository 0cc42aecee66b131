// Who a request comes from, for rate limits, run scheduling and logs. Behind N trusted proxies
// the client is the address the outermost of them saw: the N-th X-Forwarded-For entry from the
// right. Entries further left were written by the client itself, so they are never believed.

import type { IncomingMessage } from "node:http";

/** Longest address kept: an IPv6 address with a zone fits; anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 64;

/** Each proxy appends the address it received the request from, so the chain reads client first, nearest hop last. */
function forwardedChain(request: IncomingMessage): string[] {
  const header = request.headers["x-forwarded-for"];
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  if (trustedProxies === 0) return socketAddress;
  const chain = forwardedChain(request);
  if (chain.length === 0) return socketAddress;
  // With fewer entries than trusted proxies, the leftmost is still one a trusted proxy wrote.
  const address = chain[Math.max(0, chain.length - trustedProxies)]!;
  return address.slice(0, MAX_ADDRESS_LENGTH);
}
