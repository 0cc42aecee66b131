// The Redis server of the simulated network: one per host and port, sixteen databases, keys
// with expiry on the run's clock. It takes commands as Redis does (a name and byte-string
// arguments) and answers with RESP values; the client turns them into Python values.
// A blocking pop (BLPOP/BRPOP) on empty lists parks until another client pushes.

import { Bytes, decodeBytes, encodeText } from "./bytes.js";

/** A RESP reply: status text, integer, bulk string (null for nil), or array. */
export type Reply = { status: string } | number | Bytes | null | Reply[];

/** aioredis's errors: RedisError, and ResponseError for what the server answers as an error. */
export class RedisError extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = new.target.name;
  }
}

export class ResponseError extends RedisError {}

type Stored =
  | { kind: "string"; value: Bytes }
  | { kind: "hash"; value: Map<string, Bytes> }
  | { kind: "list"; value: Bytes[] }
  | { kind: "set"; value: Map<string, Bytes> };

interface Entry {
  stored: Stored;
  /** When the key expires on the loop's clock, or null. */
  expireAt: number | null;
}

const OK: Reply = { status: "OK" };
const WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
const NOT_INTEGER = "ERR value is not an integer or out of range";

/** Keys and fields are byte strings; Latin-1 maps them one to one onto JavaScript strings. */
function key(bytes: Bytes): string {
  return decodeBytes(bytes, "latin-1");
}

function keyBytes(name: string): Bytes {
  return encodeText(name, "latin-1");
}

function integer(bytes: Bytes | undefined): number {
  const text = bytes === undefined ? "" : decodeBytes(bytes, "latin-1");
  if (!/^-?\d+$/.test(text)) throw new ResponseError(NOT_INTEGER);
  return Number(text);
}

function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s");
}

export interface BlockedPop {
  keys: string[];
  left: boolean;
  deliver(reply: Reply): void;
}

export class RedisDatabase {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  get(name: string): Entry | undefined {
    const entry = this.entries.get(name);
    if (entry?.expireAt != null && entry.expireAt <= this.now()) {
      this.entries.delete(name);
      return undefined;
    }
    return entry;
  }

  set(name: string, stored: Stored, expireAt: number | null = null): void {
    this.entries.set(name, { stored, expireAt });
  }

  delete(name: string): boolean {
    return this.get(name) !== undefined && this.entries.delete(name);
  }

