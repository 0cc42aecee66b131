// Issue 16's session starvation attack against the server as `npm start` runs it (its own
// process): three REPL sessions whose background tasks compute for 0.9 s of every tick, just
// under their CPU limit, on the worker other users' sessions share. A new connection's `1 + 1`
// stays fast, a neighbour's task that prints every 100 ms keeps its turns, the burners are
// ended with a message saying why, and the server is the same process afterwards.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { EvaluatedMessage, EventMessage, ServerMessage } from "../src/protocol.js";
import { assertSameServer } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { TestClient } from "./helpers/ws-client.js";

let server: ServerProcess;
let pid: number;
before(async () => {
  server = await startServerProcess({ LOOPLAB_LOG: "0" });
  pid = server.child.pid ?? 0;
});
after(() => server.stop());

const websocketUrl = () => `${server.url.replace(/^http/, "ws")}/ws`;
const TICK_MS = 900;
const BURNER = `import asyncio from "asyncio";
async function burn() {
  for (;;) {
    const until = Date.now() + ${TICK_MS};
    while (Date.now() < until) {}
    await asyncio.sleep(0);
  }
}
const burner = asyncio.create_task(burn());`;
const TICKER = `import asyncio from "asyncio";
const ticker = asyncio.create_task((async () => { for (;;) { print("tick"); await asyncio.sleep(0.1); } })());`;

async function openSession(client: TestClient, id: string, options: Record<string, unknown> = {}): Promise<void> {
  client.send({ type: "open", id, options });
  await client.next((message) => message.type === "opened" && message.id === id, { timeoutMs: 30_000 });
}

async function evaluate(client: TestClient, id: string, code: string, input: string): Promise<EvaluatedMessage> {
  client.send({ type: "eval", id, code, input });
  return (await client.next((message) => message.type === "evaluated" && message.id === id && message.input === input, {
    timeoutMs: 30_000,
  })) as EvaluatedMessage;
}

/** A new connection opens a session and evaluates `1 + 1`: milliseconds until the answer. */
async function onePlusOne(): Promise<number> {
  const client = await TestClient.connect(websocketUrl());
  try {
    const started = performance.now();
    await openSession(client, "benign");
    const evaluated = await evaluate(client, "benign", "1 + 1", "sum");
    assert.deepEqual(evaluated.outcome, { kind: "value", value: "2" });
    return performance.now() - started;
  } finally {
    await client.close();
  }
}

const isEnd = (message: ServerMessage): message is EventMessage => message.type === "event" && message.event.type === "end";

test("three sessions burning 0.9 s of every tick: another connection's 1 + 1 stays fast, the burners are ended, the server lives", async () => {
  await onePlusOne();
  const normal = await onePlusOne();
  const neighbour = await TestClient.connect(websocketUrl());
  await openSession(neighbour, "neighbour");
  await evaluate(neighbour, "neighbour", TICKER, "ticker");
  const attackers = await Promise.all([0, 1, 2].map(() => TestClient.connect(websocketUrl())));
  await Promise.all(attackers.map((client) => openSession(client, "burner", { limits: { cpuMs: TICK_MS + 100 } })));
  for (const client of attackers) {
    const evaluated = await evaluate(client, "burner", BURNER, "burn");
    assert.deepEqual(evaluated.outcome, { kind: "value", value: null });
  }
  const contended = await onePlusOne();
  // At most one burner's tick before each of its two steps, where it took 16 s before sessions took turns.
  assert.ok(
    contended < normal + 2 * TICK_MS + 1000,
    `1 + 1 took ${Math.round(contended)} ms beside the burners, ${Math.round(normal)} ms alone`,
  );
  const attacked = performance.now();
  const ends = await Promise.all(attackers.map((client) => client.next(isEnd, { timeoutMs: 60_000 }) as Promise<EventMessage>));
  for (const { event } of ends) {
    assert.equal(event.type === "end" && event.reason, "limit");
    assert.equal(event.type === "end" && event.limit, "cpu");
    assert.match(event.type === "end" ? (event.message ?? "") : "", /used more than their share of CPU/);
  }
  console.log(
    `1 + 1: ${Math.round(normal)} ms alone, ${Math.round(contended)} ms beside three burners; ` +
      `the burners ended ${Math.round(performance.now() - attacked)} ms later`,
  );
  await Promise.all(attackers.map((client) => client.close()));
  assert.ok((await onePlusOne()) < normal + 1000, "1 + 1 is as fast as before once the burners are gone");
  // The neighbour's session lived through it all.
  assert.ok(!neighbour.about("neighbour").some(({ message }) => isEnd(message)), "the neighbour's session ended");
  assert.deepEqual((await evaluate(neighbour, "neighbour", "1 + 1", "after")).outcome, { kind: "value", value: "2" });
  await neighbour.close();
  await assertSameServer(server, pid);
});
