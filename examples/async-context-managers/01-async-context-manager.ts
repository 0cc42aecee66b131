import asyncio from "asyncio";

class AsyncContextManager {
  conn: unknown = null;

  async do_something() {
    // 异步操作数据库
    return 666;
  }

  async __aenter__() {
    // 异步链接数据库
    this.conn = await asyncio.sleep(1);
    return this;
  }

  async __aexit__(_exc_type: unknown, _exc: unknown, _tb: unknown) {
    // 异步关闭数据库链接
    await asyncio.sleep(1);
  }
}

async function func() {
  await asyncio.asyncWith(new AsyncContextManager(), async (f) => {
    const result = await f.do_something();
    print(result);
  });
}

asyncio.run(func());
