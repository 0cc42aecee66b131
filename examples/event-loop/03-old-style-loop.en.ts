import asyncio from "asyncio";

async function test() {
  print("start ...");
  await asyncio.sleep(2);
  print("end ...");
}

// If you use `get_running_loop`, do not mix it with `loop.run_until_complete`
const loop = asyncio.getEventLoop();
loop.runUntilComplete(test());
