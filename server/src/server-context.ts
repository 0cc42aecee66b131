// What the HTTP routes and the WebSocket connections share: settings, storage, the log, the
// per-client rate limiters and the run cache.

import type { ServerConfig } from "./config.js";
import type { Logger } from "./log.js";
import { RateLimiter } from "./rate-limiter.js";
import { RunCache } from "./run-cache.js";
import type { SnippetStore } from "./storage/snippet-store.js";

export interface ServerContext {
  config: ServerConfig;
  store: SnippetStore;
  logger: Logger;
  runLimiter: RateLimiter;
  connectionLimiter: RateLimiter;
  saveLimiter: RateLimiter;
  runCache: RunCache;
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
  };
}
