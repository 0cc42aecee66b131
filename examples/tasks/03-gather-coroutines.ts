import asyncio from "asyncio";

async function func1(i: number) {
  print(`协程函数${i} 马上执行`);
  await asyncio.sleep(2);
  print(`协程函数${i} 执行完毕!`);
}

async function main() {
  const tasks = [];
  for (let i = 1; i < 5; i++) {
    // 这里未由协程函数创建协程任务
    tasks.push(func1(i));
  }
  // gather自动将函数列表封装成了协程任务
  await asyncio.gather(...tasks);
}

asyncio.run(main());
