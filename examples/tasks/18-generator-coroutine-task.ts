import asyncio from "asyncio";
import time from "time";

// 不是协程就加个装饰器
// (Python 3.11 删掉了 @asyncio.coroutine;Looplab 里生成器函数本身就是旧式协程,不用装饰)
function* test() {
  print("this is a test");
}

async function test_async() {
  print("this is a async test");
  await asyncio.sleep(1);
}

async function main() {
  // 传入一个协程对象,返回一个task
  const task1 = asyncio.createTask(test());
  const task2 = asyncio.createTask(test_async());
  await asyncio.gather(task1, task2);
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
