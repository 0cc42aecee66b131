// The `aioredis` module: a Redis client against the in-sandbox Redis servers (redis-store.ts).
// Both generations of the API work: aioredis 1.x (`await create_redis_pool(address,
// password=, encoding=)`, `hmset_dict`, `close()` then `await wait_closed()`) and 2.x
// (`from_url(url, decode_responses=True)`, `hset(name, mapping=)`, `await close()`).
// A client opens one connection (one round trip, at create_redis_pool or at its first command)
// and pipelines its commands on it: each costs a round trip, and concurrent ones overlap.

import { Coroutine } from "../asyncio/coroutines.js";
import { getEventLoop, getRunningLoop } from "../asyncio/events.js";
import { ValueError } from "../asyncio/exceptions.js";
import type { Future } from "../asyncio/futures.js";
import { makeModule } from "../asyncio/module.js";
import { perRun } from "../per-run.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { type Bytes, decodeBytes, encodeText, typeName } from "./bytes.js";
import { networkDeadline } from "./hosts.js";
import { type BlockedPop, RedisError, RedisServer, type Reply, ResponseError } from "./redis-store.js";
import { abbreviate, immediately, ServiceLink } from "./service-link.js";
import { tuple } from "./tuple.js";

export class ConnectionError extends RedisError {}
/** A value Redis cannot store (aioredis/redis-py's DataError). */
export class DataError extends RedisError {}

const DEFAULT_PORT = 6379;

/** The Redis server at each address, for the run. */
const servers = perRun((runtime) => ({ byAddress: new Map<string, RedisServer>(), now: () => runtime.clock.now() }));

function serverAt(address: string): RedisServer {
  const state = servers();
  let server = state.byAddress.get(address);
  if (server === undefined) {
    server = new RedisServer(state.now);
    state.byAddress.set(address, server);
  }
  return server;
}

interface ClientOptions {
  host?: string;
  port?: number;
  db?: number | null;
  password?: string | null;
  encoding?: string | null;
  decodeResponses?: boolean;
}

interface Address {
  host: string;
  port: number;
  db: number | null;
}

/** "redis://[:password@]host[:port][/db]", or [host, port] as aioredis 1.x takes it. */
function parseAddress(address: unknown): Address {
  if (Array.isArray(address)) return { host: String(address[0]), port: Number(address[1] ?? DEFAULT_PORT), db: null };
  const match = /^rediss?:\/\/(?:[^@/]*@)?([^:/?]+)(?::(\d+))?(?:\/(\d+))?/.exec(String(address));
  if (match === null)
    throw new ValueError(`Redis URL must specify one of the following schemes (redis://, rediss://, unix://): ${String(address)}`);
  return { host: match[1] as string, port: Number(match[2] ?? DEFAULT_PORT), db: match[3] === undefined ? null : Number(match[3]) };
}

/** What Redis stores: bytes; str as UTF-8, numbers as their text. */
function toArgument(value: unknown): Bytes {
  if (typeof value === "string") return encodeText(value);
  if (typeof value === "number" || typeof value === "bigint") return encodeText(String(value));
  if (value instanceof Uint8Array) return value as Bytes;
  throw new DataError(`Invalid input of type: '${typeName(value)}'. Convert to a bytes, string, int or float first.`);
}

function isTrailingOptions(value: unknown): value is Record<string, unknown> {
  return isOptionsObject(value) && Object.keys(value).every((key) => CALL_OPTIONS.has(key));
}

const CALL_OPTIONS = new Set(["encoding", "ex", "px", "nx", "xx", "expire", "pexpire", "exist", "timeout", "mapping"]);

/** Splits a variadic call into its arguments and a trailing `{ encoding, ... }`. */
function splitOptions(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  return isTrailingOptions(last) ? [args.slice(0, -1), last] : [args, {}];
}

function flatten(values: unknown[]): unknown[] {
  return values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
}

type Shape = (reply: Reply, decode: (bytes: Bytes) => string | Bytes) => unknown;

const asBoolean: Shape = (reply) => reply === 1 || (typeof reply === "object" && reply !== null && "status" in reply);

function plain(reply: Reply, decode: (bytes: Bytes) => string | Bytes): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (Array.isArray(reply)) return reply.map((item) => plain(item, decode));
  if ("status" in reply) return reply.status === "OK" ? true : decode(encodeText(reply.status));
  return decode(reply);
}

