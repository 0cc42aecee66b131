// REPL sessions over the WebSocket, against the real server and the real sandbox: open, eval
// with persistent declarations and top-level await, tasks printing between inputs, cancel by
// task id, close; several sessions and runs on one socket.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { EvaluatedMessage, EventMessage, ServerMessage } from "../src/protocol.js";
import { startTestServer, type TestServer } from "./helpers/test-server.js";
import { TestClient } from "./helpers/ws-client.js";

let server: TestServer;
before(async () => {
  server = await startTestServer({ LOOPLAB_MAX_SESSIONS_PER_CONNECTION: "3" });
});
after(() => server.close());

const isEvent = (message: ServerMessage): message is EventMessage => message.type === "event";

async function evaluate(client: TestClient, id: string, code: string, input: string | number): Promise<EvaluatedMessage> {
  client.send({ type: "eval", id, code, input });
  return (await client.next((message) => message.type === "evaluated" && message.id === id && message.input === input)) as EvaluatedMessage;
}

async function open(client: TestClient, id: string): Promise<void> {
  client.send({ type: "open", id });
  await client.next((message) => message.type === "opened" && message.id === id);
  const imported = await evaluate(client, id, `import asyncio from "asyncio";`, "import");
  assert.deepEqual(imported.outcome, { kind: "value", value: null });
}

function outputOf(client: TestClient, id: string): string {
  return client
    .about(id)
    .map(({ message }) => (isEvent(message) && message.event.type === "output" ? message.event.text : ""))
    .join("");
}

