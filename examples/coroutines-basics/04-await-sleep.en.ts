import asyncio from "asyncio";

async function func() {
  print("执行协程函数内部代码");
  // On an IO operation the current coroutine (task) is suspended, and carries on once the IO is done.
  // While the current coroutine is suspended, the event loop can run other coroutines (tasks).
  const response = await asyncio.sleep(2);
  print("IO请求结束,结果为:", response);
}

const result = func();
asyncio.run(result);
