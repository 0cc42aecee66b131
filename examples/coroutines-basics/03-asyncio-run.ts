import asyncio from "asyncio";

async function func() {
  print("你好");
}

const result = func();
// 方式2
asyncio.run(result); // python3.7写法
