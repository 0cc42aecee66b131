import asyncio from "asyncio";

async function test() {
  print("start ...");
  await asyncio.sleep(2);
  print("end ...");
}

async function main() {
  // Getting the loop this way: `asyncio.get_running_loop()` goes together with `asyncio.run()`
  const loop = asyncio.getRunningLoop();
  print(loop.isRunning());
  await test();
}

asyncio.run(main());
