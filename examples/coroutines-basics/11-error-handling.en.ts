import asyncio from "asyncio";

async function risky_operation() {
  await asyncio.sleep(1);
  throw new Error("connection reset");
}

async function main() {
  // An exception not caught inside a coroutine propagates to its caller
  try {
    await risky_operation();
  } catch (e) {
    print("Caught:", e);
  }
}

asyncio.run(main());
