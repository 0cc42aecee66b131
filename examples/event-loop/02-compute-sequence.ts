import asyncio from "asyncio";

async function compute(x: number, y: number) {
  print(`计算 ${x}+${y}...`);
  await asyncio.sleep(1.0);
  return x + y;
}

async function main(x: number, y: number) {
  const result = await compute(x, y);
  print(`${x}+${y}=${result}`);
}

const loop = asyncio.getEventLoop();
loop.runUntilComplete(main(1, 2));
loop.close();
