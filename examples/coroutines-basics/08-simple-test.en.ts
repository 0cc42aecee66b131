import asyncio from "asyncio";
import time from "time";

// Simulate a slow operation
async function test() {
  print("start...");
  // The old blocking sleep cannot be used any more
  await asyncio.sleep(2);
  print("end...");
  return "ok";
}

const start_time = time.time();
// # >=python3.4
// # get asyncio's event loop
// loop = asyncio.get_event_loop()
// # run the event loop until the given future is done, and return its result
// result = loop.run_until_complete(test())
// print(result)

// python3.7
const result = asyncio.run(test());
print(result);
print(time.time() - start_time);
