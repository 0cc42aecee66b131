import { ThreadPoolExecutor } from "concurrent.futures";
import time from "time";

function func(value: number) {
  time.sleep(1);
  print(value);
}

const pool = ThreadPoolExecutor({ maxWorkers: 5 });
// 或 pool = ProcessPoolExecutor(max_workers=5)
for (let i = 0; i < 10; i++) {
  const fut = pool.submit(func, i);
  print(fut);
}
