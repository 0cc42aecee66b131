import asyncio from "asyncio";

async function work1(i: number) {
  print(`协程函数${i} 马上执行`);
  await asyncio.sleep(2);
  print(`协程函数${i} 执行完毕!`);
}

// Get the event loop
const loop = asyncio.getEventLoop();
// Create the tasks with asyncio.ensure_future
const task = Array.from({ length: 5 }, (_, i) => asyncio.ensureFuture(work1(i)));
// Register the tasks with the event loop
loop.runUntilComplete(asyncio.wait(task));
loop.close();
