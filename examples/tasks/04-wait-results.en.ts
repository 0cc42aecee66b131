import asyncio from "asyncio";

async function func1(i: number) {
  print(`协程函数${i}马上执行。`);
  await asyncio.sleep(2);
  return i;
}

async function main() {
  const tasks = [];
  for (let i = 1; i < 5; i++) {
    tasks.push(asyncio.createTask(func1(i)));
  }
  // Get the tasks' results
  const [done, _pending] = await asyncio.wait(tasks);
  for (const task of done) {
    print(`执行结果: ${task.result()}`);
  }
}

asyncio.run(main());
