import asyncio from "asyncio";

async function func() {
  print("你好");
}

const result = func();
// Way 1
const loop = asyncio.getEventLoop();
loop.runUntilComplete(result);
