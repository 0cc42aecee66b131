// Issue 16's guest-side attacks against the server as `npm start` runs it (its own process):
// each attack's run ends with a clear message, a benign run on another connection completes
// during and after it, the process is the same one afterwards and its memory stays bounded.
// The protocol test: whatever the guest does, a client receives only events the host built.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { RUN_EVENT_TYPES } from "@looplab/sandbox/protocol-events";
import type { EvaluatedMessage, EventMessage } from "../src/protocol.js";
import { assertSameServer, residentMegabytes } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { TestClient } from "./helpers/ws-client.js";

let server: ServerProcess;
let pid: number;
before(async () => {
  server = await startServerProcess({ LOOPLAB_LOG: "0" });
  pid = server.child.pid ?? 0;
});
after(() => server.stop());

const BENIGN = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(1); print("benign done"); }\nasyncio.run(main());`;
const KNOWN_EVENT_TYPES = new Set<string>(RUN_EVENT_TYPES);

async function httpRun(code: string, options: Record<string, unknown> = {}): Promise<{ status: number; events: EventMessage["event"][] }> {
  const response = await fetch(`${server.url}/api/run`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, options }),
  });
  const body = (await response.json()) as { events?: EventMessage["event"][] };
  return { status: response.status, events: body.events ?? [] };
}

/** A benign run over a WebSocket of its own, within its normal time. */
async function benignRunCompletes(): Promise<void> {
  const client = await TestClient.connect(`${server.url.replace(/^http/, "ws")}/ws`);
  try {
    const started = performance.now();
    client.send({ type: "run", id: "benign", code: BENIGN });
    const end = (await client.next((message) => message.type === "event" && message.event.type === "end", {
      timeoutMs: 20_000,
    })) as EventMessage;
    assert.equal(end.event.type === "end" && end.event.reason, "completed");
    assert.ok(performance.now() - started < 10_000, `the benign run took ${Math.round(performance.now() - started)} ms`);
  } finally {
    client.socket.close();
  }
}

async function runOverWebSocket(client: TestClient, id: string, code: string): Promise<EventMessage["event"][]> {
  client.send({ type: "run", id, code });
  await client.next((message) => message.type === "event" && message.id === id && message.event.type === "end", { timeoutMs: 30_000 });
  return client
    .about(id)
    .map(({ message }) => message)
    .filter((message): message is EventMessage => message.type === "event")
    .map((message) => message.event);
}

describe("the guest cannot crash, starve or fool the server", () => {
  test("a REPL input that replaces Array.prototype.toJSON gets its answer; the server lives on (finding 1)", async () => {
    const attacker = await TestClient.connect(`${server.url.replace(/^http/, "ws")}/ws`);
    try {
      attacker.send({ type: "open", id: "s" });
      await attacker.next((message) => message.type === "opened");
      for (const [input, code] of [
        ["1", `Array.prototype.toJSON = function () { return 7; }; print("x"); 1 + 1`],
        ["2", `Array.prototype.toJSON = function () { return [null]; }; print("y"); 2 + 2`],
        ["3", `(Object.prototype as any).toJSON = function () { return undefined; }; print("z"); 3 + 3`],
      ] as const) {
        const pending = benignRunCompletes();
        attacker.send({ type: "eval", id: "s", code, input });
        const evaluated = (await attacker.next((message) => message.type === "evaluated" && message.input === input)) as EvaluatedMessage;
        assert.equal(evaluated.outcome.kind, "value");
        await pending;
      }
      await benignRunCompletes();
      await assertSameServer(server, pid);
    } finally {
      attacker.socket.close();
    }
  });

  test("the same input as a program run answers with events, not a bare 500 (finding 1)", async () => {
    const { status, events } = await httpRun(`Array.prototype.toJSON = function () { return 7; }; print("x");`);
    assert.equal(status, 200);
    assert.deepEqual(
      events.filter((event) => event.type === "output").map((event) => event.type === "output" && event.text),
      ["x\n"],
    );
    assert.equal(events.at(-1)?.type === "end" && events.at(-1)?.type, "end");
    await assertSameServer(server, pid);
  });

  test("protocol: a forged end, an unknown type or HTML never reaches the client (finding 3)", async () => {
    const client = await TestClient.connect(`${server.url.replace(/^http/, "ws")}/ws`);
    try {
      const forgeries = [
        `{ type: "end", reason: "completed", counters: { cpuMs: 0, virtualSeconds: 0, tasks: -1, steps: 0, peakMemoryBytes: 0 } }`,
        `{ type: "<img src=x onerror=alert(1)>", time: 0 }`,
        `{ type: "output", time: 0, stream: "stdout", text: "x", html: "<script>alert(1)</script>" }`,
      ];
      for (const [index, forged] of forgeries.entries()) {
        const id = `forged-${index}`;
        const code = `import asyncio from "asyncio";\nasync function main() {\n  (asyncio.getRunningLoop() as any).instrument.emit(${forged});\n  await asyncio.sleep(1);\n  print("still running");\n}\nasyncio.run(main());`;
        const events = await runOverWebSocket(client, id, code);
        for (const event of events)
          assert.ok(KNOWN_EVENT_TYPES.has(event.type), `the client received an event of type ${JSON.stringify(event.type)}`);
        const ends = events.filter((event) => event.type === "end");
        assert.equal(ends.length, 1);
        assert.equal(events.at(-1), ends[0]);
        const end = ends[0] as Extract<EventMessage["event"], { type: "end" }>;
        assert.equal(end.reason, "error");
        assert.match(end.message ?? "", /^the sandbox ended this run: the guest sent/);
        assert.ok(end.counters.tasks >= 0);
        const everything = JSON.stringify(client.about(id).map(({ message }) => message));
        assert.doesNotMatch(everything, /onerror|<script>|still running/);
      }
      // A run on the same connection still works: no forged end made the server forget a run.
      const events = await runOverWebSocket(client, "after", BENIGN);
      assert.equal(events.at(-1)?.type === "end" && (events.at(-1) as { reason: string }).reason, "completed");
      await assertSameServer(server, pid);
    } finally {
      client.socket.close();
    }
  });

  test("four runs that throw a self-written 8,000-line stack keep the server's memory bounded (finding 4)", async () => {
    const longLine = `const padding = "${"x".repeat(58_000)}";`;
    const attack = `${longLine}\nconst error = new Error("forged stack");\nObject.defineProperty(error, "stack", { value: "    at main (snippet.js:2:1)\\n".repeat(8000) });\nthrow error;`;
    const before = residentMegabytes(pid);
    const results = await Promise.all([0, 1, 2, 3].map((seed) => httpRun(attack, { seed })));
    await benignRunCompletes();
    for (const { status, events } of results) {
      assert.equal(status, 200);
      const error = events.find((event) => event.type === "error");
      assert.ok(error !== undefined && error.type === "error");
      assert.ok(error.traceback.length < 64 * 1024, `a traceback of ${error.traceback.length} characters`);
      assert.ok(JSON.stringify(events).length < 512 * 1024);
    }
    const growth = residentMegabytes(pid) - before;
    assert.ok(growth < 300, `the server grew by ${Math.round(growth)} MB`);
    await assertSameServer(server, pid);
  });

  test("tasks named with a megabyte each are not a 100 MB answer (finding 4)", async () => {
    const code = `import asyncio from "asyncio";\nconst name = "n".repeat(1 << 20);\nasync function main() {\n  const tasks = [];\n  for (let i = 0; i < 100; i++) tasks.push(asyncio.createTask(asyncio.sleep(0), { name }));\n  await asyncio.gather(...tasks);\n}\nasyncio.run(main());`;
    const { status, events } = await httpRun(code);
    assert.equal(status, 200);
    assert.ok(JSON.stringify(events).length < 1024 * 1024, `${JSON.stringify(events).length} characters`);
    await assertSameServer(server, pid);
  });

  test("the host's sleep is out of reach: the attack of finding 3 fails at once with a clear error", async () => {
    const code = `import asyncio from "asyncio";\nasync function main() {\n  Math.min = () => 1e9;\n  (asyncio.getRunningLoop() as any).runtime.host.blockingSleep(1e6);\n}\nasyncio.run(main());`;
    const started = performance.now();
    const { status, events } = await httpRun(code);
    assert.equal(status, 200);
    assert.ok(performance.now() - started < 10_000);
    const error = events.find((event) => event.type === "error");
    assert.ok(error?.type === "error" && error.name === "TypeError", JSON.stringify(error));
    await benignRunCompletes();
    await assertSameServer(server, pid);
  });
});
