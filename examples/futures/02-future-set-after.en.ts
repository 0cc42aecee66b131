import asyncio from "asyncio";

async function set_after(fut: asyncio.Future<string>) {
  await asyncio.sleep(2);
  fut.setResult("666");
}

async function main() {
  // Get the current event loop
  const loop = asyncio.getRunningLoop();
  // Create a task (a Future object) bound to no behaviour: on its own it never knows when it is finished.
  const fut = loop.createFuture();
  // Create a task (a Task object) bound to the function set_after, which gives fut a value after 2s.
  // That is, it sets the future's final result by hand, and then fut can finish.
  await loop.createTask(set_after(fut));
  // Wait for the Future object to get its final result, or wait for ever
  const data = await fut;
  print(data);
}

asyncio.run(main());
