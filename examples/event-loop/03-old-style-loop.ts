import asyncio from "asyncio";

async function test() {
  print("start ...");
  await asyncio.sleep(2);
  print("end ...");
}

// 如果你用`get_running_loop`就不要和`loop.run_until_complete`混用
const loop = asyncio.getEventLoop();
loop.runUntilComplete(test());
