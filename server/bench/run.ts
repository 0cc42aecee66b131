// `npm run bench -w server`: a load generator (this process) against the real server (a child
// process) on loopback. Measures the WebSocket run round trip (send → end event) for a small
// snippet, program runs per second, REPL sessions held open at once with the server's memory
// at the end (goal: 1,000 sessions within 2 GB), and POST /api/run requests per second, cached
// and uncached.
//
// Then the load run (load-run.ts): 50 clients, each from its own address, running a small
// program in a loop for 30 s; and one benign client alone, then beside a hostile client that
// floods the server with CPU burners.
//
// Options: --round-trips=N (default 200), --runs=N (default 400), --sessions=N (default 1000),
// --seconds=N for each HTTP measurement (default 5), --load-clients=N (default 50),
// --load-seconds=N (default 30), --flood-seconds=N (default 10), --only=load or --only=sessions
// to run the load measurements or the sessions held open alone.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { startServerProcess } from "../test/helpers/server-process.js";
import { LoadClient } from "./load-client.js";
import { benignAlone, benignDuringFlood, concurrentClients, type LatencySummary } from "./load-run.js";

const SMALL_SNIPPET = `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(1); print("done"); }\nasyncio.run(main());`;

function option(name: string, fallback: number): number {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.slice(name.length + 3));
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function report(name: string, value: string): void {
  console.log(`${name.padEnd(52)} ${value}`);
}

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kilobytes / 1024;
}

async function roundTrips(websocketUrl: string, count: number): Promise<void> {
  const client = await LoadClient.connect(websocketUrl);
  for (let warm = 0; warm < 10; warm++) await client.run(`warm${warm}`, SMALL_SNIPPET);
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await client.run(`trip${index}`, SMALL_SNIPPET);
    times.push(performance.now() - started);
  }
  client.close();
  times.sort((a, b) => a - b);
  report(
    "WebSocket run round trip (send → end), p50 / p95",
    `${percentile(times, 0.5).toFixed(1)} ms / ${percentile(times, 0.95).toFixed(1)} ms (${count} runs, one at a time)`,
  );
}

async function runsPerSecond(websocketUrl: string, total: number): Promise<void> {
  const connections = await Promise.all(Array.from({ length: 8 }, () => LoadClient.connect(websocketUrl)));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    connections.map(async (client, connection) => {
      const lanes = Array.from({ length: 4 }, async (_, lane) => {
        while (next < total) {
          next++;
          await client.run(`c${connection}l${lane}r${next}`, SMALL_SNIPPET);
        }
      });
      await Promise.all(lanes);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const client of connections) client.close();
  report(
    "program runs per second (WebSocket, 32 in flight)",
    `${(total / seconds).toFixed(0)} runs/s (${total} runs in ${seconds.toFixed(1)} s)`,
  );
}

async function httpRequestsPerSecond(url: string, seconds: number, cached: boolean): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  let completed = 0;
  let unique = 0;
  const body = (code: string) => JSON.stringify({ code });
  const post = (code: string) =>
    fetch(`${url}/api/run`, { method: "POST", headers: { "Content-Type": "application/json" }, body: body(code) });
  if (cached) await post(SMALL_SNIPPET);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < deadline) {
        const code = cached ? SMALL_SNIPPET : `${SMALL_SNIPPET}\nprint(${unique++});`;
        const response = await post(code);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`POST /api/run answered ${response.status}`);
        if ((response.headers.get("x-cache") === "hit") !== cached) throw new Error(`expected a cache ${cached ? "hit" : "miss"}`);
        completed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  report(`POST /api/run ${cached ? "cached" : "uncached"} (16 in flight)`, `${(completed / elapsed).toFixed(0)} requests/s`);
}

