import asyncio from "asyncio";

/** A custom async iterator (which is also an async iterable) */
class Reader {
  count = 0;

  async readline() {
    // await asyncio.sleep(1)
    this.count += 1;
    if (this.count === 100) {
      return null;
    }
    return this.count;
  }

  __aiter__() {
    return this;
  }

  async __anext__() {
    const val = await this.readline();
    if (val === null) {
      throw new asyncio.StopAsyncIteration();
    }
    return val;
  }
}

async function func() {
  // Create the async iterable
  const async_iter = new Reader();
  // async for must be inside an async def function, or it is a syntax error.
  for await (const item of asyncio.aiter(async_iter)) {
    print(item);
  }
}

asyncio.run(func());
