// Program runs over the WebSocket, against the real server and the real sandbox: events stream
// as they happen, runs stop, several share one socket, bad messages get errors and the
// connection stays usable.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { EventMessage, ServerMessage } from "../src/protocol.js";
import { startTestServer, type TestServer } from "./helpers/test-server.js";
import { TestClient } from "./helpers/ws-client.js";

let server: TestServer;
before(async () => {
  // Three workers: one client may use all but the last (run-scheduler.ts), so two of its runs go at once.
  server = await startTestServer({ LOOPLAB_RUN_WORKERS: "3" });
});
after(() => server.close());

const isEvent = (message: ServerMessage): message is EventMessage => message.type === "event";

const TWO_TASKS = `
import asyncio from "asyncio";

async function worker(name: string, seconds: number) {
  print(name, "starts");
  await asyncio.sleep(seconds);
  print(name, "ends");
}

async function main() {
  const a = asyncio.create_task(worker("a", 0.6), { name: "A" });
  const b = asyncio.create_task(worker("b", 0.3), { name: "B" });
  await asyncio.gather(a, b);
}

asyncio.run(main());
`;

describe("program runs over the WebSocket", () => {
  test("a real-clock run streams output and task events before it ends (arrival times)", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({ type: "run", id: "r1", code: TWO_TASKS, options: { clock: "real" } });
    await client.finished("r1");
    const arrivals = client.about("r1");
    const end = arrivals.find(({ message }) => isEvent(message) && message.event.type === "end")!;
    assert.equal(
      (end.message as EventMessage).event.type === "end" && (end.message as EventMessage & { event: { reason: string } }).event.reason,
      "completed",
    );
    const firstOutput = arrivals.find(({ message }) => isEvent(message) && message.event.type === "output")!;
    const spawnedA = arrivals.find(
      ({ message }) => isEvent(message) && message.event.type === "task-spawned" && message.event.name === "A",
    )!;
    const bEnds = arrivals.find(({ message }) => isEvent(message) && message.event.type === "output" && message.event.text === "b ends\n")!;
    assert.ok(end.at - firstOutput.at >= 450, `first output ${end.at - firstOutput.at} ms before the end`);
    assert.ok(end.at - spawnedA.at >= 450, `task A's spawn ${end.at - spawnedA.at} ms before the end`);
    assert.ok(end.at - bEnds.at >= 200, `"b ends" ${end.at - bEnds.at} ms before the end`);
    const stdout = arrivals.map(({ message }) => (isEvent(message) && message.event.type === "output" ? message.event.text : "")).join("");
    assert.equal(stdout, "a starts\nb starts\nb ends\na ends\n");
    await client.close();
  });

  test("a virtual-clock run streams output printed before a long computation before the run ends", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    // Date.now() is the real clock even in a virtual-clock run: the loop computes for 400 ms of wall time.
    const code = `print("before"); const started = Date.now(); while (Date.now() - started < 400) {} print("after");`;
    client.send({ type: "run", id: "busy", code });
    await client.finished("busy");
    const arrivals = client.about("busy");
    const before = arrivals.find(
      ({ message }) => isEvent(message) && message.event.type === "output" && message.event.text === "before\n",
    )!;
    const end = arrivals.at(-1)!;
    assert.ok(
      isEvent(end.message) && end.message.event.type === "end" && end.message.event.reason === "completed",
      JSON.stringify(end.message),
    );
    assert.ok(end.at - before.at >= 250, `"before" arrived ${end.at - before.at} ms before the end`);
    await client.close();
  });

  test("stop ends a run at once with a stopped message, and no event of it follows", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({
      type: "run",
      id: "forever",
      code: `import asyncio from "asyncio";\nasync function main() { for (let i = 0; ; i++) { print(i); await asyncio.sleep(0.05); } }\nasyncio.run(main());`,
      options: { clock: "real" },
    });
    await client.next((message) => isEvent(message) && message.id === "forever" && message.event.type === "output");
    client.send({ type: "stop", id: "forever" });
    const stopped = await client.next((message) => message.type === "stopped");
    assert.deepEqual(stopped, { type: "stopped", id: "forever", reason: "client", message: "stopped by the client" });
    const count = client.about("forever").length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.about("forever").length, count, "events kept coming after the stopped message");
    // The id is free again.
    client.send({ type: "run", id: "forever", code: `print("again")` });
    const again = await client.next((message) => isEvent(message) && message.id === "forever" && message.event.type === "output", {
      since: count,
    });
    assert.ok(isEvent(again) && again.event.type === "output" && again.event.text === "again\n");
    await client.close();
  });

  test("two runs multiplexed on one socket each get their own events, interleaved as they happen", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    const ticker = (name: string) =>
      `import asyncio from "asyncio";\nasync function main() { for (let i = 0; i < 4; i++) { print("${name}", i); await asyncio.sleep(0.1); } }\nasyncio.run(main());`;
    client.send({ type: "run", id: "left", code: ticker("L"), options: { clock: "real" } });
    client.send({ type: "run", id: "right", code: ticker("R"), options: { clock: "real" } });
    await Promise.all([client.finished("left"), client.finished("right")]);
    const output = (id: string) =>
      client
        .about(id)
        .map(({ message }) => (isEvent(message) && message.event.type === "output" ? message.event.text : ""))
        .join("");
    assert.equal(output("left"), "L 0\nL 1\nL 2\nL 3\n");
    assert.equal(output("right"), "R 0\nR 1\nR 2\nR 3\n");
    const order = client.arrivals
      .filter(({ message }) => isEvent(message) && message.event.type === "output")
      .map(({ message }) => (message as EventMessage).id);
    const firstRightEnd = order.lastIndexOf("right");
    assert.ok(
      order.indexOf("left") < firstRightEnd && order.lastIndexOf("left") > order.indexOf("right"),
      `interleaved: ${order.join(",")}`,
    );
    await client.close();
  });

  test("a compile error comes back as events of the run", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({ type: "run", id: "bad", code: "let x = ;" });
    await client.finished("bad");
    const types = client.about("bad").map(({ message }) => (isEvent(message) ? message.event.type : message.type));
    assert.deepEqual(types, ["compile-error", "end"]);
    await client.close();
  });

  test("closing the socket stops its runs (a new connection can still run)", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({
      type: "run",
      id: "orphan",
      code: `import asyncio from "asyncio";\nasync function main() { for (;;) { print("tick"); await asyncio.sleep(0.02); } }\nasyncio.run(main());`,
      options: { clock: "real" },
    });
    await client.next((message) => isEvent(message) && message.event.type === "output");
    await client.close();
    const stopped = () =>
      server.log.some(({ kind, fields }) => kind === "run" && fields.id === "orphan" && fields.reason === "stopped:closed");
    for (let waited = 0; !stopped() && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(stopped(), "the orphan run was not logged as stopped by the closed socket");
    const other = await TestClient.connect(server.websocketUrl);
    other.send({ type: "run", id: "after", code: `print("fine")` });
    const end = await other.finished("after");
    assert.ok(isEvent(end) && end.event.type === "end" && end.event.reason === "completed");
    await other.close();
  });
});

