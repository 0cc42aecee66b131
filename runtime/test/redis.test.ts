// The aioredis module against the in-sandbox Redis servers: commands and their Python values,
// errors, expiry on the virtual clock, blocking pops, pipelines, and round trips (docs/network.md).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput } from "./run-ok.js";

test("aioredis 1.x: create_redis_pool connects in one round trip, each command costs another, hmset_dict/hgetall with an encoding", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const redis = await aioredis.createRedisPool("redis://77.95.4.197:6379", { password: "123456" });
        print("connected at", loop.time());
        print(await redis.hmsetDict("car", { key1: 1, key2: 2, key3: 3 }), loop.time());
        print(await redis.hgetall("car", { encoding: "utf-8" }), loop.time());
        print(await redis.hgetall("car"));
        print(await redis.execute("hget", "car", "key1"), await redis.hmget("car", "key1", "nope", { encoding: "utf-8" }));
        redis.close();
        await redis.waitClosed();
        print("closed at", loop.time());
      }
      asyncio.run(main());
    `,
    "connected at 0.1\nTrue 0.2\n{'key1': '1', 'key2': '2', 'key3': '3'} 0.3\n{b'key1': b'1', b'key2': b'2', b'key3': b'3'}\nb'1' ['1', None]\nclosed at 0.6\n",
  );
});

test("aioredis 2.x: from_url connects on the first command; strings, counters, hashes, lists, sets and keys give Python's values", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const redis = aioredis.fromUrl("redis://localhost", { decodeResponses: true });
        print(await redis.set("greeting", "hello"), loop.time());
        print(await redis.get("greeting"), await redis.get("missing"), loop.time());
        print(await redis.incr("counter"), await redis.incrby("counter", 10), await redis.decr("counter"));
        print(await redis.hset("user:1", { mapping: { name: "Ada", age: 36 } }), await redis.hgetall("user:1"), await redis.hget("user:1", "name"));
        print(await redis.lpush("jobs", "a", "b"), await redis.rpush("jobs", "c"), await redis.lrange("jobs", 0, -1), await redis.llen("jobs"));
        print(await redis.keys("*"), await redis.keys("user:*"), await redis.exists("jobs", "nope"), await redis.delete("jobs", "nope"));
        print(await redis.sadd("tags", "a", "b", "a"), await redis.smembers("tags"), await redis.sismember("tags", "c"));
        const raw = aioredis.Redis({ host: "localhost" });
        print(await raw.get("greeting"), await raw.hgetall("user:1"), await raw.type("tags"), await raw.ping());
        await redis.close();
      }
      asyncio.run(main());
    `,
    "True 0.002\n" +
      "hello None 0.004\n" +
      "1 11 10\n" +
      "2 {'name': 'Ada', 'age': '36'} Ada\n" +
      "2 3 ['b', 'a', 'c'] 3\n" +
      "['greeting', 'counter', 'user:1', 'jobs'] ['user:1'] 1 1\n" +
      "2 {'a', 'b'} False\n" +
      "b'hello' {b'name': b'Ada', b'age': b'36'} b'set' b'PONG'\n",
  );
});

test("Redis errors: wrong type, not an integer, unknown command, a value Redis cannot store, a closed client, a failing host", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      import network from "network";
      async function main() {
        const redis = aioredis.fromUrl("redis://cache.example:6379/2", { decodeResponses: true });
        await redis.set("name", "value");
        try { await redis.incr("name"); } catch (e) { print([e], e instanceof aioredis.RedisError); }
        try { await redis.lpush("name", "x"); } catch (e) { print([e]); }
        try { await redis.execute("NOPE", "a"); } catch (e) { print([e]); }
        try { await redis.set("flag", true); } catch (e) { print([e]); }
        network.setFailureRate("cache.example", 1);
        try { await redis.get("name"); } catch (e) { print([e], e instanceof aioredis.ConnectionError); }
        await redis.close();
        try { await redis.get("name"); } catch (e) { print([e]); }
        try { aioredis.fromUrl("http://localhost"); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "[ResponseError('ERR value is not an integer or out of range')] True\n" +
      "[ResponseError('WRONGTYPE Operation against a key holding the wrong kind of value')]\n" +
      "[ResponseError(\"ERR unknown command 'NOPE', with args beginning with: 'a'\")]\n" +
      `[DataError("Invalid input of type: 'bool'. Convert to a bytes, string, int or float first.")]\n` +
      "[ConnectionError('Connection closed by server.')] True\n" +
      "[ConnectionError('Connection closed')]\n" +
      "[ValueError('Redis URL must specify one of the following schemes (redis://, rediss://, unix://): http://localhost')]\n",
  );
});

