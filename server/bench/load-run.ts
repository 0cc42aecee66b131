// The server under load (issue 15): many WebSocket clients, each running a small program in a
// loop, and a benign client's latency beside a hostile client's flood. Every client connects with
// its own X-Forwarded-For address (the server runs with LOOPLAB_TRUST_PROXY=1), so the run
// scheduler sees as many clients as there are connections, as it would in production.

import { LoadClient, type RunTimes } from "./load-client.js";

/** A small program; `index` makes each run's code unique, so the run cache serves none of them. */
export function smallProgram(index: number): string {
  return `import asyncio from "asyncio";\nasync function main() { await asyncio.sleep(1); print("run", ${index}); }\nasyncio.run(main());`;
}

/** What a hostile client sends: a program that burns its whole CPU allowance. */
const CPU_BURNER = "while (true) {}";

export interface LatencySummary {
  runs: number;
  runsPerSecond: number;
  firstEvent: { p50: number; p99: number };
  end: { p50: number; p99: number };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function summarise(times: RunTimes[], seconds: number): LatencySummary {
  const firstEvents = times.map((time) => time.firstEventMs).sort((a, b) => a - b);
  const ends = times.map((time) => time.endMs).sort((a, b) => a - b);
  return {
    runs: times.length,
    runsPerSecond: times.length / seconds,
    firstEvent: { p50: percentile(firstEvents, 0.5), p99: percentile(firstEvents, 0.99) },
    end: { p50: percentile(ends, 0.5), p99: percentile(ends, 0.99) },
  };
}

let uniqueRun = 0;

/** One client running small programs back to back until `deadline` (performance.now() ms). */
async function runInLoop(client: LoadClient, deadline: number, times: RunTimes[]): Promise<void> {
  while (performance.now() < deadline) {
    const index = uniqueRun++;
    const result = await client.timedRun(`load${index}`, smallProgram(index));
    if (result.reason !== "completed") throw new Error(`a benign load run ended "${result.reason}"`);
    times.push(result);
  }
}

/** `clients` connections, each from its own address, each running small programs in a loop for `seconds`. */
export async function concurrentClients(websocketUrl: string, clients: number, seconds: number): Promise<LatencySummary> {
  const connections = await Promise.all(
    Array.from({ length: clients }, (_, index) => LoadClient.connect(websocketUrl, `10.1.${index >> 8}.${index & 255}`)),
  );
  const times: RunTimes[] = [];
  // One untimed run each first: the workers' engines and the compiler start on the first runs.
  await Promise.all(connections.map((client, index) => client.timedRun(`warm${index}`, smallProgram(-1 - index))));
  const started = performance.now();
  try {
    await Promise.all(connections.map((client) => runInLoop(client, started + seconds * 1000, times)));
  } finally {
    for (const client of connections) client.close();
  }
  return summarise(times, (performance.now() - started) / 1000);
}

/** One benign client's runs for `seconds`, alone. */
export async function benignAlone(websocketUrl: string, seconds: number): Promise<LatencySummary> {
  const client = await LoadClient.connect(websocketUrl, "10.2.0.1");
  const times: RunTimes[] = [];
  const started = performance.now();
  try {
    await runInLoop(client, started + seconds * 1000, times);
  } finally {
    client.close();
  }
  return summarise(times, (performance.now() - started) / 1000);
}

/**
 * The same benign client while a hostile one (another address) keeps `hostileRuns` CPU burners
 * in flight on each of `hostileConnections` connections for the whole time.
 */
export async function benignDuringFlood(
  websocketUrl: string,
  seconds: number,
  hostileConnections: number,
  hostileRuns: number,
): Promise<{ benign: LatencySummary; hostileEnded: Record<string, number> }> {
  const hostile = await Promise.all(Array.from({ length: hostileConnections }, () => LoadClient.connect(websocketUrl, "10.3.0.1")));
  const deadline = performance.now() + seconds * 1000;
  const hostileEnded: Record<string, number> = {};
  let burner = 0;
  const flood = hostile.flatMap((client) =>
    Array.from({ length: hostileRuns }, async () => {
      while (performance.now() < deadline) {
        const { reason } = await client.timedRun(`burn${burner++}`, CPU_BURNER).catch(() => ({ reason: "refused" }));
        hostileEnded[reason] = (hostileEnded[reason] ?? 0) + 1;
        // A refusal comes at once; retrying at once would only measure the refusal path.
        if (reason === "refused") await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
  // Let the flood fill the workers and queues before the benign client starts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    const benign = await benignAlone(websocketUrl, seconds);
    return { benign, hostileEnded };
  } finally {
    for (const client of hostile) client.close();
    await Promise.allSettled(flood);
  }
}
