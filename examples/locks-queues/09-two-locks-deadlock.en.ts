import asyncio from "asyncio";

// Two locks, two tasks, opposite locking orders: one slip and it deadlocks (seed 003: "with locks guarding the queue and the waiting, one slip and it can deadlock").
// Two locks taken in opposite orders: each task holds one and waits for the other, forever.
const first = new asyncio.Lock();
const second = new asyncio.Lock();

async function take(one: asyncio.Lock, other: asyncio.Lock) {
  await one.acquire();
  // Having taken its first lock it yields, and the other task grabs the other lock meanwhile
  await asyncio.sleep(0.1);
  await other.acquire();
}

async function main() {
  await asyncio.gather(take(first, second), take(second, first));
}

asyncio.run(main());
