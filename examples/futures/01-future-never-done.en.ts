import asyncio from "asyncio";

async function main() {
  // Get the current event loop
  const loop = asyncio.getRunningLoop();
  // Create a task (a Future object) that does nothing at all.
  const fut = loop.createFuture();
  // Wait for the task's final result (the Future); with no result, this waits for ever.
  await fut;
}

asyncio.run(main());
