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

// old main
function main() {
  // concurrent.futures.ThreadPoolExecutor is asyncio.ThreadPoolExecutor in Looplab
  using pool = asyncio.ThreadPoolExecutor();
  // Note: this future is not the same thing as asyncio.future
  const future = pool.submit(test, 5);
  const result = future.result();
  print(result);
}

const start_time = time.time();
main(); // old
print(time.time() - start_time);
