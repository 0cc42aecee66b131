// Who a request comes from: the socket's address, or behind N trusted proxies the address the
// outermost of them saw (the N-th X-Forwarded-For entry from the right), never one a client wrote.

import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { describe, test } from "node:test";
import { clientAddress } from "../src/client-address.js";

function request(forwardedFor: string | undefined, remoteAddress = "127.0.0.1"): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe("client address", () => {
  test("without trusted proxies, the socket's address; X-Forwarded-For is ignored", () => {
    assert.equal(clientAddress(request("203.0.113.7"), 0), "127.0.0.1");
  });

  test("behind one proxy, the entry it appended (the last), not one the client wrote before it", () => {
    assert.equal(clientAddress(request("203.0.113.7"), 1), "203.0.113.7");
    assert.equal(clientAddress(request("198.51.100.1, 203.0.113.7"), 1), "203.0.113.7");
    assert.equal(clientAddress(request("spoofed,also-spoofed , 203.0.113.7"), 1), "203.0.113.7");
  });

  test("behind N proxies, the N-th entry from the right; a short chain gives its first entry", () => {
    assert.equal(clientAddress(request("198.51.100.1, 203.0.113.7, 10.0.0.2"), 2), "203.0.113.7");
    assert.equal(clientAddress(request("203.0.113.7"), 3), "203.0.113.7");
  });

  test("a trusted proxy that sent no X-Forwarded-For: the socket's address; an absurd entry is cut", () => {
    assert.equal(clientAddress(request(undefined, "10.0.0.5"), 1), "10.0.0.5");
    assert.equal(clientAddress(request("x".repeat(10_000)), 1).length, 64);
  });
});
