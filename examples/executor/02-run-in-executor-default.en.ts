import asyncio from "asyncio";
import time from "time";

function func1() {
  // some slow operation
  time.sleep(2);
  return "OK";
}

async function main() {
  const loop = asyncio.getRunningLoop();
  // Way 1. Run in the default loop's executor ( the default ThreadPoolExecutor )
  // Step 1: inside, it first calls the ThreadPoolExecutor's submit method to get a thread from the pool to run func1, which returns a concurrent.futures.Future
  // Step 2: it calls asyncio.wrap_future to wrap the concurrent.futures.Future in an asyncio.Future.
  // Because a concurrent.futures.Future does not support await, it has to be wrapped as an asyncio.Future before it can be used.
  const fut = loop.runInExecutor(null, func1);
  const result = await fut;
  print("default thread pool", result);
  // Way 2. Run in a custom thread pool:
  // with concurrent.futures.ThreadPoolExecutor() as pool:
  //     result = await loop.run_in_executor(
  //         pool, func1)
  //     print('custom thread pool', result)
  // Way 3. Run in a custom process pool:
  // with concurrent.futures.ProcessPoolExecutor() as pool:
  //     result = await loop.run_in_executor(
  //         pool, func1)
  //     print('custom process pool', result)
}

asyncio.run(main());
