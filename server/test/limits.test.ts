// Limits against the real server: per-client rate limits answered with 429 and Retry-After
// (HTTP) or an error naming the limit (WebSocket), caps on connections and runs, the allowed
// origins, heartbeats, and backpressure from a reader that stops reading.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { EventMessage, HttpErrorBody, ServerMessage } from "../src/protocol.js";
import { startTestServer, type TestServer } from "./helpers/test-server.js";
import { TestClient } from "./helpers/ws-client.js";

const isEvent = (message: ServerMessage): message is EventMessage => message.type === "event";

function post(server: TestServer, route: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${route}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

describe("per-client rate limits", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ LOOPLAB_RUN_RATE: "2/60", LOOPLAB_SAVE_RATE: "2/60", LOOPLAB_CONNECTION_RATE: "3/60" });
  });
  after(() => server.close());

  test("program runs over HTTP: past the budget a 429 with Retry-After names the limit; cached answers still come", async () => {
    assert.equal((await post(server, "/api/run", { code: "print(1)" })).status, 200);
    assert.equal((await post(server, "/api/run", { code: "print(2)" })).status, 200);
    const refused = await post(server, "/api/run", { code: "print(3)" });
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    const body = (await refused.json()) as HttpErrorBody;
    assert.equal(body.limit, "runs-per-client");
    assert.equal(body.retryAfterSeconds, retryAfter);
    const cached = await post(server, "/api/run", { code: "print(1)" });
    assert.equal(cached.status, 200);
    assert.equal(cached.headers.get("x-cache"), "hit");
  });

  test("runs over the WebSocket share the budget: the refusal is an error naming the limit and when to retry", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({ type: "run", id: "late", code: "print(4)" });
    const error = await client.next((message) => message.type === "error");
    assert.ok(error.type === "error");
    assert.equal(error.id, "late");
    assert.equal(error.code, "limit");
    assert.equal(error.limit, "runs-per-client");
    assert.ok((error.retryAfterSeconds ?? 0) >= 1);
    await client.close();
  });

  test("snippet saves: past the budget a 429 with Retry-After", async () => {
    assert.equal((await post(server, "/api/snippets", { code: "a" })).status, 201);
    assert.equal((await post(server, "/api/snippets", { code: "b" })).status, 201);
    const refused = await post(server, "/api/snippets", { code: "c" });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal(((await refused.json()) as HttpErrorBody).limit, "saves-per-client");
  });

  test("WebSocket connections: past the budget the upgrade is a 429 with Retry-After", async () => {
    // The first test file connection above took one of the three.
    const open = [await TestClient.connect(server.websocketUrl), await TestClient.connect(server.websocketUrl)];
    const refusal = await TestClient.refusal(server.websocketUrl);
    assert.equal(refusal.status, 429);
    assert.ok(Number(refusal.retryAfter) >= 1);
    assert.equal((JSON.parse(refusal.body) as HttpErrorBody).limit, "connections-per-client");
    await Promise.all(open.map((client) => client.close()));
  });
});

describe("connection caps, origins and heartbeats", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      LOOPLAB_MAX_CONNECTIONS_PER_CLIENT: "2",
      LOOPLAB_MAX_RUNS_PER_CONNECTION: "1",
      LOOPLAB_ALLOWED_ORIGINS: "https://allowed.example",
      LOOPLAB_HEARTBEAT_SECONDS: "1",
    });
  });
  after(() => server.close());

  test("a client may hold only so many open connections; closing one lets the next in", async () => {
    const first = await TestClient.connect(server.websocketUrl);
    const second = await TestClient.connect(server.websocketUrl);
    const refusal = await TestClient.refusal(server.websocketUrl);
    assert.equal(refusal.status, 429);
    assert.equal((JSON.parse(refusal.body) as HttpErrorBody).limit, "concurrent-connections");
    assert.ok(Number(refusal.retryAfter) >= 1);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = await TestClient.connect(server.websocketUrl);
    await Promise.all([second.close(), third.close()]);
  });

  test("one connection may stream only so many runs at once", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({
      type: "run",
      id: "one",
      code: `import asyncio from "asyncio";\nasyncio.run(asyncio.sleep(0.5));`,
      options: { clock: "real" },
    });
    client.send({ type: "run", id: "two", code: "print(2)" });
    const error = await client.next((message) => message.type === "error");
    assert.ok(error.type === "error" && error.id === "two" && error.code === "limit" && error.limit === "runs-per-connection");
    await client.finished("one");
    await client.close();
  });

  test("only the server's own origin and the allowed ones may open the WebSocket", async () => {
    const refusal = await TestClient.refusal(server.websocketUrl, { origin: "https://evil.example" });
    assert.equal(refusal.status, 403);
    const allowed = await TestClient.connect(server.websocketUrl, { origin: "https://allowed.example" });
    await allowed.close();
    const own = await TestClient.connect(server.websocketUrl, { origin: server.url });
    await own.close();
  });

  test("a connection that stops answering pings is dropped; one that answers is kept", async () => {
    const silent = await TestClient.connect(server.websocketUrl, { autoPong: false });
    const answering = await TestClient.connect(server.websocketUrl);
    const started = performance.now();
    while (!silent.closed && performance.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(silent.closed, "the silent connection was not dropped");
    assert.ok(!answering.closed);
    answering.send({ type: "ping" });
    assert.deepEqual(await answering.next((message) => message.type === "pong"), { type: "pong" });
    await answering.close();
  });
});

describe("backpressure", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      LOOPLAB_BACKPRESSURE_BYTES: String(64 * 1024),
      LOOPLAB_SLOW_READER_SECONDS: "2",
      LOOPLAB_OUTPUT_BYTES: String(64 * 1024 * 1024),
      LOOPLAB_EVENT_BYTES: String(64 * 1024 * 1024),
    });
  });
  after(() => server.close());

  /** 20,000 lines of 1 KB: far more than the socket's buffers hold. */
  const FLOOD = `const line = "x".repeat(1000);\nfor (let i = 0; i < 20_000; i++) print(i, line);\nprint("done");`;

  test("a reader that pauses briefly gets every event: the run waited for it", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.socket.pause();
    client.send({ type: "run", id: "flood", code: FLOOD, options: { events: false } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    client.socket.resume();
    const end = await client.finished("flood", 60_000);
    assert.ok(isEvent(end) && end.event.type === "end" && end.event.reason === "completed", JSON.stringify(end));
    const outputs = client.about("flood").filter(({ message }) => isEvent(message) && message.event.type === "output");
    assert.equal(outputs.length, 20_001);
    await client.close();
  });

  test("a reader that stays behind past the grace time gets its run stopped with a message, not an unbounded buffer", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.socket.pause();
    client.send({ type: "run", id: "flood", code: FLOOD, options: { events: false } });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    client.socket.resume();
    const stopped = await client.finished("flood", 60_000);
    assert.equal(stopped.type, "stopped");
    assert.ok(stopped.type === "stopped" && stopped.reason === "slow-reader");
    const outputs = client.about("flood").filter(({ message }) => isEvent(message) && message.event.type === "output");
    assert.ok(outputs.length < 20_001, `${outputs.length} outputs arrived`);
    assert.ok(server.log.some(({ kind, fields }) => kind === "run" && fields.id === "flood" && fields.reason === "stopped:slow-reader"));
    await client.close();
  });
});
