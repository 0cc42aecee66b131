// Issue 16's attacks on the WebSocket, against the server in its own process: a client that
// sends and never reads is dropped with a close reason while the server's memory stays bounded
// and another client's run goes on as usual; error replies never echo a client's text unbounded.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";
import type { ServerMessage } from "../src/protocol.js";
import { assertSameServer, residentMegabytes, waitFor } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { TestClient } from "./helpers/ws-client.js";

/** The reported attack, scaled down: 300 KB messages whose unknown key an error reply used to echo twice. */
const LARGE_MESSAGES = 300;
const LARGE_KEY = "k".repeat(300 * 1024);
/** Bytes a connection may queue in this server before it is dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

describe("a client that never reads", () => {
  let server: ServerProcess;
  let pid: number;
  before(async () => {
    server = await startServerProcess({
      LOOPLAB_MAX_BUFFERED_BYTES: String(MAX_BUFFERED_BYTES),
      LOOPLAB_BACKPRESSURE_BYTES: String(256 * 1024),
    });
    pid = server.child.pid!;
  });
  after(() => server.stop());

  const websocketUrl = () => `${server.url.replace(/^http/, "ws")}/ws`;

  test("an error reply clips what it echoes: a long unknown key, a long id", async () => {
    const client = await TestClient.connect(websocketUrl());
    client.sendRaw(`{"type":"stop","id":"${"i".repeat(10_000)}","${"k".repeat(10_000)}":1}`);
    const error = await client.next((message) => message.type === "error");
    assert.ok(error.type === "error" && error.code === "invalid-message");
    assert.equal(error.id, undefined, "an id longer than any valid one is not echoed");
    assert.ok(JSON.stringify(error).length < 600, JSON.stringify(error));
    await client.close();
    await assertSameServer(server, pid);
  });

  test("its error replies stay small, it is dropped with a close reason, memory stays bounded, others run as usual", async () => {
    const benign = await TestClient.connect(websocketUrl());
    benign.send({ type: "run", id: "warm", code: "print('warm')" });
    await benign.finished("warm");
    const residentBefore = residentMegabytes(pid);

    const attacker = new WebSocket(websocketUrl());
    await new Promise<void>((resolve, reject) => {
      attacker.once("open", () => resolve());
      attacker.once("error", reject);
    });
    let closeCode = 0;
    let closeReason = "";
    const received: string[] = [];
    attacker.on("message", (data) => received.push(data.toString()));
    const closed = new Promise<void>((resolve) =>
      attacker.once("close", (code, reason) => {
        closeCode = code;
        closeReason = reason.toString();
        resolve();
      }),
    );
    // From here on the attacker reads nothing: its receive window fills, then the server's queue.
    attacker.pause();
    for (let index = 0; index < LARGE_MESSAGES; index++) attacker.send(`{"type":"ping","${LARGE_KEY}":${index}}`);
    await waitFor(() => attacker.bufferedAmount === 0, 30_000, "the large messages to be sent");

    // Its replies are small, so it takes many more messages before its queue passes the limit.
    const nonce = "n".repeat(64);
    for (let index = 0; index < 200_000 && !server.output().includes("event=dropped"); index++) {
      attacker.send(`{"type":"ping","nonce":"${nonce}"}`);
      if (index % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => server.output().includes("event=dropped"), 10_000, "the server to drop the attacker");
    const residentAfter = residentMegabytes(pid);

    const started = performance.now();
    benign.send({ type: "run", id: "benign", code: "print('still here')" });
    const end = await benign.finished("benign", 10_000);
    assert.ok(end.type === "event" && end.event.type === "end" && end.event.reason === "completed", JSON.stringify(end));
    assert.ok(performance.now() - started < 2000, `the benign run took ${Math.round(performance.now() - started)} ms`);
    assert.ok(!benign.closed, "the benign client was not dropped");

    // Reading again, the attacker gets what was queued, then the close frame with its reason.
    attacker.resume();
    await closed;
    assert.equal(closeCode, 1008);
    assert.match(closeReason, /did not read/);
    const errors = received.map((text) => JSON.parse(text) as ServerMessage).filter((message) => message.type === "error");
    assert.ok(errors.length > 0);
    for (const text of received) assert.ok(text.length < 1000, `a reply of ${text.length} characters`);
    assert.ok(
      residentAfter - residentBefore < 150,
      `resident memory grew from ${residentBefore.toFixed(0)} to ${residentAfter.toFixed(0)} MB (the unbounded queue grew by 180 MB)`,
    );
    await benign.close();
    await assertSameServer(server, pid);
  });
});
