import asyncio from "asyncio";

async function fetch(i: number) {
  await asyncio.sleep(i);
  return i;
}

async function main() {
  let tasks = [1, 2, 3].map((i) => asyncio.createTask(fetch(i)));
  // gather returns the results in order
  const results = await asyncio.gather(...tasks); // returns once every task is done
  print(results);

  tasks = [1, 2, 3].map((i) => asyncio.createTask(fetch(i)));
  // wait can take a timeout: fetch(2) and the timeout both fall due at 2 seconds; the timeout was scheduled first, so it fires first and fetch(2) is still in pending
  const [done, pending] = await asyncio.wait(tasks, { timeout: 2 });
  print(done.size, pending.size);
}

asyncio.run(main());
