import asyncio from "asyncio";

async function func1(i: number) {
  print(`协程函数${i} 马上执行`);
  await asyncio.sleep(2);
  print(`协程函数${i} 执行完毕!`);
}

async function main() {
  const tasks = [];
  for (let i = 1; i < 5; i++) {
    // No tasks are created from the coroutine function here
    tasks.push(func1(i));
  }
  // gather wraps the list of coroutines in tasks itself
  await asyncio.gather(...tasks);
}

asyncio.run(main());
