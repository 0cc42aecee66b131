import asyncio from "asyncio";
import time from "time";

function func1() {
  // 某个耗时操作
  time.sleep(2);
  return "OK";
}

async function main() {
  const loop = asyncio.getRunningLoop();
  // 方式1. Run in the default loop's executor ( 默认ThreadPoolExecutor )
  // 第一步:内部会先调用 ThreadPoolExecutor 的 submit 方法去线程池中申请一个线程去执行func1函数,并返回一个concurrent.futures.Future对象
  // 第二步:调用asyncio.wrap_future将concurrent.futures.Future对象包装为asycio.Future对象。
  // 因为concurrent.futures.Future对象不支持await语法,所以需要包装为 asycio.Future对象 才能使用。
  const fut = loop.runInExecutor(null, func1);
  const result = await fut;
  print("default thread pool", result);
  // 方式2. Run in a custom thread pool:
  // with concurrent.futures.ThreadPoolExecutor() as pool:
  //     result = await loop.run_in_executor(
  //         pool, func1)
  //     print('custom thread pool', result)
  // 方式3. Run in a custom process pool:
  // with concurrent.futures.ProcessPoolExecutor() as pool:
  //     result = await loop.run_in_executor(
  //         pool, func1)
  //     print('custom process pool', result)
}

asyncio.run(main());
