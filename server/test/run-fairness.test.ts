// Issue 16's attacks on the run workers, against the server in its own process behind a
// trusting proxy (the tests play the proxy, so each client is the address it appends): one
// client's queue of CPU-bound runs does not starve another client's first run, over HTTP or
// the WebSocket, and one whose runs hold every worker but the last leaves that one to others; a run whose HTTP client went away is stopped and frees its worker at once,
// unless another identical request still waits for it.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunResponse } from "../src/protocol.js";
import { assertSameServer, postJson, waitFor } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { TestClient } from "./helpers/ws-client.js";

/** Each CPU-bound run takes this long before its limit ends it. */
const CPU_MS = 400;
const WORKERS = 2;
const FLOOD = 50;
/**
 * How long the other client's first run may take: about one flood run (its CPU time, more in
 * wall time on a loaded machine) plus its own. Unfair, it waits FLOOD × CPU_MS / WORKERS = 10 s.
 */
const FAIR_MS = 4000;

describe("run scheduling between clients", () => {
  let server: ServerProcess;
  let pid: number;
  before(async () => {
    server = await startServerProcess({
      LOOPLAB_TRUST_PROXY: "1",
      LOOPLAB_CPU_MS: String(CPU_MS),
      LOOPLAB_RUN_WORKERS: String(WORKERS),
      LOOPLAB_MAX_QUEUED_RUNS_PER_CLIENT: "64",
      LOOPLAB_RUN_RATE: "500/60",
    });
    pid = server.child.pid!;
    // The first run waits for the sandbox to warm up; the measured ones must not.
    assert.equal((await postJson(`${server.url}/api/run`, { code: "print('warm')" }, { from: "10.0.0.100" })).status, 200);
  });
  after(() => server.stop());

  const run = (code: string, from: string, signal?: AbortSignal) => postJson(`${server.url}/api/run`, { code }, { from, signal });

  /** Milliseconds until `code`'s run over HTTP from `from` answered, and its answer. */
  async function timedRun(code: string, from: string): Promise<{ ms: number; body: RunResponse }> {
    const started = performance.now();
    const response = await run(code, from);
    assert.equal(response.status, 200);
    const body = (await response.json()) as RunResponse;
    return { ms: performance.now() - started, body };
  }

  test("50 queued CPU-bound runs of one client delay another client's first run by about one run, HTTP and WebSocket", async () => {
    const flood = new AbortController();
    const flooding = Array.from({ length: FLOOD }, (_, index) =>
      run(`while (true) {} // ${index}`, "10.0.0.1", flood.signal).then(
        (response) => response.status,
        () => "aborted",
      ),
    );
    // Let the flood fill both workers and the queue.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const http = await timedRun("print('benign')", "10.0.0.2");
    // A module that runs no coroutine records its top level as main's one step (docs/protocol.md).
    assert.deepEqual(
      http.body.events.map((event) => event.type),
      ["output", "task-spawned", "task-state", "step", "task-state", "task-state", "end"],
    );
    assert.ok(http.ms < FAIR_MS, `the other client's first HTTP run took ${Math.round(http.ms)} ms`);

    const client = await TestClient.connect(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { "X-Forwarded-For": "10.0.0.3" } });
    const started = performance.now();
    client.send({ type: "run", id: "benign", code: "print('benign')" });
    const end = await client.finished("benign", 20_000);
    const wsMs = performance.now() - started;
    assert.ok(end.type === "event" && end.event.type === "end" && end.event.reason === "completed", JSON.stringify(end));
    assert.ok(wsMs < FAIR_MS, `the other client's first WebSocket run took ${Math.round(wsMs)} ms`);
    await client.close();

    // Going away withdraws the flood's waiting runs and stops its running ones.
    flood.abort();
    const statuses = await Promise.all(flooding);
    assert.ok(statuses.includes("aborted"));
    const next = await timedRun("print('after the flood')", "10.0.0.4");
    assert.ok(next.ms < FAIR_MS, `the run after the abandoned flood took ${Math.round(next.ms)} ms`);
    await assertSameServer(server, pid);
  });

  test("a client whose runs fill the workers for 20 s cannot make another client's first run wait for one of them", async () => {
    const sleeper = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(20); print("woke"); }\nasyncio.run(main());`;
    const flood = new AbortController();
    let floodAnswered = 0;
    const flooding = Array.from({ length: WORKERS + 2 }, (_, index) =>
      postJson(
        `${server.url}/api/run`,
        { code: `${sleeper}\n// hold ${index}`, options: { clock: "real" } },
        { from: "10.0.0.9", signal: flood.signal },
      ).then(
        () => floodAnswered++,
        () => "aborted",
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const benign = await timedRun("print('newcomer')", "10.0.0.10");
    assert.equal(benign.body.events.at(-1)?.type, "end");
    assert.equal(floodAnswered, 0, "the newcomer's run ended while every one of the flood's runs still went on or waited");
    flood.abort();
    await Promise.all(flooding);
    await assertSameServer(server, pid);
  });

  test("a client's queue is capped: past it a 429 names the limit, and other clients still run", async () => {
    const flood = new AbortController();
    const answers = Array.from({ length: 70 }, (_, index) =>
      run(`while (true) {} // capped ${index}`, "10.0.0.5", flood.signal).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        () => ({ status: 0, body: "" }),
      ),
    );
    // The refusals come at once; the runs admitted would take seconds.
    await new Promise((resolve) => setTimeout(resolve, 500));
    flood.abort();
    const settled = await Promise.all(answers);
    const tooMany = settled.filter((answer) => answer.status === 429);
    // 64 waiting are accepted, and as many running as there were free workers but the last, kept for another client (a run that ended meanwhile frees one more).
    assert.ok(tooMany.length >= 1 && tooMany.length <= 70 - 64, JSON.stringify(settled.map((answer) => answer.status)));
    assert.match(tooMany[0]!.body, /"limit":"queued-runs-per-client"/);
    assert.equal((await timedRun("print('other')", "10.0.0.6")).body.events[0]?.type, "output");
    await assertSameServer(server, pid);
  });

  test("an HTTP run whose client went away is stopped: its worker is free for the next client at once", async () => {
    const sleeper = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(20); print("woke"); }\nasyncio.run(main());`;
    const abandoned = Array.from({ length: WORKERS }, (_, index) => {
      const controller = new AbortController();
      const answer = postJson(
        `${server.url}/api/run`,
        { code: `${sleeper}\n// ${index}`, options: { clock: "real" } },
        { from: "10.0.0.7", signal: controller.signal },
      ).catch(() => "aborted");
      return { controller, answer };
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const { controller } of abandoned) controller.abort();
    for (const { answer } of abandoned) assert.equal(await answer, "aborted");
    // Unstopped, both workers stayed busy until the 20 s sleeps ended.
    const next = await timedRun("print('next')", "10.0.0.8");
    assert.ok(next.ms < FAIR_MS, `the next client's run took ${Math.round(next.ms)} ms`);
    await waitFor(
      () => (server.output().match(/run via=http client=10\.0\.0\.7 .*reason=stopped:disconnected/g) ?? []).length === WORKERS,
      5000,
      "the abandoned runs' log lines",
    );
    await assertSameServer(server, pid);
  });

  test("a WebSocket whose socket closed has its runs stopped at once, even between two events", async () => {
    const sleeper = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(20); }\nasyncio.run(main());`;
    const leaving = await TestClient.connect(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { "X-Forwarded-For": "10.0.0.11" } });
    for (let index = 0; index < WORKERS; index++) {
      leaving.send({ type: "run", id: `sleeper-${index}`, code: sleeper, options: { clock: "real", events: false } });
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    await leaving.close();
    const next = await timedRun("print('after the socket closed')", "10.0.0.12");
    assert.ok(next.ms < FAIR_MS, `the next client's run took ${Math.round(next.ms)} ms`);
    await assertSameServer(server, pid);
  });

  test("a run shared by identical requests goes on while one of them still waits", async () => {
    const code = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(0.8); print("done"); }\nasyncio.run(main());`;
    const body = { code, options: { clock: "real" } };
    const leaving = new AbortController();
    const left = postJson(`${server.url}/api/run`, body, { from: "10.0.0.9", signal: leaving.signal }).catch(() => "aborted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const staying = postJson(`${server.url}/api/run`, body, { from: "10.0.0.10" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    leaving.abort();
    assert.equal(await left, "aborted");
    const response = await staying;
    assert.equal(response.status, 200);
    const { events } = (await response.json()) as RunResponse;
    const end = events.at(-1)!;
    assert.ok(end.type === "end" && end.reason === "completed", JSON.stringify(end));
    assert.ok(events.some((event) => event.type === "output" && event.text === "done\n"));
    await assertSameServer(server, pid);
  });
});
