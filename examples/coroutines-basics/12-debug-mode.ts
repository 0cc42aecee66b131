import asyncio from "asyncio";

async function main() {
  print(asyncio.getRunningLoop().getDebug());
}

asyncio.run(main(), { debug: true }); // 显示详细堆栈
