// contextvars (PEP 567) and asyncio's tasks: each task runs in a copy of its creator's context
// (CPython Lib/test/test_context.py, test_asyncio/test_context.py and
// test_tasks.BaseTaskTests.test_context_1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("each task runs in a copy of its creator's context: what it sets stays its own (test_tasks.BaseTaskTests.test_context_1, test_context_3)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import { ContextVar } from "contextvars";
    const requestId = new ContextVar("request_id", { default: "-" });
    async function handle(id: string) {
      requestId.set(id);
      await asyncio.sleep(0.1);
      await log("handled");
    }
    async function log(what: string) { print(requestId.get(), what); }
    async function main() {
      requestId.set("main");
      await asyncio.gather(handle("a"), handle("b"));
      const child = asyncio.createTask(log("child sees its creator's value"));
      requestId.set("changed after");
      await child;
      print(requestId.get());
    }
    print(requestId.get());
    asyncio.run(main());
    print(requestId.get());
  `);
  assert.equal(stdout, ["-", "a handled", "b handled", "main child sees its creator's value", "changed after", "-", ""].join("\n"));
});

test("ContextVar get, set and reset; copyContext().run; a missing value raises LookupError (test_context.ContextTest.test_context_var_new_1, test_context_getset_1, test_context_run_1)", async () => {
  const { stdout } = await runOk(ts`
    import { ContextVar, copyContext } from "contextvars";
    const name = new ContextVar("name");
    try { name.get(); } catch (e) { print([e]); }
    print(name.get("fallback"), name);
    const token = name.set("first");
    print(name.get(), token.oldValue === token.constructor.MISSING);
    const context = copyContext();
    const inner = context.run(() => { name.set("inside"); return name.get(); });
    print(inner, name.get(), context.get(name), context.size);
    name.reset(token);
    print(name.get(null));
  `);
  assert.equal(
    stdout,
    [
      "[LookupError(\"<ContextVar name='name'>\")]",
      "fallback <ContextVar name='name'>",
      "first True",
      "inside first inside 1",
      "None",
      "",
    ].join("\n"),
  );
});