describe("refused messages keep the connection", () => {
  test("malformed JSON, unknown types and wrong fields are answered with an error naming the field", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    const reply = async (payload: string | object) => {
      const since = client.arrivals.length;
      client.sendRaw(typeof payload === "string" ? payload : JSON.stringify(payload));
      return client.next((message) => message.type === "error", { since });
    };
    assert.deepEqual(await reply("{not json"), { type: "error", code: "invalid-json", message: "the message is not valid JSON" });
    const unknownType = await reply({ type: "launch", id: "x" });
    assert.equal(unknownType.type === "error" && unknownType.field, "type");
    const wrongCode = await reply({ type: "run", id: "x", code: 42 });
    assert.deepEqual(wrongCode, {
      type: "error",
      id: "x",
      code: "invalid-message",
      field: "code",
      message: "code: Invalid input: expected string, received number",
    });
    const wrongSeed = await reply({ type: "run", id: "x", code: "", options: { seed: "one" } });
    assert.equal(wrongSeed.type === "error" && wrongSeed.field, "options.seed");
    const extra = await reply({ type: "stop", id: "x", force: true });
    assert.deepEqual(extra, { type: "error", id: "x", code: "invalid-message", field: "force", message: "force: is not a known field" });
    const raisedLimit = await reply({ type: "run", id: "x", code: "", options: { limits: { cpuMs: 10 ** 9 } } });
    assert.equal(raisedLimit.type === "error" && raisedLimit.field, "options.limits.cpuMs");
    const unknownId = await reply({ type: "stop", id: "nothing" });
    assert.equal(unknownId.type === "error" && unknownId.code, "unknown-id");
    // Still usable.
    client.send({ type: "run", id: "ok", code: `print("still here")` });
    const end = await client.finished("ok");
    assert.ok(isEvent(end) && end.event.type === "end" && end.event.reason === "completed");
    await client.close();
  });

  test("an oversized message is answered with an error naming the limit, and the connection is kept", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    const huge = JSON.stringify({ type: "run", id: "big", code: "x".repeat(server.config.maxMessageBytes + 1) });
    client.sendRaw(huge);
    const error = await client.next((message) => message.type === "error");
    assert.equal(error.type === "error" && error.code, "message-too-large");
    assert.equal(error.type === "error" && error.limit, "message-size");
    client.send({ type: "ping", nonce: 7 });
    assert.deepEqual(await client.next((message) => message.type === "pong"), { type: "pong", nonce: 7 });
    await client.close();
  });

  test("a run id already live on the connection is refused as a duplicate", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    const slow = `import asyncio from "asyncio";\nasyncio.run(asyncio.sleep(0.5));`;
    client.send({ type: "run", id: "same", code: slow, options: { clock: "real" } });
    client.send({ type: "run", id: "same", code: slow, options: { clock: "real" } });
    const error = await client.next((message) => message.type === "error");
    assert.equal(error.type === "error" && error.code, "duplicate-id");
    await client.finished("same");
    await client.close();
  });
});