const asDict: Shape = (reply, decode) => {
  const items = reply as Bytes[];
  const pairs: [string | Bytes, string | Bytes][] = [];
  for (let i = 0; i < items.length; i += 2) pairs.push([decode(items[i] as Bytes), decode(items[i + 1] as Bytes)]);
  return pairs.every(([field]) => typeof field === "string") ? Object.fromEntries(pairs) : new Map(pairs);
};

const asSet: Shape = (reply, decode) => new Set((reply as Bytes[]).map(decode));
const asPair: Shape = (reply, decode) => (reply === null ? null : tuple(...(reply as Bytes[]).map(decode)));

export class Redis {
  private readonly link: ServiceLink;
  private readonly db: number;
  private readonly encoding: string | null;
  private isClosed = false;

  /** aioredis 2.x's Redis(host="localhost", port=6379, db=0, decode_responses=False, encoding="utf-8"). */
  constructor(private readonly options: ClientOptions = {}) {
    const host = option(options, "host", "localhost");
    this.link = new ServiceLink(
      host,
      option(options, "port", DEFAULT_PORT),
      "redis",
      () => new ConnectionError("Connection closed by server."),
    );
    this.db = option<number | null>(options, "db", null) ?? 0;
    const decodeResponses = option(options, "decodeResponses", false);
    this.encoding = option<string | null>(options, "encoding", null) ?? (decodeResponses ? "utf-8" : null);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Opens the connection now (create_redis_pool does; from_url waits for the first command). */
  open(): Coroutine<void> {
    const client = this;
    return Coroutine.fromFunction(
      "create_connection",
      function* () {
        yield* client.ensureConnected();
      },
      false,
    );
  }

  /** Any command, its reply as Redis gives it (execute in 1.x, execute_command in 2.x). */
  execute(command: string, ...args: unknown[]): Coroutine<unknown> {
    const [values, options] = splitOptions(args);
    return this.call(String(command).toUpperCase(), values, options, plain);
  }

  executeCommand(command: string, ...args: unknown[]): Coroutine<unknown> {
    return this.execute(command, ...args);
  }

  ping(): Coroutine<unknown> {
    return this.call("PING", [], {}, plain);
  }

  echo(message: unknown, options?: object): Coroutine<unknown> {
    return this.call("ECHO", [message], options, plain);
  }

  get(key: unknown, options?: object): Coroutine<unknown> {
    return this.call("GET", [key], options, plain);
  }

  /** set(key, value, { ex, px, nx, xx }) as in redis-py; { expire, pexpire, exist } as in aioredis 1.x. */
  set(key: unknown, value: unknown, options?: object): Coroutine<unknown> {
    const args: unknown[] = [key, value];
    const seconds = option<number | null>(options, "ex", null) ?? (option<number>(options, "expire", 0) || null);
    const milliseconds = option<number | null>(options, "px", null) ?? (option<number>(options, "pexpire", 0) || null);
    if (seconds !== null) args.push("EX", seconds);
    if (milliseconds !== null) args.push("PX", milliseconds);
    const exist = option<string | null>(options, "exist", null);
    if (option(options, "nx", false) || exist === "SET_IF_NOT_EXIST") args.push("NX");
    if (option(options, "xx", false) || exist === "SET_IF_EXIST") args.push("XX");
    return this.call("SET", args, options, (reply) => (reply === null ? null : true));
  }

  setex(key: unknown, seconds: number, value: unknown): Coroutine<unknown> {
    return this.call("SETEX", [key, seconds, value], {}, plain);
  }

  setnx(key: unknown, value: unknown): Coroutine<unknown> {
    return this.call("SETNX", [key, value], {}, asBoolean);
  }

  getset(key: unknown, value: unknown, options?: object): Coroutine<unknown> {
    return this.call("GETSET", [key, value], options, plain);
  }

  mget(...keys: unknown[]): Coroutine<unknown> {
    const [values, options] = splitOptions(keys);
    return this.call("MGET", flatten(values), options, plain);
  }

  /** mset({ k: v }) as in redis-py, or mset(k1, v1, k2, v2) as in aioredis 1.x. */
  mset(...pairs: unknown[]): Coroutine<unknown> {
    const first = pairs[0];
    const args = pairs.length === 1 && isOptionsObject(first) ? Object.entries(first).flat() : pairs;
    return this.call("MSET", args, {}, plain);
  }

  incr(key: unknown): Coroutine<unknown> {
    return this.call("INCR", [key], {}, plain);
  }

  incrby(key: unknown, amount = 1): Coroutine<unknown> {
    return this.call("INCRBY", [key, amount], {}, plain);
  }

  decr(key: unknown): Coroutine<unknown> {
    return this.call("DECR", [key], {}, plain);
  }

  decrby(key: unknown, amount = 1): Coroutine<unknown> {
    return this.call("DECRBY", [key, amount], {}, plain);
  }

  append(key: unknown, value: unknown): Coroutine<unknown> {
    return this.call("APPEND", [key, value], {}, plain);
  }

  strlen(key: unknown): Coroutine<unknown> {
    return this.call("STRLEN", [key], {}, plain);
  }

  delete(...keys: unknown[]): Coroutine<unknown> {
    return this.call("DEL", flatten(keys), {}, plain);
  }

  exists(...keys: unknown[]): Coroutine<unknown> {
    return this.call("EXISTS", flatten(keys), {}, plain);
  }

  expire(key: unknown, seconds: number): Coroutine<unknown> {
    return this.call("EXPIRE", [key, seconds], {}, asBoolean);
  }

  pexpire(key: unknown, milliseconds: number): Coroutine<unknown> {
    return this.call("PEXPIRE", [key, milliseconds], {}, asBoolean);
  }

  ttl(key: unknown): Coroutine<unknown> {
    return this.call("TTL", [key], {}, plain);
  }

  pttl(key: unknown): Coroutine<unknown> {
    return this.call("PTTL", [key], {}, plain);
  }

  persist(key: unknown): Coroutine<unknown> {
    return this.call("PERSIST", [key], {}, asBoolean);
  }

  keys(pattern: unknown = "*", options?: object): Coroutine<unknown> {
    return this.call("KEYS", [pattern], options, plain);
  }

  type(key: unknown): Coroutine<unknown> {
    return this.call("TYPE", [key], {}, plain);
  }

  rename(key: unknown, newKey: unknown): Coroutine<unknown> {
    return this.call("RENAME", [key, newKey], {}, plain);
  }

  dbsize(): Coroutine<unknown> {
    return this.call("DBSIZE", [], {}, plain);
  }

  flushdb(): Coroutine<unknown> {
    return this.call("FLUSHDB", [], {}, plain);
  }

  flushall(): Coroutine<unknown> {
    return this.call("FLUSHALL", [], {}, plain);
  }

  /** hset(name, key, value), or hset(name, { mapping: {...} }) as in redis-py. */
  hset(name: unknown, key?: unknown, value?: unknown): Coroutine<unknown> {
    const mapping = isOptionsObject(key) ? ((key.mapping as Record<string, unknown> | undefined) ?? key) : null;
    const args = mapping === null ? [name, key, value] : [name, ...Object.entries(mapping).flat()];
    return this.call("HSET", args, {}, plain);
  }

  hmset(name: unknown, mapping: Record<string, unknown>): Coroutine<unknown> {
    return this.call("HMSET", [name, ...Object.entries(mapping).flat()], {}, plain);
  }

  /** aioredis 1.x: hmset_dict(key, dict). */
  hmsetDict(name: unknown, mapping: Record<string, unknown>): Coroutine<unknown> {
    return this.hmset(name, mapping);
  }

  hget(name: unknown, field: unknown, options?: object): Coroutine<unknown> {
    return this.call("HGET", [name, field], options, plain);
  }

  hmget(name: unknown, ...fields: unknown[]): Coroutine<unknown> {
    const [values, options] = splitOptions(fields);
    return this.call("HMGET", [name, ...flatten(values)], options, plain);
  }

  hgetall(name: unknown, options?: object): Coroutine<unknown> {
    return this.call("HGETALL", [name], options, asDict);
  }

  hdel(name: unknown, ...fields: unknown[]): Coroutine<unknown> {
    return this.call("HDEL", [name, ...flatten(fields)], {}, plain);
  }

  hexists(name: unknown, field: unknown): Coroutine<unknown> {
    return this.call("HEXISTS", [name, field], {}, asBoolean);
  }

  hkeys(name: unknown, options?: object): Coroutine<unknown> {
    return this.call("HKEYS", [name], options, plain);
  }

  hvals(name: unknown, options?: object): Coroutine<unknown> {
    return this.call("HVALS", [name], options, plain);
  }

  hlen(name: unknown): Coroutine<unknown> {
    return this.call("HLEN", [name], {}, plain);
  }

  hincrby(name: unknown, field: unknown, amount = 1): Coroutine<unknown> {
    return this.call("HINCRBY", [name, field, amount], {}, plain);
  }

  lpush(key: unknown, ...values: unknown[]): Coroutine<unknown> {
    return this.call("LPUSH", [key, ...values], {}, plain);
  }

  rpush(key: unknown, ...values: unknown[]): Coroutine<unknown> {
    return this.call("RPUSH", [key, ...values], {}, plain);
  }

  lpop(key: unknown, options?: object): Coroutine<unknown> {
    return this.call("LPOP", [key], options, plain);
  }

  rpop(key: unknown, options?: object): Coroutine<unknown> {
    return this.call("RPOP", [key], options, plain);
  }

  llen(key: unknown): Coroutine<unknown> {
    return this.call("LLEN", [key], {}, plain);
  }

  lindex(key: unknown, index: number, options?: object): Coroutine<unknown> {
    return this.call("LINDEX", [key, index], options, plain);
  }

  lrange(key: unknown, start: number, stop: number, options?: object): Coroutine<unknown> {
    return this.call("LRANGE", [key, start, stop], options, plain);
  }

  /** blpop(keys, timeout=0): waits on the server until a list has an item; null after `timeout` seconds. */
  blpop(keys: unknown, timeout: number | { timeout?: number; encoding?: string } = 0): Coroutine<unknown> {
    return this.blockingPop(keys, timeout, true);
  }

  brpop(keys: unknown, timeout: number | { timeout?: number; encoding?: string } = 0): Coroutine<unknown> {
    return this.blockingPop(keys, timeout, false);
  }

  sadd(key: unknown, ...members: unknown[]): Coroutine<unknown> {
    return this.call("SADD", [key, ...flatten(members)], {}, plain);
  }

  srem(key: unknown, ...members: unknown[]): Coroutine<unknown> {
    return this.call("SREM", [key, ...flatten(members)], {}, plain);
  }

  smembers(key: unknown, options?: object): Coroutine<unknown> {
    return this.call("SMEMBERS", [key], options, asSet);
  }

  sismember(key: unknown, member: unknown): Coroutine<unknown> {
    return this.call("SISMEMBER", [key, member], {}, asBoolean);
  }

  scard(key: unknown): Coroutine<unknown> {
    return this.call("SCARD", [key], {}, plain);
  }

  /** A pipeline (redis-py style): queue commands, then one round trip for all with execute(). */
  pipeline(): Pipeline {
    return new Pipeline(this, this.options);
  }

  /** Closes the client; awaiting the answer is optional (1.x close() is plain, 2.x awaits it). */
  close(): Future<null> {
    this.isClosed = true;
    const done = getEventLoop().createFuture<null>();
    done.setResult(null);
    return done;
  }

  /** Waits for the connection to close: one loop iteration, as a transport's connection_lost comes. */
  waitClosed(): Coroutine<void> {
    return Coroutine.fromFunction("Redis.wait_closed", function* () {
      yield null;
    });
  }

  __aenter__(): Coroutine<Redis> {
    const client = this;
    return Coroutine.fromFunction("Redis.__aenter__", function* () {
      return client;
    });
  }

  __aexit__(): Coroutine<void> {
    const client = this;
    return Coroutine.fromFunction("Redis.__aexit__", function* () {
      client.close();
    });
  }

  __repr__(): string {
    return `<Redis <${this.link.address} db=${this.db}>>`;
  }

  /** Sends one command and shapes its reply. */
  protected call(command: string, args: unknown[], options: object | undefined, shape: Shape): Coroutine<unknown> {
    const client = this;
    const decode = this.decoder(options);
    const bytes = args.map(toArgument);
    const label = abbreviate([command, ...bytes.slice(0, 2).map((arg) => decodeBytes(arg, "utf-8", "replace"))].join(" "));
    return Coroutine.fromFunction(`Redis.${command.toLowerCase()}`, function* () {
      yield* client.ensureConnected();
      const server = serverAt(client.link.address);
      const reply = (yield client.link.roundTrip(
        label,
        immediately(() => server.execute(client.db, command, bytes)),
      )) as Reply;
      return shape(reply, decode);
    });
  }

  /** Commands of a pipeline in one round trip; each reply shaped, an error in its place. */
  sendPipeline(commands: [command: string, args: Bytes[], shape: Shape, decode: (bytes: Bytes) => string | Bytes][]): Coroutine<unknown[]> {
    const client = this;
    return Coroutine.fromFunction("Pipeline.execute", function* () {
      yield* client.ensureConnected();
      const server = serverAt(client.link.address);
      const label = abbreviate(`pipeline of ${commands.length}: ${commands.map(([command]) => command).join(" ")}`);
      const replies = (yield client.link.roundTrip(
        label,
        immediately(() =>
          commands.map(([command, args, shape, decode]) => {
            try {
              return shape(server.execute(client.db, command, args), decode);
            } catch (error) {
              return error;
            }
          }),
        ),
      )) as unknown[];
      const failure = replies.find((reply) => reply instanceof ResponseError);
      if (failure !== undefined) throw failure;
      return replies;
    });
  }

  protected decoder(options: object | undefined): (bytes: Bytes) => string | Bytes {
    const encoding = option<string | null>(options, "encoding", null) ?? this.encoding;
    return encoding === null ? (bytes) => bytes : (bytes) => decodeBytes(bytes, encoding);
  }

  private *ensureConnected(): Generator<unknown, void, unknown> {
    if (this.isClosed) throw new ConnectionError("Connection closed");
    yield this.link.open();
  }

  /** BLPOP/BRPOP: the server holds the command until a list has an item or the timeout passes. */
  private blockingPop(keys: unknown, timeout: number | { timeout?: number; encoding?: string }, left: boolean): Coroutine<unknown> {
    const client = this;
    const options = isOptionsObject(timeout) ? timeout : {};
    const seconds = isOptionsObject(timeout) ? option(timeout, "timeout", 0) : timeout;
    const names = (Array.isArray(keys) ? keys : [keys]).map(toArgument).map((name) => decodeBytes(name, "latin-1"));
    const decode = this.decoder(options);
    const command = left ? "BLPOP" : "BRPOP";
    return Coroutine.fromFunction(`Redis.${command.toLowerCase()}`, function* () {
      yield* client.ensureConnected();
      const server = serverAt(client.link.address);
      const loop = getRunningLoop();
      const reply = (yield client.link.roundTrip(abbreviate(`${command} ${names.join(" ")}`), (respond) => {
        const blocked: BlockedPop | null = server.blockingPop(client.db, names, left, (value) => respond({ value }));
        if (blocked === null) return undefined;
        const timer =
          seconds > 0
            ? loop.callAt(networkDeadline(loop, seconds), () => {
                server.unblock(client.db, blocked);
                respond({ value: null });
              })
            : null;
        return () => {
          timer?.cancel();
          server.unblock(client.db, blocked);
        };
      })) as Reply;
      return asPair(reply, decode);
    });
  }
}
addSnakeCaseAliases(Redis);

/** redis-py's pipeline: each command queues and returns the pipeline; execute() sends them all. */
export class Pipeline extends Redis {
  private readonly queued: [string, Bytes[], Shape, (bytes: Bytes) => string | Bytes][] = [];

