import asyncio from "asyncio";

async function others() {
  print("start"); // ④ print start
  await asyncio.sleep(2); // ⑤ wait 2 seconds; meanwhile the loop can switch to other coroutines
  print("end"); // ⑥ print end
  return "返回值";
}

async function func() {
  print("执行协程函数内部代码"); // ② run the coroutine function: its print runs
  const response = await others(); // ③ await the coroutine function others
  print(`io请求结束,结果为${response}`); // ⑦ once others has finished, print
}

asyncio.run(func()); // ① put the coroutine function into the event loop and run it