test("keys expire on the virtual clock: set with ex, expire, ttl, persist", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      async function main() {
        const redis = aioredis.fromUrl("redis://localhost", { decodeResponses: true });
        print(await redis.set("session", "abc", { ex: 10 }), await redis.ttl("session"), await redis.ttl("missing"));
        await redis.set("forever", "x");
        print(await redis.ttl("forever"), await redis.expire("forever", 30), await redis.persist("forever"), await redis.ttl("forever"));
        await asyncio.sleep(9);
        print(await redis.get("session"), await redis.ttl("session"));
        await asyncio.sleep(1);
        print(await redis.get("session"), await redis.exists("session"), await redis.keys("*"));
      }
      asyncio.run(main());
    `,
    "True 10 -2\n-1 True True -1\nabc 1\nNone 0 ['forever']\n",
  );
});

test("each command costs a round trip: ten sequential INCRs take ten, ten concurrent ones one, a pipeline of ten one", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      import network from "network";
      const round = (seconds) => Math.round(seconds * 1e6) / 1e6;
      async function main() {
        const loop = asyncio.getRunningLoop();
        network.setLatency("redis.example", 0.05);
        const redis = await aioredis.createRedisPool("redis://redis.example", { encoding: "utf-8" });
        let start = loop.time();
        for (let i = 0; i < 10; i++) await redis.incr("sequential");
        print("sequential", await redis.get("sequential"), round(loop.time() - start));
        start = loop.time();
        await asyncio.gather(...Array.from({ length: 10 }, () => redis.incr("concurrent")));
        print("concurrent", round(loop.time() - start));
        start = loop.time();
        const pipe = redis.pipeline();
        for (let i = 0; i < 10; i++) pipe.incr("piped");
        const replies = await pipe.execute();
        print("pipeline", replies.at(-1), round(loop.time() - start));
      }
      asyncio.run(main());
    `,
    "sequential 10 0.55\nconcurrent 0.05\npipeline 10 0.05\n",
  );
});

test("BLPOP waits on the server until another client pushes; BRPOP gives None after its timeout", async () => {
  await expectOutput(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const consumer = aioredis.fromUrl("redis://localhost", { decodeResponses: true });
        const producer = aioredis.fromUrl("redis://localhost", { decodeResponses: true });
        const waiting = asyncio.createTask(consumer.blpop("queue", 5));
        await asyncio.sleep(1);
        await producer.rpush("queue", "job-1");
        print(await waiting, loop.time());
        print(await consumer.brpop(["queue"], { timeout: 2 }), loop.time());
      }
      asyncio.run(main());
    `,
    "('queue', 'job-1') 1.002\nNone 3.003\n",
  );
});

test("each address has its own server; a task waiting on Redis shows the command on the timeline", async () => {
  const { stdout, events, error } = await runSnippet(
    ts`
      import aioredis from "aioredis";
      import asyncio from "asyncio";
      async function main() {
        const one = await aioredis.createRedisPool(["10.0.0.1", 6379], { encoding: "utf-8" });
        const two = await aioredis.createRedisPool("redis://10.0.0.2", { encoding: "utf-8" });
        await one.set("where", "one");
        print(await one.get("where"), await two.get("where"));
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "one None\n");
  const labels = events.flatMap((event) =>
    event.type === "task-state" && event.waitingOn?.kind === "network" ? [event.waitingOn.label] : [],
  );
  assert.deepEqual(labels, [
    "connect redis 10.0.0.1:6379 (0.1s round trip)",
    "connect redis 10.0.0.2:6379 (0.1s round trip)",
    "redis 10.0.0.1:6379: SET where one (0.1s round trip)",
    "redis 10.0.0.1:6379: GET where (0.1s round trip)",
    "redis 10.0.0.2:6379: GET where (0.1s round trip)",
  ]);
});