  constructor(
    private readonly client: Redis,
    options: ClientOptions,
  ) {
    super(options);
  }

  protected override call(command: string, args: unknown[], options: object | undefined, shape: Shape): Coroutine<unknown> {
    this.queued.push([command, args.map(toArgument), shape, this.decoder(options)]);
    return this as unknown as Coroutine<unknown>;
  }

  override execute(command?: string, ...args: unknown[]): Coroutine<unknown> {
    if (command !== undefined) return super.execute(command, ...args);
    return this.client.sendPipeline(this.queued.splice(0));
  }
}

/** aioredis 1.x: create_redis_pool(address, *, db, password, encoding, minsize, maxsize). */
function createRedisPool(address: unknown, options?: ClientOptions): Coroutine<Redis> {
  return Coroutine.fromFunction("create_redis_pool", function* () {
    const client = new Redis(withAddress(address, options));
    yield client.open();
    return client;
  });
}

/** aioredis 2.x: from_url(url, *, db, decode_responses, encoding); connects on first use. */
function fromUrl(url: string, options?: ClientOptions): Redis {
  return new Redis(withAddress(url, options));
}

/** The options with the host, port and database an address names. */
function withAddress(address: unknown, options: ClientOptions = {}): ClientOptions {
  const parsed = parseAddress(address);
  return { ...options, host: parsed.host, port: parsed.port, db: option<number | null>(options, "db", null) ?? parsed.db };
}

export const aioredis = makeModule({
  createRedisPool,
  createRedis: createRedisPool,
  createConnection: createRedisPool,
  createPool: createRedisPool,
  fromUrl,
  Redis,
  RedisError,
  ResponseError,
  ConnectionError,
  DataError,
});
