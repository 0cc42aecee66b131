// asyncio.sleep's coroutine driven by hand: the runtime writes it as a state machine rather than
// a generator (asyncio/sleep.ts), so these pin that it answers send(), throw() and close() as
// CPython's `async def sleep` does. Expected outputs are CPython 3.11's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("sleep(0) driven by hand: one bare yield, then its result; closed, thrown into or finished, it cannot be reused", async () => {
  const { stdout, stderr } = await runOk(ts`
    import asyncio from "asyncio";
    function show(label: string, step: () => unknown) {
      try {
        print(label, "->", step());
      } catch (error: any) {
        if (error.name === "StopIteration") print(label, "-> StopIteration", [error.value]);
        else print(label, "->", [error]);
      }
    }
    let c = asyncio.sleep(0, "r");
    show("send", () => c.send(null));
    show("send again", () => c.send("ignored"));
    show("send after end", () => c.send(null));
    c = asyncio.sleep(0);
    show("throw first", () => c.throw(new RangeError("boom")));
    show("send after throw", () => c.send(null));
    c = asyncio.sleep(0);
    c.send(null);
    show("throw suspended", () => c.throw(new RangeError("late")));
    c = asyncio.sleep(0);
    c.close();
    show("send after close", () => c.send(null));
    c = asyncio.sleep(0);
    c.send(null);
    c.close();
    print("closed ok");
  `);
  assert.equal(
    stdout,
    [
      "send -> None",
      "send again -> StopIteration ['r']",
      "send after end -> [RuntimeError('cannot reuse already awaited coroutine')]",
      "throw first -> [RangeError('boom')]",
      "send after throw -> [RuntimeError('cannot reuse already awaited coroutine')]",
      "throw suspended -> [RangeError('late')]",
      "send after close -> [RuntimeError('cannot reuse already awaited coroutine')]",
      "closed ok",
      "",
    ].join("\n"),
  );
  assert.equal(stderr, "");
});

test("a sleep driven by hand hands out its future; closing it or throwing into it cancels its timer, and a send gets the future's result", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    async function main() {
      const loop = asyncio.getRunningLoop();
      let c = asyncio.sleep(5, "five");
      let future: any = c.send(null);
      print(future instanceof asyncio.Future, future.done());
      c.close();
      try {
        print(await asyncio.waitFor(future, 10));
      } catch (error) {
        print([error], loop.time());
      }
      c = asyncio.sleep(5, "five");
      future = c.send(null);
      try {
        c.throw(new RangeError("k"));
      } catch (error) {
        print("raised", [error]);
      }
      try {
        print(await asyncio.waitFor(future, 10));
      } catch (error) {
        print([error], loop.time());
      }
      c = asyncio.sleep(5, "five");
      c.send(null);
      try {
        c.send("early");
      } catch (error) {
        print([error]);
      }
      c = asyncio.sleep(5, "five");
      c.send(null);
      await asyncio.sleep(6);
      try {
        c.send("sent");
      } catch (error: any) {
        print("stop", error.value, loop.time());
      }
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    [
      "True False",
      "[TimeoutError()] 10",
      "raised [RangeError('k')]",
      "[TimeoutError()] 20",
      `[RuntimeError("await wasn't used with future")]`,
      "stop five 26",
      "",
    ].join("\n"),
  );
});
