import concurrent from "concurrent.futures";
import time from "time";

let num = 0;

function test(i: number) {
  for (let _ = 0; _ < 10000000; _++) {
    num += i;
  }
}

function main() {
  {
    using executor = concurrent.ThreadPoolExecutor();
    print("start submit...");
    const future1 = executor.submit(test, 1);
    const future2 = executor.submit(test, -1);
    concurrent.wait([future1, future2]); // wait some time
    print("end submit...");
  }
  print(num);
}

const start_time = time.time();
main();
print(`time:${time.time() - start_time}`);
