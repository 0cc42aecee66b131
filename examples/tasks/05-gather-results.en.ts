import asyncio from "asyncio";

async function func1(i: number) {
  print(`协程函数${i}马上执行。`);
  await asyncio.sleep(2);
  return i;
}

async function main() {
  const tasks = [];
  for (let i = 1; i < 5; i++) {
    tasks.push(func1(i));
  }
  // gather wraps the list of coroutines in tasks itself
  const results = await asyncio.gather(...tasks);
  for (const res of results) {
    print("-------------res", res);
  }
}

asyncio.run(main());
