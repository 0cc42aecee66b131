import asyncio from "asyncio";
import time from "time";

// 模拟一个耗时操作(Python 的 int 不会溢出,这里用 bigint)。
// 原文是 test(7):10**7 次循环超过沙箱每次运行 2 秒的 CPU 限制,这里用 test(5)。
function test(n: number) {
  let total = 0n;
  for (let i = 0; i < 10 ** n; i++) {
    total += BigInt(i * i);
  }
  return total;
}

// old main
function main() {
  // concurrent.futures.ThreadPoolExecutor 在 Looplab 里是 asyncio.ThreadPoolExecutor
  using pool = asyncio.ThreadPoolExecutor();
  // 注意:future和asyncio.future是不一样的
  const future = pool.submit(test, 5);
  const result = future.result();
  print(result);
}

const start_time = time.time();
main(); // old
print(time.time() - start_time);
