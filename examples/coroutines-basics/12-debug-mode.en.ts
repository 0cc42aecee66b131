import asyncio from "asyncio";

async function main() {
  print(asyncio.getRunningLoop().getDebug());
}

asyncio.run(main(), { debug: true }); // Show detailed stack traces
