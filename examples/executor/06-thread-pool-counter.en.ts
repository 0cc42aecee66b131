import asyncio from "asyncio";
import time from "time";

let num = 0;

function test(i: number) {
  for (let _ = 0; _ < 10000000; _++) {
    num += i;
  }
}

function main() {
  {
    // concurrent.futures.ThreadPoolExecutor is asyncio.ThreadPoolExecutor in Looplab
    using executor = asyncio.ThreadPoolExecutor();
    print("start submit...");
    const future1 = executor.submit(test, 1);
    const future2 = executor.submit(test, -1);
    // concurrent.futures.wait([future1, future2]): Looplab has no such function; waiting for both results does the same
    future1.result(); // wait some time
    future2.result();
    print("end submit...");
  }
  print(num);
}

const start_time = time.time();
main();
print(`time:${time.time() - start_time}`);
