import asyncio from "asyncio";
import time from "time";

let num = 0;

function test(i: number) {
  for (let _ = 0; _ < 10000000; _++) {
    num += i;
  }
}

async function main() {
  // Get the current loop
  const loop = asyncio.getRunningLoop();
  {
    // concurrent.futures.ThreadPoolExecutor is asyncio.ThreadPoolExecutor in Looplab
    using executor = asyncio.ThreadPoolExecutor();
    print("start submit...");
    const future1 = loop.runInExecutor(executor, test, 1);
    const future2 = loop.runInExecutor(executor, test, -1);
    // await asyncio.wait([future1,future2])
    await asyncio.gather(future1, future2);
    print("end submit...");
  }
  print(num);
}

const start_time = time.time();
asyncio.run(main());
print(`time:${time.time() - start_time}`);
