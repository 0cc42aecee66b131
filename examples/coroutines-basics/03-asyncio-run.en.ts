import asyncio from "asyncio";

async function func() {
  print("你好");
}

const result = func();
// Way 2
asyncio.run(result); // the Python 3.7 way
