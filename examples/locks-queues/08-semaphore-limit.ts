import asyncio from "asyncio";

async function fetch(i: number) {
  print(`fetch ${i} at ${asyncio.getRunningLoop().time()}`);
  await asyncio.sleep(1);
}

async function main() {
  // 限制并发数为3
  const sem = asyncio.Semaphore(3);
  async function limited(i: number) {
    await asyncio.asyncWith(sem, async () => {
      // 超过3个协程将在此等待
      await fetch(i);
    });
  }
  await asyncio.gather(...Array.from({ length: 7 }, (_, i) => limited(i)));
}

asyncio.run(main());
