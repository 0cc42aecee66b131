import asyncio from "asyncio";

async function fetch() {
  await asyncio.sleep(1);
  return "data";
}

async function main() {
  const loop = asyncio.getRunningLoop();
  const task = asyncio.createTask(fetch()); // Wrap the coroutine in a Task
  const future = loop.createFuture(); // Create a Future by hand
  loop.callLater(2, () => future.setResult("future data"));
  print(await task);
  print(await future);
  print(loop.time());
}

asyncio.run(main());
