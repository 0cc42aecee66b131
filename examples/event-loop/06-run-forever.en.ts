import asyncio from "asyncio";
import time from "time";

// Callbacks are usually plain functions
function test(name: string) {
  print(name);
}

const start_time = time.time();
const loop = asyncio.getEventLoop();

// Newer versions limit the delay to at most 24h (so nobody abuses it as a job scheduler)
// The callbacks are first sorted by time, then run in batches
const task4 = loop.callLater(4, test, "task2-4");
loop.callLater(2, test, "task2-2");
loop.callLater(3, test, "task2-3");
loop.callLater(1, test, "task2-1");
// Test cancelling
task4.cancel();
// close drops the pending callbacks outright and closes the loop
loop.callLater(4, () => loop.stop()); // Stop once the callbacks have run: loop.stop()

// run runs run_until_complete inside, and run_until_complete runs run_forever inside
loop.runForever();
print(time.time() - start_time);
