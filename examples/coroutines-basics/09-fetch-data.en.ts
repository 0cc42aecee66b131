import asyncio from "asyncio";

async function fetch() {
  return "data";
}

const coro = fetch(); // Here the coroutine is in the CREATED state
print(coro);

async function main() {
  const result = await fetch(); // Suspended until fetch completes
  print(result);
}

const loop = asyncio.getEventLoop();
loop.runUntilComplete(main()); // Start the event loop
