// Every run's context is restored from one snapshot of an engine that evaluated the guest
// bundle, or is a finished run's engine reset to it (src/engine/engine-snapshot.ts). A run that pollutes everything it can reach must
// leave nothing for the next run on the same worker, and a restored engine must still enforce
// the limits.

import assert from "node:assert/strict";
import { test } from "node:test";
import { WorkerPool } from "../src/pool/worker-pool.js";
import { collect, ts } from "./helpers.js";

/** What a run can reach: the builtins, the snippet globals, the runtime's modules and classes. */
const TARGETS = ts`
  import asyncio from "asyncio";
  import random from "random";
  import time from "time";
  const targets: [string, object][] = [
    ["globalThis", globalThis], ["Object.prototype", Object.prototype], ["Object", Object],
    ["Array.prototype", Array.prototype], ["Function.prototype", Function.prototype],
    ["String.prototype", String.prototype], ["Error.prototype", Error.prototype],
    ["Promise", Promise], ["Promise.prototype", Promise.prototype], ["JSON", JSON], ["Math", Math],
    ["Symbol", Symbol], ["Reflect", Reflect], ["console", console],
    ["asyncio", asyncio], ["random", random], ["time", time],
    ["asyncio.Queue.prototype", asyncio.Queue.prototype], ["asyncio.Lock.prototype", asyncio.Lock.prototype],
    ["asyncio.Future.prototype", asyncio.Future.prototype], ["asyncio.Task.prototype", asyncio.Task.prototype],
    ["asyncio.Event.prototype", asyncio.Event.prototype],
  ];
`;

/** Prints every own property of every target (a function by its source) and what a small program does. */
const PROBE = ts`
  ${TARGETS}
  for (const [name, target] of targets) {
    const parts = Reflect.ownKeys(target).map(String).sort().map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      const value = descriptor === undefined ? undefined : "value" in descriptor ? descriptor.value : descriptor.get;
      const shown = typeof value === "function" ? String(value).slice(0, 80) : typeof value === "object" && value !== null ? "object" : String(value);
      return key + (descriptor?.writable === false ? " (read-only)" : "") + " = " + shown;
    });
    print(name, Object.isFrozen(target), parts.join("; "));
  }
  async function worker(queue: asyncio.Queue<number>, lock: asyncio.Lock, id: number) {
    const item = await queue.get();
    await lock.acquire();
    try {
      await asyncio.sleep(id);
      return [id, item * 2];
    } finally {
      lock.release();
    }
  }
  async function main() {
    const queue = new asyncio.Queue<number>();
    const lock = new asyncio.Lock();
    for (const item of [3, 1, 2]) queue.putNowait(item);
    print(JSON.stringify(await asyncio.gather(...[1, 2, 3].map((id) => worker(queue, lock, id)))));
    print(asyncio.getRunningLoop().time(), random.random(), [3, 1, 2].sort().join(), Math.max(1, 5), JSON.stringify({ a: [1] }));
  }
  asyncio.run(main());
`;

/** Adds a property to every target, replaces every function it can, then freezes the builtins. */
const POLLUTER = ts`
  ${TARGETS}
  const freeze = Object.freeze;
  const polluted = () => "polluted";
  (globalThis as Record<string, unknown>).leaked = "from the previous run";
  random.seed(12345);
  asyncio.run(asyncio.sleep(5));
  for (const [, target] of targets) {
    try { (target as Record<string, unknown>).polluted = "from the previous run"; } catch {}
    for (const key of Reflect.ownKeys(target)) {
      try {
        const descriptor = Object.getOwnPropertyDescriptor(target, key);
        if (descriptor !== undefined && typeof descriptor.value === "function") (target as Record<PropertyKey, unknown>)[key] = polluted;
      } catch {}
      try { if (key !== "polluted" && key !== "leaked") delete (target as Record<PropertyKey, unknown>)[key]; } catch {}
    }
  }
  for (const [, target] of targets) try { freeze(target); } catch {}
`;

// With no spare, the next run's context is restored into a new engine after the polluter ended;
// with one, the polluter's own engine is reset to the snapshot and handed to the next run.
for (const [spareContexts, how] of [
  [0, "restored into a new engine"],
  [1, "the polluter's engine reset"],
] as const) {
  test(`a run that pollutes every builtin, global and module leaves nothing for the next run on its worker (${how})`, async () => {
    const pool = new WorkerPool({ workers: 1, spareContexts });
    try {
      const before = await collect(PROBE, { pool });
      assert.equal(before.end.reason, "completed", before.stderr);
      assert.match(before.stdout, /\[\[1,6\],\[2,2\],\[3,4\]\]/);
      const polluter = await collect(POLLUTER, { pool });
      // The pollution took: the runtime it broke could not even end its own run cleanly.
      assert.deepEqual([polluter.end.reason, polluter.end.counters.virtualSeconds], ["error", 5]);
      const after = await collect(PROBE, { pool });
      assert.equal(after.end.reason, "completed", after.stderr);
      assert.equal(after.stdout, before.stdout);
      assert.doesNotMatch(after.stdout, /polluted|previous run/);
    } finally {
      await pool.close();
    }
  });
}

test("a restored engine still enforces the CPU and memory limits, and stops at a stack overflow", async () => {
  const pool = new WorkerPool({ workers: 1, spareContexts: 1 });
  try {
    const cpu = await collect(`let n = 0;\nfor (;;) n++;`, { pool, limits: { cpuMs: 300 } });
    assert.deepEqual([cpu.end.reason, cpu.end.limit], ["limit", "cpu"]);
    const memory = await collect(`const blocks = [];\nfor (;;) blocks.push(new Float64Array(1 << 20));`, {
      pool,
      limits: { memoryBytes: 32 * 1024 * 1024 },
    });
    assert.deepEqual([memory.end.reason, memory.end.limit], ["limit", "memory"]);
    const stack = await collect(`function deeper(n: number): number { return deeper(n + 1) + 1; }\ndeeper(0);`, { pool });
    assert.deepEqual([stack.end.reason, stack.end.limit], ["limit", "stack"]);
    const next = await collect(`print("next");`, { pool });
    assert.deepEqual([next.stdout, next.end.reason], ["next\n", "completed"]);
  } finally {
    await pool.close();
  }
});
