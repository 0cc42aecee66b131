import asyncio from "asyncio";

async function fetch(i: number) {
  print(`fetch ${i} at ${asyncio.getRunningLoop().time()}`);
  await asyncio.sleep(1);
}

async function main() {
  // At most 3 at a time
  const sem = asyncio.Semaphore(3);
  async function limited(i: number) {
    await asyncio.asyncWith(sem, async () => {
      // Beyond 3, coroutines wait here
      await fetch(i);
    });
  }
  await asyncio.gather(...Array.from({ length: 7 }, (_, i) => limited(i)));
}

asyncio.run(main());
