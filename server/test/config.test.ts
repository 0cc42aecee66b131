// Settings from the environment, and the token buckets behind the per-client rate limits.

import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { loadConfig } from "../src/config.js";
import { RateLimiter } from "../src/rate-limiter.js";

describe("settings", () => {
  test("defaults follow product.md's limits and serve on port 8787 with ./data/looplab.db", () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.sqlitePath, path.resolve(import.meta.dirname, "../../data/looplab.db"));
    assert.deepEqual(
      {
        cpuMs: config.runLimits.cpuMs,
        memoryBytes: config.runLimits.memoryBytes,
        outputBytes: config.runLimits.outputBytes,
        events: config.runLimits.events,
        tasks: config.runLimits.tasks,
        snippetBytes: config.runLimits.snippetBytes,
      },
      { cpuMs: 2000, memoryBytes: 64 * 1024 * 1024, outputBytes: 1024 * 1024, events: 100_000, tasks: 1_000_000, snippetBytes: 64 * 1024 },
    );
    assert.equal(config.sessionIdleSeconds, 600);
  });

  test("PORT, DATABASE_URL, rates and lists are read; paths resolve from where npm was started", () => {
    const config = loadConfig({
      PORT: "9000",
      DATABASE_URL: "postgresql://db/looplab",
      LOOPLAB_RUN_RATE: "5/10",
      LOOPLAB_ALLOWED_ORIGINS: "https://a.example, null",
      LOOPLAB_SQLITE_PATH: "store/looplab.db",
      INIT_CWD: "/srv/looplab",
    });
    assert.equal(config.port, 9000);
    assert.equal(config.databaseUrl, "postgresql://db/looplab");
    assert.deepEqual(config.runRate, { count: 5, perSeconds: 10 });
    assert.deepEqual(config.allowedOrigins, ["https://a.example", "null"]);
    assert.equal(config.sqlitePath, "/srv/looplab/store/looplab.db");
  });

  test("client bounds: trusted proxy hops, run workers and queue, buffered bytes, the wall-time and event-bytes limits", () => {
    const defaults = loadConfig({});
    assert.equal(defaults.trustedProxies, 0);
    assert.equal(defaults.publicUrl, null);
    assert.ok(defaults.runWorkers >= 2);
    assert.equal(defaults.maxQueuedRunsPerClient, 32);
    assert.ok(defaults.maxBufferedBytes >= defaults.backpressureBytes);
    const config = loadConfig({
      LOOPLAB_TRUST_PROXY: "2",
      LOOPLAB_RUN_WORKERS: "3",
      LOOPLAB_MAX_QUEUED_RUNS_PER_CLIENT: "4",
      LOOPLAB_MAX_BUFFERED_BYTES: "2000000",
      LOOPLAB_WALL_MS: "5000",
      LOOPLAB_EVENT_BYTES: "1000000",
      LOOPLAB_PUBLIC_URL: "https://looplab.example/",
    });
    assert.deepEqual(
      [config.trustedProxies, config.runWorkers, config.maxQueuedRunsPerClient, config.maxBufferedBytes],
      [2, 3, 4, 2_000_000],
    );
    assert.deepEqual([config.runLimits.wallMs, config.runLimits.eventBytes], [5000, 1_000_000]);
    assert.equal(config.publicUrl, "https://looplab.example");
    assert.throws(() => loadConfig({ LOOPLAB_TRUST_PROXY: "yes" }), /LOOPLAB_TRUST_PROXY must be a non-negative integer/);
    assert.throws(() => loadConfig({ LOOPLAB_RUN_WORKERS: "0" }), /LOOPLAB_RUN_WORKERS must be at least 1/);
    assert.throws(() => loadConfig({ LOOPLAB_MAX_BUFFERED_BYTES: "1000" }), /must be at least LOOPLAB_BACKPRESSURE_BYTES/);
    assert.throws(() => loadConfig({ LOOPLAB_PUBLIC_URL: "looplab.example" }), /LOOPLAB_PUBLIC_URL must be an absolute http\(s\) URL/);
  });

  test("a malformed setting is an error naming it", () => {
    assert.throws(() => loadConfig({ PORT: "eighty" }), /PORT must be a non-negative integer/);
    assert.throws(() => loadConfig({ LOOPLAB_SAVE_RATE: "lots" }), /LOOPLAB_SAVE_RATE must look like COUNT\/SECONDS/);
  });
});

describe("rate limiter", () => {
  test("a client spends its budget, then waits for tokens to refill; clients are independent", () => {
    let now = 0;
    const limiter = new RateLimiter({ count: 2, perSeconds: 10 }, () => now);
    assert.deepEqual(limiter.take("a"), { allowed: true });
    assert.deepEqual(limiter.take("a"), { allowed: true });
    assert.deepEqual(limiter.take("a"), { allowed: false, retryAfterSeconds: 5 });
    assert.deepEqual(limiter.take("b"), { allowed: true });
    now = 4_000;
    assert.deepEqual(limiter.take("a"), { allowed: false, retryAfterSeconds: 1 });
    now = 5_000;
    assert.deepEqual(limiter.take("a"), { allowed: true });
  });
});
