import asyncio from "asyncio";

class AsyncContextManager {
  conn: unknown = null;

  async do_something() {
    // Work with the database asynchronously
    return 666;
  }

  async __aenter__() {
    // Connect to the database asynchronously
    this.conn = await asyncio.sleep(1);
    return this;
  }

  async __aexit__(_exc_type: unknown, _exc: unknown, _tb: unknown) {
    // Close the database connection asynchronously
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
