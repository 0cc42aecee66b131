import asyncio from "asyncio";
import time from "time";

// concurrent.futures.ThreadPoolExecutor is asyncio.ThreadPoolExecutor in Looplab

function func(value: number) {
  time.sleep(1);
  print(value);
}

const pool = asyncio.ThreadPoolExecutor({ maxWorkers: 5 });
// or pool = ProcessPoolExecutor(max_workers=5)
for (let i = 0; i < 10; i++) {
  const fut = pool.submit(func, i);
  print(fut);
}