  names(): string[] {
    return [...this.entries.keys()].filter((name) => this.get(name) !== undefined);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The value of `name` if it is of `kind`, undefined if missing; WRONGTYPE otherwise. */
  typed<K extends Stored["kind"]>(name: string, kind: K): Extract<Stored, { kind: K }> | undefined {
    const entry = this.get(name);
    if (entry === undefined) return undefined;
    if (entry.stored.kind !== kind) throw new ResponseError(WRONG_TYPE);
    return entry.stored as Extract<Stored, { kind: K }>;
  }

  /** The collection at `name`, created empty if missing. */
  collection<K extends "hash" | "list" | "set">(name: string, kind: K): Extract<Stored, { kind: K }> {
    const existing = this.typed(name, kind);
    if (existing !== undefined) return existing;
    const stored = (kind === "list" ? { kind, value: [] } : { kind, value: new Map() }) as unknown as Extract<Stored, { kind: K }>;
    this.set(name, stored);
    return stored;
  }

  /** Drops a collection left empty, as Redis does. */
  dropIfEmpty(name: string): void {
    const entry = this.get(name);
    if (entry === undefined || entry.stored.kind === "string") return;
    const size = entry.stored.kind === "list" ? entry.stored.value.length : entry.stored.value.size;
    if (size === 0) this.entries.delete(name);
  }
}

type Command = (db: RedisDatabase, args: Bytes[], server: RedisServer) => Reply;

function arity(name: string, args: Bytes[], minimum: number): void {
  if (args.length < minimum) throw new ResponseError(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

function incrementBy(db: RedisDatabase, name: string, amount: number): Reply {
  const current = db.typed(name, "string");
  const value = (current === undefined ? 0 : integer(current.value)) + amount;
  const expireAt = db.get(name)?.expireAt ?? null;
  db.set(name, { kind: "string", value: encodeText(String(value)) }, expireAt);
  return value;
}

function push(db: RedisDatabase, args: Bytes[], server: RedisServer, left: boolean): Reply {
  const name = key(args[0] as Bytes);
  const list = db.collection(name, "list");
  for (const value of args.slice(1)) {
    if (left) list.value.unshift(value);
    else list.value.push(value);
  }
  const length = list.value.length;
  server.serveBlocked(db, name);
  return length;
}

function hashSet(db: RedisDatabase, args: Bytes[]): number {
  if (args.length % 2 !== 1) throw new ResponseError("ERR wrong number of arguments for 'hset' command");
  const hash = db.collection(key(args[0] as Bytes), "hash");
  let added = 0;
  for (let i = 1; i < args.length; i += 2) {
    const field = key(args[i] as Bytes);
    if (!hash.value.has(field)) added++;
    hash.value.set(field, args[i + 1] as Bytes);
  }
  return added;
}

function pop(db: RedisDatabase, name: string, left: boolean): Bytes | null {
  const list = db.typed(name, "list");
  if (list === undefined || list.value.length === 0) return null;
  const value = (left ? list.value.shift() : list.value.pop()) as Bytes;
  db.dropIfEmpty(name);
  return value;
}

function setWithOptions(db: RedisDatabase, args: Bytes[], now: number): Reply {
  const name = key(args[0] as Bytes);
  let expireAt: number | null = null;
  let onlyIfMissing = false;
  let onlyIfExists = false;
  for (let i = 2; i < args.length; i++) {
    const option = decodeBytes(args[i] as Bytes, "latin-1").toUpperCase();
    if (option === "EX") expireAt = now + integer(args[++i]);
    else if (option === "PX") expireAt = now + integer(args[++i]) / 1000;
    else if (option === "NX") onlyIfMissing = true;
    else if (option === "XX") onlyIfExists = true;
    else throw new ResponseError("ERR syntax error");
  }
  const exists = db.get(name) !== undefined;
  if ((onlyIfMissing && exists) || (onlyIfExists && !exists)) return null;
  db.set(name, { kind: "string", value: args[1] as Bytes }, expireAt);
  return OK;
}

function range(length: number, start: number, stop: number): [number, number] {
  const from = start < 0 ? Math.max(length + start, 0) : start;
  const to = stop < 0 ? length + stop : Math.min(stop, length - 1);
  return [from, to];
}

const COMMANDS: Record<string, [minimumArgs: number, run: Command]> = {
  PING: [0, (_db, args) => (args.length > 0 ? (args[0] as Bytes) : { status: "PONG" })],
  ECHO: [1, (_db, args) => args[0] as Bytes],
  GET: [1, (db, args) => db.typed(key(args[0] as Bytes), "string")?.value ?? null],
  SET: [2, (db, args, server) => setWithOptions(db, args, server.now())],
  SETEX: [
    3,
    (db, args, server) => setWithOptions(db, [args[0] as Bytes, args[2] as Bytes, encodeText("EX"), args[1] as Bytes], server.now()),
  ],
  SETNX: [2, (db, args, server) => (setWithOptions(db, [...args.slice(0, 2), encodeText("NX")], server.now()) === null ? 0 : 1)],
  GETSET: [
    2,
    (db, args) => {
      const name = key(args[0] as Bytes);
      const old = db.typed(name, "string")?.value ?? null;
      db.set(name, { kind: "string", value: args[1] as Bytes });
      return old;
    },
  ],
  MGET: [
    1,
    (db, args) =>
      args.map((name) => {
        const entry = db.get(key(name));
        return entry?.stored.kind === "string" ? entry.stored.value : null;
      }),
  ],
  MSET: [
    2,
    (db, args) => {
      if (args.length % 2 !== 0) throw new ResponseError("ERR wrong number of arguments for 'mset' command");
      for (let i = 0; i < args.length; i += 2) db.set(key(args[i] as Bytes), { kind: "string", value: args[i + 1] as Bytes });
      return OK;
    },
  ],
  INCR: [1, (db, args) => incrementBy(db, key(args[0] as Bytes), 1)],
  DECR: [1, (db, args) => incrementBy(db, key(args[0] as Bytes), -1)],
  INCRBY: [2, (db, args) => incrementBy(db, key(args[0] as Bytes), integer(args[1]))],
  DECRBY: [2, (db, args) => incrementBy(db, key(args[0] as Bytes), -integer(args[1]))],
  APPEND: [
    2,
    (db, args) => {
      const name = key(args[0] as Bytes);
      const current = db.typed(name, "string")?.value ?? new Bytes(0);
      const value = new Bytes(current.length + (args[1] as Bytes).length);
      value.set(current, 0);
      value.set(args[1] as Bytes, current.length);
      db.set(name, { kind: "string", value }, db.get(name)?.expireAt ?? null);
      return value.length;
    },
  ],
  STRLEN: [1, (db, args) => db.typed(key(args[0] as Bytes), "string")?.value.length ?? 0],
  DEL: [1, (db, args) => args.filter((name) => db.delete(key(name))).length],
  EXISTS: [1, (db, args) => args.filter((name) => db.get(key(name)) !== undefined).length],
  EXPIRE: [
    2,
    (db, args, server) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined) return 0;
      entry.expireAt = server.now() + integer(args[1]);
      return 1;
    },
  ],
  PEXPIRE: [
    2,
    (db, args, server) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined) return 0;
      entry.expireAt = server.now() + integer(args[1]) / 1000;
      return 1;
    },
  ],
  TTL: [
    1,
    (db, args, server) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined) return -2;
      return entry.expireAt === null ? -1 : Math.round(entry.expireAt - server.now());
    },
  ],
  PTTL: [
    1,
    (db, args, server) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined) return -2;
      return entry.expireAt === null ? -1 : Math.round((entry.expireAt - server.now()) * 1000);
    },
  ],
  PERSIST: [
    1,
    (db, args) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined || entry.expireAt === null) return 0;
      entry.expireAt = null;
      return 1;
    },
  ],
  KEYS: [
    1,
    (db, args) => {
      const pattern = globToRegExp(key(args[0] as Bytes));
      return db
        .names()
        .filter((name) => pattern.test(name))
        .map(keyBytes);
    },
  ],
  TYPE: [1, (db, args) => ({ status: db.get(key(args[0] as Bytes))?.stored.kind ?? "none" })],
  RENAME: [
    2,
    (db, args) => {
      const entry = db.get(key(args[0] as Bytes));
      if (entry === undefined) throw new ResponseError("ERR no such key");
      db.delete(key(args[0] as Bytes));
      db.set(key(args[1] as Bytes), entry.stored, entry.expireAt);
      return OK;
    },
  ],
  DBSIZE: [0, (db) => db.names().length],
  FLUSHDB: [
    0,
    (db) => {
      db.clear();
      return OK;
    },
  ],
  FLUSHALL: [
    0,
    (_db, _args, server) => {
      server.flushAll();
      return OK;
    },
  ],
  HSET: [3, (db, args) => hashSet(db, args)],
  HMSET: [
    3,
    (db, args) => {
      hashSet(db, args);
      return OK;
    },
  ],
  HGET: [2, (db, args) => db.typed(key(args[0] as Bytes), "hash")?.value.get(key(args[1] as Bytes)) ?? null],
  HMGET: [
    2,
    (db, args) => {
      const hash = db.typed(key(args[0] as Bytes), "hash");
      return args.slice(1).map((field) => hash?.value.get(key(field)) ?? null);
    },
  ],
  HGETALL: [
    1,
    (db, args) => {
      const hash = db.typed(key(args[0] as Bytes), "hash");
      return [...(hash?.value ?? new Map<string, Bytes>())].flatMap(([field, value]) => [keyBytes(field), value]);
    },
  ],
  HDEL: [
    2,
    (db, args) => {
      const name = key(args[0] as Bytes);
      const hash = db.typed(name, "hash");
      if (hash === undefined) return 0;
      const removed = args.slice(1).filter((field) => hash.value.delete(key(field))).length;
      db.dropIfEmpty(name);
      return removed;
    },
  ],
  HEXISTS: [2, (db, args) => (db.typed(key(args[0] as Bytes), "hash")?.value.has(key(args[1] as Bytes)) ? 1 : 0)],
  HKEYS: [1, (db, args) => [...(db.typed(key(args[0] as Bytes), "hash")?.value.keys() ?? [])].map(keyBytes)],
  HVALS: [1, (db, args) => [...(db.typed(key(args[0] as Bytes), "hash")?.value.values() ?? [])]],
  HLEN: [1, (db, args) => db.typed(key(args[0] as Bytes), "hash")?.value.size ?? 0],
  HINCRBY: [
    3,
    (db, args) => {
      const hash = db.collection(key(args[0] as Bytes), "hash");
      const field = key(args[1] as Bytes);
      const current = hash.value.get(field);
      const value = (current === undefined ? 0 : integer(current)) + integer(args[2]);
      hash.value.set(field, encodeText(String(value)));
      return value;
    },
  ],
  LPUSH: [2, (db, args, server) => push(db, args, server, true)],
  RPUSH: [2, (db, args, server) => push(db, args, server, false)],
  LPOP: [1, (db, args) => pop(db, key(args[0] as Bytes), true)],
  RPOP: [1, (db, args) => pop(db, key(args[0] as Bytes), false)],
  LLEN: [1, (db, args) => db.typed(key(args[0] as Bytes), "list")?.value.length ?? 0],
  LINDEX: [
    2,
    (db, args) => {
      const list = db.typed(key(args[0] as Bytes), "list")?.value ?? [];
      const index = integer(args[1]);
      return list[index < 0 ? list.length + index : index] ?? null;
    },
  ],
  LRANGE: [
    3,
    (db, args) => {
      const list = db.typed(key(args[0] as Bytes), "list")?.value ?? [];
      const [from, to] = range(list.length, integer(args[1]), integer(args[2]));
      return list.slice(from, to + 1);
    },
  ],
  SADD: [
    2,
    (db, args) => {
      const set = db.collection(key(args[0] as Bytes), "set");
      let added = 0;
      for (const member of args.slice(1)) {
        if (!set.value.has(key(member))) added++;
        set.value.set(key(member), member);
      }
      return added;
    },
  ],
  SREM: [
    2,
    (db, args) => {
      const name = key(args[0] as Bytes);
      const set = db.typed(name, "set");
      if (set === undefined) return 0;
      const removed = args.slice(1).filter((member) => set.value.delete(key(member))).length;
      db.dropIfEmpty(name);
      return removed;
    },
  ],
  SMEMBERS: [1, (db, args) => [...(db.typed(key(args[0] as Bytes), "set")?.value.values() ?? [])]],
  SISMEMBER: [2, (db, args) => (db.typed(key(args[0] as Bytes), "set")?.value.has(key(args[1] as Bytes)) ? 1 : 0)],
  SCARD: [1, (db, args) => db.typed(key(args[0] as Bytes), "set")?.value.size ?? 0],
};