/** Opens `total` sessions, 100 per connection, each evaluating one declaration, and keeps them all open. */
async function sessionsHeldOpen(websocketUrl: string, total: number, serverPid: number): Promise<void> {
  const perConnection = 100;
  const before = residentMegabytes(serverPid);
  const connections = await Promise.all(Array.from({ length: Math.ceil(total / perConnection) }, () => LoadClient.connect(websocketUrl)));
  const started = performance.now();
  let opened = 0;
  const open = async (index: number) => {
    const client = connections[Math.floor(index / perConnection)]!;
    const id = `session${index}`;
    await client.request({ type: "open", id }, (reply) => reply.type === "opened");
    await client.request({ type: "eval", id, code: `let counter = ${index};` }, (reply) => reply.type === "evaluated");
    opened++;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < total) await open(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = residentMegabytes(serverPid);
  report(
    "REPL sessions held open at once, server memory",
    `${opened} sessions: ${after.toFixed(0)} MB resident (${before.toFixed(0)} MB before; ${(((after - before) * 1024) / opened).toFixed(0)} KB per session; goal 1,000 within 2,048 MB); opened in ${seconds.toFixed(1)} s`,
  );
  for (const client of connections) client.close();
}

function latencies(summary: LatencySummary): string {
  const { firstEvent, end } = summary;
  return `first event p50 ${firstEvent.p50.toFixed(1)} / p99 ${firstEvent.p99.toFixed(1)} ms, end p50 ${end.p50.toFixed(1)} / p99 ${end.p99.toFixed(1)} ms`;
}

async function loadRun(websocketUrl: string): Promise<void> {
  const clients = option("load-clients", 50);
  const seconds = option("load-seconds", 30);
  const load = await concurrentClients(websocketUrl, clients, seconds);
  report(`load: ${clients} clients in a loop for ${seconds} s`, `${load.runsPerSecond.toFixed(0)} runs/s (${load.runs} runs)`);
  report("load: each run, from request", latencies(load));

  const floodSeconds = option("flood-seconds", 10);
  const idle = await benignAlone(websocketUrl, floodSeconds);
  report("flood: a benign client alone", latencies(idle));
  const { benign, hostileEnded } = await benignDuringFlood(websocketUrl, floodSeconds, 4, 8);
  report("flood: the same client while a hostile one floods", latencies(benign));
  report(
    "flood: benign end p50 / p99 during the flood, over alone",
    `${(benign.end.p50 / idle.end.p50).toFixed(2)}× / ${(benign.end.p99 / idle.end.p99).toFixed(2)}×`,
  );
  const ended = Object.entries(hostileEnded).map(([reason, count]) => `${count} ${reason}`);
  report("flood: the hostile client's runs (4 connections × 8 in flight)", ended.join(", "));
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), "looplab-bench-"));
  const server = await startServerProcess({
    LOOPLAB_SQLITE_PATH: path.join(folder, "looplab.db"),
    LOOPLAB_LOG: "0",
    LOOPLAB_RUN_RATE: "100000000/1",
    LOOPLAB_CONNECTION_RATE: "100000/1",
    LOOPLAB_MAX_CONNECTIONS_PER_CLIENT: "10000",
    LOOPLAB_MAX_RUNS_PER_CONNECTION: "64",
    LOOPLAB_MAX_SESSIONS_PER_CONNECTION: "100",
    // The load run's clients each name their own address, as clients behind a proxy do.
    LOOPLAB_TRUST_PROXY: "1",
  });
  const websocketUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  console.log(`server bench: Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  const only = process.argv.find((argument) => argument.startsWith("--only="))?.slice("--only=".length);
  try {
    if (only === "load") {
      await loadRun(websocketUrl);
      return;
    }
    if (only === "sessions") {
      await sessionsHeldOpen(websocketUrl, option("sessions", 1000), server.child.pid!);
      return;
    }
    await roundTrips(websocketUrl, option("round-trips", 200));
    await runsPerSecond(websocketUrl, option("runs", 400));
    await httpRequestsPerSecond(server.url, option("seconds", 5), true);
    await httpRequestsPerSecond(server.url, option("seconds", 5), false);
    await sessionsHeldOpen(websocketUrl, option("sessions", 1000), server.child.pid!);
    await loadRun(websocketUrl);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
