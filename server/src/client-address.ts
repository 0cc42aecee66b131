// Who a request comes from, for rate limits and logs: the socket's address, or the first
// X-Forwarded-For address when the server runs behind a trusted load balancer.

import type { IncomingMessage } from "node:http";

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? "unknown";
}
