// What the HTTP routes and the WebSocket connections share: settings, storage, the log, the
// per-client rate limiters, the run cache, the sandbox's worker pool and the scheduler that
// admits program runs into it.

import { WorkerPool } from "@looplab/sandbox";
import type { ServerConfig } from "./config.js";
import type { Logger } from "./log.js";
import { RateLimiter } from "./rate-limiter.js";
import { RunCache } from "./run-cache.js";
import { RunScheduler } from "./run-scheduler.js";
import type { SnippetStore } from "./storage/snippet-store.js";

export interface ServerContext {
  config: ServerConfig;
  store: SnippetStore;
  logger: Logger;
  runLimiter: RateLimiter;
  connectionLimiter: RateLimiter;
  saveLimiter: RateLimiter;
  runCache: RunCache;
  /** The server's own pool, sized by `config.runWorkers`, so the scheduler knows how many runs fit. */
  pool: WorkerPool;
  runScheduler: RunScheduler;
}

export function createServerContext(config: ServerConfig, store: SnippetStore, logger: Logger): ServerContext {
  return {
    config,
    store,
    logger,
    runLimiter: new RateLimiter(config.runRate),
    connectionLimiter: new RateLimiter(config.connectionRate),
    saveLimiter: new RateLimiter(config.saveRate),
    runCache: new RunCache(config.runCacheBytes),
    pool: new WorkerPool({ workers: config.runWorkers }),
    runScheduler: new RunScheduler(config.runWorkers, config.maxQueuedRunsPerClient),
  };
}