export const DATABASES = 16;

export class RedisServer {
  private readonly databases: RedisDatabase[];
  private readonly blocked = new Map<RedisDatabase, BlockedPop[]>();

  constructor(readonly now: () => number) {
    this.databases = Array.from({ length: DATABASES }, () => new RedisDatabase(now));
  }

  database(index: number): RedisDatabase {
    const db = this.databases[index];
    if (db === undefined) throw new ResponseError("ERR DB index is out of range");
    return db;
  }

  /** Runs one command at once; throws ResponseError as Redis answers errors. */
  execute(dbIndex: number, name: string, args: Bytes[]): Reply {
    const command = COMMANDS[name.toUpperCase()];
    if (command === undefined) {
      throw new ResponseError(
        `ERR unknown command '${name}', with args beginning with: ${args
          .slice(0, 3)
          .map((arg) => `'${decodeBytes(arg, "latin-1")}'`)
          .join(" ")}`,
      );
    }
    arity(name, args, command[0]);
    return command[1](this.database(dbIndex), args, this);
  }

  /** BLPOP/BRPOP: pops from the first non-empty list, or parks until a push serves it. */
  blockingPop(dbIndex: number, keys: string[], left: boolean, deliver: (reply: Reply) => void): BlockedPop | null {
    const db = this.database(dbIndex);
    for (const name of keys) {
      const value = pop(db, name, left);
      if (value !== null) {
        deliver([keyBytes(name), value]);
        return null;
      }
    }
    const waiter: BlockedPop = { keys, left, deliver };
    const waiting = this.blocked.get(db) ?? [];
    waiting.push(waiter);
    this.blocked.set(db, waiting);
    return waiter;
  }

  unblock(dbIndex: number, waiter: BlockedPop): void {
    const waiting = this.blocked.get(this.database(dbIndex));
    const index = waiting?.indexOf(waiter) ?? -1;
    if (index !== -1) waiting?.splice(index, 1);
  }

  /** After a push: the clients blocked on that list, first come first served. */
  serveBlocked(db: RedisDatabase, name: string): void {
    const waiting = this.blocked.get(db);
    if (waiting === undefined) return;
    for (const waiter of [...waiting]) {
      if (!waiter.keys.includes(name)) continue;
      const value = pop(db, name, waiter.left);
      if (value === null) return;
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.deliver([keyBytes(name), value]);
    }
  }

  flushAll(): void {
    for (const db of this.databases) db.clear();
  }
}
