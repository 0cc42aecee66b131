// The server's settings: every limit and address it uses, read once from the environment.
// Defaults follow product.md ("Limits"); each one can be changed without touching code.

import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS, type Limits } from "@looplab/sandbox";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Where `npm run build -w web` writes the web app. */
export const DEFAULT_WEB_DIST = path.join(repositoryRoot, "web", "dist");

/** A budget of `count` requests per `perSeconds`, refilled continuously (a token bucket). */
export interface RateLimit {
  count: number;
  perSeconds: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** The SQLite file used when `databaseUrl` is null. */
  sqlitePath: string;
  /** PostgreSQL connection string (`DATABASE_URL`); null selects SQLite. */
  databaseUrl: string | null;
  /** The built web app, served when its index.html exists. */
  webDist: string;
  /** Prefix of the links a snippet save answers with; null answers a path (/s/:id), never the Host header. */
  publicUrl: string | null;
  /** Origins allowed to open the WebSocket and to save snippets besides the server's own ("*" allows any). */
  allowedOrigins: string[];
  /** Proxies in front of the server that append to X-Forwarded-For (0: none, use the socket's address). */
  trustedProxies: number;
  /** Sandbox limits applied to every run; a client may only lower them. */
  runLimits: Limits;
  /** The sandbox's program-run workers: at most this many program runs go at once. */
  runWorkers: number;
  /** Program runs one client may have waiting for a worker. */
  maxQueuedRunsPerClient: number;
  /** Largest WebSocket message, in bytes. */
  maxMessageBytes: number;
  /** Largest HTTP request body, in bytes. */
  maxBodyBytes: number;
  /** Program runs and REPL sessions started per client (HTTP and WebSocket together). */
  runRate: RateLimit;
  /** WebSocket connections opened per client. */
  connectionRate: RateLimit;
  /** Snippets saved per client. */
  saveRate: RateLimit;
  /** WebSocket connections open at once per client. */
  maxConnectionsPerClient: number;
  /** Program runs streaming at once on one connection. */
  maxRunsPerConnection: number;
  /** REPL sessions open at once on one connection. */
  maxSessionsPerConnection: number;
  /** A REPL session with no input for this long is closed. */
  sessionIdleSeconds: number;
  /** Seconds between WebSocket pings; a connection that missed the previous pong is dropped. */
  heartbeatSeconds: number;
  /** Bytes queued on a socket above which its runs pause until it drains. */
  backpressureBytes: number;
  /** Bytes queued on a socket above which the connection is dropped (a client that does not read). */
  maxBufferedBytes: number;
  /** Seconds a run may stay paused by a slow reader before it is stopped. */
  slowReaderSeconds: number;
  /** Bytes of serialized events the POST /api/run cache keeps. */
  runCacheBytes: number;
  /** Log one line per request and per run to stdout. */
  log: boolean;
}

type Environment = Record<string, string | undefined>;