describe("REPL sessions over the WebSocket", () => {
  test("declarations persist between inputs; a last expression's value comes back as Python's REPL shows it", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "repl");
    assert.deepEqual((await evaluate(client, "repl", "let x = 40;", 1)).outcome, { kind: "value", value: null });
    assert.deepEqual((await evaluate(client, "repl", "x + 2", 2)).outcome, { kind: "value", value: "42" });
    assert.deepEqual((await evaluate(client, "repl", `"text"`, 3)).outcome, { kind: "value", value: "'text'" });
    const results = client
      .about("repl")
      .map(({ message }) => (isEvent(message) && message.event.type === "result" ? message.event.value : null));
    assert.deepEqual(
      results.filter((value) => value !== null),
      ["42", "'text'"],
    );
    await client.close();
  });

  test("top-level await works, and an input's events arrive before its evaluated answer", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "await");
    const started = performance.now();
    const evaluated = await evaluate(client, "await", `print("before"); await asyncio.sleep(0.3); print("after"); "slept"`, "sleep");
    assert.ok(performance.now() - started >= 280, "the input did not wait for its sleep");
    assert.deepEqual(evaluated.outcome, { kind: "value", value: "'slept'" });
    assert.equal(outputOf(client, "await"), "before\nafter\n");
    await client.close();
  });

  test("a task started by one input keeps running and printing between inputs", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "bg");
    await evaluate(
      client,
      "bg",
      `async function tick(count: number) { for (let i = 0; i < count; i++) { print("tick", i); await asyncio.sleep(0.15); } }`,
      1,
    );
    await evaluate(client, "bg", `const ticker = asyncio.create_task(tick(3), { name: "ticker" });`, 2);
    const spawned = await client.next(
      (message) => isEvent(message) && message.event.type === "task-spawned" && message.event.name === "ticker",
    );
    const taskId = isEvent(spawned) && spawned.event.type === "task-spawned" ? spawned.event.taskId : -1;
    // Nothing is evaluated meanwhile: the task runs on its own between inputs.
    await client.next(
      (message) =>
        isEvent(message) && message.event.type === "task-state" && message.event.taskId === taskId && message.event.state === "done",
    );
    assert.equal(outputOf(client, "bg"), "tick 0\ntick 1\ntick 2\n");
    await client.close();
  });

  test("cancel by task id: the task is cancelled and the answer says so; an unknown task answers false", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "cancel");
    await evaluate(
      client,
      "cancel",
      `async function spin() { for (;;) await asyncio.sleep(0.05); }\nconst spinner = asyncio.create_task(spin(), { name: "spinner" });`,
      1,
    );
    const spawned = await client.next(
      (message) => isEvent(message) && message.event.type === "task-spawned" && message.event.name === "spinner",
    );
    assert.ok(isEvent(spawned) && spawned.event.type === "task-spawned");
    const taskId = spawned.event.taskId;
    client.send({ type: "cancel", id: "cancel", taskId });
    assert.deepEqual(await client.next((message) => message.type === "cancelled"), {
      type: "cancelled",
      id: "cancel",
      taskId,
      cancelled: true,
    });
    const state = await client.next(
      (message) =>
        isEvent(message) && message.event.type === "task-state" && message.event.taskId === taskId && message.event.state === "cancelled",
    );
    assert.ok(isEvent(state));
    assert.deepEqual((await evaluate(client, "cancel", "spinner.cancelled()", 2)).outcome, { kind: "value", value: "True" });
    const since = client.arrivals.length;
    client.send({ type: "cancel", id: "cancel", taskId: 9999 });
    assert.deepEqual(await client.next((message) => message.type === "cancelled", { since }), {
      type: "cancelled",
      id: "cancel",
      taskId: 9999,
      cancelled: false,
    });
    await client.close();
  });

  test("errors and compile errors of an input come back in its evaluated answer, and the session goes on", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "errors");
    const failed = await evaluate(client, "errors", `\nnoSuchName + 1`, 1);
    assert.equal(failed.outcome.kind, "error");
    assert.ok(
      failed.outcome.kind === "error" && failed.outcome.error.name === "ReferenceError" && failed.outcome.error.frames[0]?.line === 2,
    );
    const broken = await evaluate(client, "errors", "let = ;", 2);
    assert.equal(broken.outcome.kind, "compile-error");
    assert.deepEqual((await evaluate(client, "errors", "1 + 1", 3)).outcome, { kind: "value", value: "2" });
    await client.close();
  });

  test("close ends the session: its end event, then closed; the id is free again", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "closing");
    client.send({ type: "close", id: "closing" });
    const closed = await client.next((message) => message.type === "closed");
    assert.deepEqual(closed, { type: "closed", id: "closing", reason: "client", message: "closed by the client" });
    const messages = client.about("closing").map(({ message }) => message);
    const end = messages.at(-2);
    assert.ok(end !== undefined && isEvent(end) && end.event.type === "end");
    const since = client.arrivals.length;
    client.send({ type: "eval", id: "closing", code: "1" });
    const refused = await client.next((message) => message.type === "error", { since });
    assert.ok(refused.type === "error" && refused.code === "unknown-id");
    await open(client, "closing");
    await client.close();
  });

  test("an input past the CPU limit ends its session; a session opened with its inputs as replay gets their declarations back", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    client.send({ type: "open", id: "limited", options: { limits: { cpuMs: 300 } } });
    await client.next((message) => message.type === "opened" && message.id === "limited");
    const inputs = ["function twice(n: number) { return 2 * n; }", `print("once"); const base = 20;`, "while (true) {}"];
    const outcomes: EvaluatedMessage["outcome"][] = [];
    for (const [index, code] of inputs.entries()) outcomes.push((await evaluate(client, "limited", code, index)).outcome);
    const ended = outcomes.at(-1);
    assert.ok(ended?.kind === "closed" && ended.end.reason === "limit" && ended.end.limit === "cpu", JSON.stringify(ended));
    const closed = await client.next((message) => message.type === "closed" && message.id === "limited");
    assert.deepEqual(closed, { type: "closed", id: "limited", reason: "ended" });
    const replay = inputs.map((source, index) => ({ source, completed: outcomes[index]?.kind === "value" }));
    client.send({ type: "open", id: "again", replay });
    const opened = await client.next((message) => message.type === "opened" && message.id === "again");
    assert.deepEqual(opened, { type: "opened", id: "again", replayed: { restored: ["twice", "base"], notRestored: [] } });
    assert.deepEqual((await evaluate(client, "again", "twice(base + 1)", "after")).outcome, { kind: "value", value: "42" });
    assert.equal(outputOf(client, "again"), "", "the replayed print did not run again");
    await client.close();
  });

  test("sessions and runs share one socket by id; a connection holds at most its limit of sessions", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await Promise.all([open(client, "one"), open(client, "two")]);
    client.send({ type: "run", id: "program", code: `print("program")` });
    await evaluate(client, "one", `print("from one")`, 1);
    await evaluate(client, "two", `print("from two")`, 1);
    await client.finished("program");
    assert.equal(outputOf(client, "one"), "from one\n");
    assert.equal(outputOf(client, "two"), "from two\n");
    assert.equal(outputOf(client, "program"), "program\n");
    await open(client, "three");
    client.send({ type: "open", id: "four" });
    const refused = await client.next((message) => message.type === "error");
    assert.ok(refused.type === "error" && refused.id === "four" && refused.limit === "sessions-per-connection");
    await client.close();
  });

  test("closing the socket closes its sessions", async () => {
    const client = await TestClient.connect(server.websocketUrl);
    await open(client, "abandoned");
    await client.close();
    const closed = () =>
      server.log.some(({ kind, fields }) => kind === "session" && fields.id === "abandoned" && fields.reason === "closed");
    for (let waited = 0; !closed() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(closed(), "the session was not closed with its socket");
  });
});
