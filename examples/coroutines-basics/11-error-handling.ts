import asyncio from "asyncio";

async function risky_operation() {
  await asyncio.sleep(1);
  throw new Error("connection reset");
}

async function main() {
  // 协程内未捕获的异常会传播到调用者
  try {
    await risky_operation();
  } catch (e) {
    print("Caught:", e);
  }
}

asyncio.run(main());