function integer(environment: Environment, name: string, fallback: number): number {
  const text = environment[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

function positiveInteger(environment: Environment, name: string, fallback: number): number {
  const value = integer(environment, name, fallback);
  if (value === 0) throw new RangeError(`${name} must be at least 1`);
  return value;
}

/** "count/seconds", e.g. "30/60" for 30 per minute. */
function rate(environment: Environment, name: string, fallback: RateLimit): RateLimit {
  const text = environment[name];
  if (text === undefined || text === "") return fallback;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (match === null || Number(match[2]) <= 0) throw new RangeError(`${name} must look like COUNT/SECONDS, e.g. 30/60; got "${text}"`);
  return { count: Number(match[1]), perSeconds: Number(match[2]) };
}

function runLimits(environment: Environment): Limits {
  return {
    ...DEFAULT_LIMITS,
    cpuMs: integer(environment, "LOOPLAB_CPU_MS", DEFAULT_LIMITS.cpuMs),
    wallMs: integer(environment, "LOOPLAB_WALL_MS", DEFAULT_LIMITS.wallMs),
    memoryBytes: integer(environment, "LOOPLAB_MEMORY_BYTES", DEFAULT_LIMITS.memoryBytes),
    outputBytes: integer(environment, "LOOPLAB_OUTPUT_BYTES", DEFAULT_LIMITS.outputBytes),
    eventBytes: integer(environment, "LOOPLAB_EVENT_BYTES", DEFAULT_LIMITS.eventBytes),
    events: integer(environment, "LOOPLAB_EVENTS", DEFAULT_LIMITS.events),
    tasks: integer(environment, "LOOPLAB_TASKS", DEFAULT_LIMITS.tasks),
    snippetBytes: integer(environment, "LOOPLAB_SNIPPET_BYTES", DEFAULT_LIMITS.snippetBytes),
  };
}

/** A path from the environment, relative to where `npm start` was typed (npm's INIT_CWD), not to server/. */
function pathSetting(environment: Environment, name: string, fallback: string): string {
  const value = environment[name];
  if (!value) return fallback;
  return path.resolve(environment.INIT_CWD || process.cwd(), value);
}

/** LOOPLAB_PUBLIC_URL without its trailing slashes; it must be an absolute http(s) URL. */
function publicUrl(environment: Environment): string | null {
  const text = environment.LOOPLAB_PUBLIC_URL?.trim().replace(/\/+$/, "");
  if (!text) return null;
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
    throw new RangeError(`LOOPLAB_PUBLIC_URL must be an absolute http(s) URL such as https://looplab.example, got "${text}"`);
  }
  return text;
}

/** Bytes a socket may queue before the connection is dropped: room for the backpressure threshold and more. */
function maxBufferedBytes(environment: Environment, backpressureBytes: number): number {
  const value = integer(environment, "LOOPLAB_MAX_BUFFERED_BYTES", Math.max(8 * 1024 * 1024, 2 * backpressureBytes));
  if (value < backpressureBytes) {
    throw new RangeError(`LOOPLAB_MAX_BUFFERED_BYTES (${value}) must be at least LOOPLAB_BACKPRESSURE_BYTES (${backpressureBytes})`);
  }
  return value;
}

export function loadConfig(environment: Environment = process.env): ServerConfig {
  const limits = runLimits(environment);
  // JSON escaping can grow source text up to six times (\uXXXX); leave room for that.
  const messageBytes = 6 * limits.snippetBytes + 16 * 1024;
  const backpressureBytes = integer(environment, "LOOPLAB_BACKPRESSURE_BYTES", 1024 * 1024);
  return {
    port: integer(environment, "PORT", 8787),
    host: environment.HOST || "0.0.0.0",
    sqlitePath: pathSetting(environment, "LOOPLAB_SQLITE_PATH", path.join(repositoryRoot, "data", "looplab.db")),
    databaseUrl: environment.DATABASE_URL || null,
    webDist: pathSetting(environment, "LOOPLAB_WEB_DIST", DEFAULT_WEB_DIST),
    publicUrl: publicUrl(environment),
    allowedOrigins: (environment.LOOPLAB_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
    trustedProxies: integer(environment, "LOOPLAB_TRUST_PROXY", 0),
    runLimits: limits,
    // The sandbox pool's own default: one per core, at least 2.
    runWorkers: positiveInteger(environment, "LOOPLAB_RUN_WORKERS", Math.max(2, availableParallelism())),
    maxQueuedRunsPerClient: integer(environment, "LOOPLAB_MAX_QUEUED_RUNS_PER_CLIENT", 32),
    maxMessageBytes: integer(environment, "LOOPLAB_MAX_MESSAGE_BYTES", messageBytes),
    maxBodyBytes: integer(environment, "LOOPLAB_MAX_BODY_BYTES", messageBytes),
    runRate: rate(environment, "LOOPLAB_RUN_RATE", { count: 120, perSeconds: 60 }),
    connectionRate: rate(environment, "LOOPLAB_CONNECTION_RATE", { count: 30, perSeconds: 60 }),
    saveRate: rate(environment, "LOOPLAB_SAVE_RATE", { count: 30, perSeconds: 60 }),
    maxConnectionsPerClient: integer(environment, "LOOPLAB_MAX_CONNECTIONS_PER_CLIENT", 16),
    maxRunsPerConnection: integer(environment, "LOOPLAB_MAX_RUNS_PER_CONNECTION", 8),
    maxSessionsPerConnection: integer(environment, "LOOPLAB_MAX_SESSIONS_PER_CONNECTION", 8),
    sessionIdleSeconds: integer(environment, "LOOPLAB_SESSION_IDLE_SECONDS", 600),
    heartbeatSeconds: integer(environment, "LOOPLAB_HEARTBEAT_SECONDS", 30),
    backpressureBytes,
    maxBufferedBytes: maxBufferedBytes(environment, backpressureBytes),
    slowReaderSeconds: integer(environment, "LOOPLAB_SLOW_READER_SECONDS", 30),
    runCacheBytes: integer(environment, "LOOPLAB_RUN_CACHE_BYTES", 64 * 1024 * 1024),
    log: environment.LOOPLAB_LOG !== "0",
  };
}
