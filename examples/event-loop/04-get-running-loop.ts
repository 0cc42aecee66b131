import asyncio from "asyncio";

async function test() {
  print("start ...");
  await asyncio.sleep(2);
  print("end ...");
}

async function main() {
  // 这种方式获取loop:`asyncio.get_running_loop()`和`asyncio.run()`成对出现
  const loop = asyncio.getRunningLoop();
  print(loop.isRunning());
  await test();
}

asyncio.run(main());
