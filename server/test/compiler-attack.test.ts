// The compiler attack of issue 16 against the real server, as its own process: a snippet nested
// deep enough to overflow the shared compiler, sent as a program run over HTTP and as a REPL
// input over the WebSocket, gets a clear compile error; a benign run from another connection
// completes afterwards, and the server is the same process throughout.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { EvaluatedMessage, EventMessage, RunResponse } from "../src/protocol.js";
import { assertSameServer } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { TestClient } from "./helpers/ws-client.js";

const PROGRAM_ATTACK = `const x = ${"[".repeat(8000)}${"]".repeat(8000)};`;
const REPL_ATTACK = `const x = ${"[".repeat(3000)}${"]".repeat(3000)};`;
const BENIGN = `import asyncio from "asyncio";

async function main() {
  await asyncio.sleep(2);
  print("still compiling", asyncio.getRunningLoop().time());
}

asyncio.run(main());
`;

let server: ServerProcess;
let pid: number;
const folder = mkdtempSync(path.join(tmpdir(), "looplab-compiler-attack-"));
before(async () => {
  server = await startServerProcess({ LOOPLAB_SQLITE_PATH: path.join(folder, "looplab.db") });
  pid = server.child.pid as number;
});
after(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

function websocketUrl(): string {
  return `${server.url.replace(/^http/, "ws")}/ws`;
}

async function benignRunCompletes(): Promise<void> {
  const client = await TestClient.connect(websocketUrl());
  client.send({ type: "run", id: "benign", code: BENIGN });
  const end = await client.finished("benign");
  assert.ok(end.type === "event" && end.event.type === "end" && end.event.reason === "completed", JSON.stringify(end));
  const output = client
    .about("benign")
    .map(({ message }) => (message.type === "event" && message.event.type === "output" ? message.event.text : ""))
    .join("");
  assert.equal(output, "still compiling 2\n");
  await client.close();
}

test("POST /api/run with an 8,000-level array answers a compile error, not a 500; a benign run from another connection completes", async () => {
  const response = await fetch(`${server.url}/api/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: PROGRAM_ATTACK }),
  });
  assert.equal(response.status, 200);
  const { events } = (await response.json()) as RunResponse;
  const refused = events.find((event) => event.type === "compile-error");
  assert.ok(refused?.type === "compile-error", JSON.stringify(events).slice(0, 500));
  assert.match(refused.diagnostics[0]?.message ?? "", /nesting deeper than \d+ levels.*split it/);
  const end = events.at(-1);
  assert.ok(end?.type === "end" && end.reason === "error");
  await benignRunCompletes();
  await assertSameServer(server, pid);
});

test("a 3,000-level REPL input over the WebSocket is evaluated as a compile error; the session, a benign run and a new session go on", async () => {
  const client = await TestClient.connect(websocketUrl());
  client.send({ type: "open", id: "repl" });
  await client.next((message) => message.type === "opened" && message.id === "repl");
  client.send({ type: "eval", id: "repl", code: REPL_ATTACK, input: "attack" });
  const evaluated = (await client.next((message) => message.type === "evaluated" && message.input === "attack")) as EvaluatedMessage;
  assert.equal(evaluated.outcome.kind, "compile-error", JSON.stringify(evaluated));
  if (evaluated.outcome.kind === "compile-error") {
    assert.match(evaluated.outcome.error.diagnostics[0]?.message ?? "", /nesting deeper than \d+ levels/);
  }
  assert.ok(
    client.about("repl").some(({ message }) => (message as EventMessage).event?.type === "compile-error"),
    "the session's stream carries the compile error too",
  );
  client.send({ type: "eval", id: "repl", code: "20 + 22", input: "after" });
  const after = (await client.next((message) => message.type === "evaluated" && message.input === "after")) as EvaluatedMessage;
  assert.deepEqual(after.outcome, { kind: "value", value: "42" });
  await client.close();

  await benignRunCompletes();
  const another = await TestClient.connect(websocketUrl());
  another.send({ type: "open", id: "fresh" });
  await another.next((message) => message.type === "opened" && message.id === "fresh");
  another.send({ type: "eval", id: "fresh", code: "[1, 2, 3].length", input: 1 });
  const fresh = (await another.next((message) => message.type === "evaluated" && message.id === "fresh")) as EvaluatedMessage;
  assert.deepEqual(fresh.outcome, { kind: "value", value: "3" });
  await another.close();
  await assertSameServer(server, pid);
});
