import asyncio from "asyncio";

/** 自定义异步迭代器(同时也是异步可迭代对象) */
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
  // 创建异步可迭代对象
  const async_iter = new Reader();
  // async for 必须要放在async def函数内,否则语法错误。
  for await (const item of asyncio.aiter(async_iter)) {
    print(item);
  }
}

asyncio.run(func());
