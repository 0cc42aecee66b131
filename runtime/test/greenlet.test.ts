// The greenlet module (greenlet's own src/greenlet/tests/test_greenlet.py and test_throw.py).
// Expected outputs were checked against greenlet 3.5 on CPython, with two translations: a
// switch() resumed with no arguments gives None instead of (), and several arguments arrive
// as a list instead of a tuple.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

async function output(source: string): Promise<string> {
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  return stdout;
}

test("the seeds' test1/test2 example switches 12, 56, 34, 78 and returns to main when test2 ends", async () => {
  const stdout = await output(ts`
    import { greenlet } from "greenlet";
    async function test1() { print(12); await gr2.switch(); print(34); await gr2.switch(); }
    async function test2() { print(56); await gr1.switch(); print(78); }
    const gr1 = greenlet(test1);
    const gr2 = greenlet(test2);
    print(gr1.switch());
    print(gr1.dead, gr2.dead);
  `);
  assert.equal(stdout, "12\n56\n34\n78\nNone\nFalse True\n");
});

test("values pass through switch both ways (test_greenlet.TestGreenlet.test_pass_around)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const seen = [];
    async function f(x, y) {
      seen.push([x, y]);
      seen.push(await getcurrent().parent.switch());
      seen.push(await getcurrent().parent.switch(42));
      return [44, "z"];
    }
    const g = greenlet(f);
    seen.push(g.switch(40, "x"));
    seen.push(g.switch(41, "y"));
    seen.push(g.switch(43));
    seen.push(greenlet(async () => 45).switch());
    seen.push(greenlet(async () => {}).switch());
    print(seen);
  `);
  assert.equal(stdout, "[[40, 'x'], None, [41, 'y'], 42, 43, [44, 'z'], 45, None]\n");
});

test("a greenlet switches to its parent when it ends (test_greenlet.TestGreenlet.test_two_recursive_children)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const seen = [];
    async function child() { seen.push("b"); await getcurrent().parent.switch(); }
    async function outer() {
      seen.push("a");
      await greenlet(child).switch();
      seen.push("c");
    }
    greenlet(outer).switch();
    print(seen);
  `);
  assert.equal(stdout, "['a', 'b', 'c']\n");
});

test("a greenlet ending into a parent that never started starts it with the value (test_falling_off_end_switches_to_unstarted_parent_works)", async () => {
  const stdout = await output(ts`
    import { greenlet } from "greenlet";
    const parent = greenlet(async (x) => [x, 24]);
    const child = greenlet(async () => 42, parent);
    print(child.switch());
    print(child.dead, parent.dead);
  `);
  assert.equal(stdout, "[42, 24]\nTrue True\n");
});

test("an exception in a greenlet is raised in its parent (test_greenlet.TestGreenlet.test_exception_simple)", async () => {
  const stdout = await output(ts`
    import { greenlet } from "greenlet";
    const g = greenlet(async () => { throw new RangeError("oops"); });
    try { g.switch(); } catch (e) { print("caught", [e], g.dead); }
  `);
  assert.equal(stdout, "caught [RangeError('oops')] True\n");
});

test("an exception climbs through re-parented greenlets; dead ones pass switches to their parent (test_greenlet.TestGreenlet.test_exception)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    class SomeError extends Error {}
    const seen = [];
    async function fmain() {
      try {
        await getcurrent().parent.switch();
      } catch (e) {
        seen.push(e.constructor.name);
        throw e;
      }
      throw new SomeError();
    }
    const g1 = greenlet(fmain);
    const g2 = greenlet(fmain);
    g1.switch();
    g2.switch();
    g2.parent = g1;
    try { g2.switch(); } catch (e) { print("raised", e instanceof SomeError); }
    print(seen);
    print(g2.switch(), g2.switch(25), g1.dead, g2.dead);
  `);
  assert.equal(stdout, "raised True\n['SomeError']\nNone 25 True True\n");
});

test("switching to a dead greenlet switches to its parent (test_greenlet.TestGreenlet.test_switch_to_dead_greenlet_reparent)", async () => {
  const stdout = await output(ts`
    import { greenlet } from "greenlet";
    const seen = [];
    const parentNeverStarted = greenlet(async () => { seen.push(24); });
    const child = greenlet(async () => { seen.push(42); });
    child.switch();
    print(seen);
    child.parent = parentNeverStarted;
    print(child.switch());
    print(seen);
  `);
  assert.equal(stdout, "[42]\nNone\n[42, 24]\n");
});

test("throw() raises in the greenlet at its switch, which may catch it (test_throw.ThrowTests.test_class and test_val)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    async function f() {
      try {
        await getcurrent().parent.switch("ok");
      } catch (e) {
        await getcurrent().parent.switch("caught " + e.message);
        return "end";
      }
      await getcurrent().parent.switch("fail");
    }
    let g = greenlet(f);
    print(g.switch());
    print(g.throw(TypeError, "ciao"));
    print(g.switch(), g.dead);
    g = greenlet(f);
    g.switch();
    print(g.throw(new TypeError("instance")));
  `);
  assert.equal(stdout, "ok\ncaught ciao\nend True\ncaught instance\n");
});

test("throw() with no argument kills with GreenletExit, which comes back as a value (test_throw.ThrowTests.test_kill)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent, GreenletExit } from "greenlet";
    async function f() {
      await getcurrent().parent.switch("ok");
      await getcurrent().parent.switch("fail");
    }
    const g = greenlet(f);
    print(g.switch());
    let result = g.throw();
    print(result instanceof GreenletExit, g.dead);
    result = g.throw();
    print(result instanceof GreenletExit);
    const exit = GreenletExit();
    const never = greenlet(async () => print("never runs"));
    print(never.throw(exit) === exit, never.dead);
  `);
  assert.equal(stdout, "ok\nTrue True\nTrue\nTrue True\n");
});

test("throw() into a greenlet that never started kills it before it runs and raises in the parent", async () => {
  const stdout = await output(ts`
    import { greenlet } from "greenlet";
    const g = greenlet(async () => print("never runs"));
    try { g.throw(new RangeError("x")); } catch (e) { print("raised", [e], g.dead); }
  `);
  assert.equal(stdout, "raised [RangeError('x')] True\n");
});

test("throw() goes to the greenlet's parent chain, not to the thrower (test_throw.ThrowTests.test_throw_goes_to_original_parent)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const main = getcurrent();
    async function f1() {
      try {
        await main.switch("f1 ready to catch");
      } catch (e) {
        if (e instanceof RangeError) return "caught";
        throw e;
      }
      return "normal exit";
    }
    async function f2() { await main.switch("from f2"); }
    let g1 = greenlet(f1);
    let g2 = greenlet(f2, g1);
    try { g2.throw(RangeError); } catch (e) { print("RangeError", g1.dead, g2.dead); }
    g1 = greenlet(f1);
    g2 = greenlet(f2, { parent: g1 });
    print(g1.switch());
    print(g2.switch());
    print(g2.throw(RangeError), g1.dead, g2.dead);
  `);
  assert.equal(stdout, "RangeError True True\nf1 ready to catch\nfrom f2\ncaught True True\n");
});

test("parents: main has none, a greenlet's default parent is its creator, cycles are refused (test_greenlet parent tests)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const main = getcurrent();
    print(main.parent, greenlet(async () => {}).parent === main);
    let inner;
    const creator = greenlet(async () => { inner = greenlet(async () => {}); });
    creator.switch();
    print(inner.parent === creator, creator.dead);
    const g1 = greenlet(async () => {});
    const g2 = new greenlet(async () => {});
    const g3 = greenlet(async () => {});
    g1.parent = g2;
    g2.parent = g3;
    try { g3.parent = g1; } catch (e) { print([e]); }
    try { g1.parent = g1; } catch (e) { print([e]); }
    try { main.parent = g1; } catch (e) { print([e]); }
    try { g1.parent = 1; } catch (e) { print([e]); }
  `);
  assert.equal(
    stdout,
    [
      "None True",
      "True True",
      "[ValueError('cyclic parent chain')]",
      "[ValueError('cyclic parent chain')]",
      "[AttributeError('cannot set the parent of a main greenlet')]",
      "[TypeError('GreenletChecker: Expected any type of greenlet, not int')]",
      "",
    ].join("\n"),
  );
});

test("dead and started: a greenlet is not dead before it runs, nor while suspended (test_greenlet.TestGreenlet.test_dead)", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const g = greenlet(async () => {
      print("inside", g.dead, getcurrent() === g);
      await getcurrent().parent.switch();
    });
    print(g.dead, g);
    g.switch();
    print(g.dead, g);
    g.switch();
    print(g.dead, g, getcurrent());
  `);
  assert.equal(
    stdout,
    [
      "False <greenlet.greenlet object greenlet-1 pending>",
      "inside False True",
      "False <greenlet.greenlet object greenlet-1 suspended active started>",
      "True <greenlet.greenlet object greenlet-1 dead> <greenlet.greenlet object main current active started main>",
      "",
    ].join("\n"),
  );
});

test("a plain function runs as a greenlet and returns to its parent; switching to the current greenlet returns at once", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    print(greenlet((a, b) => a + b).switch(2, 3));
    print(getcurrent().switch("self"));
  `);
  assert.equal(stdout, "5\nself\n");
});

test("switch() inside a greenlet without await raises RuntimeError there", async () => {
  const stdout = await output(ts`
    import { greenlet, getcurrent } from "greenlet";
    const g = greenlet(async () => {
      try {
        getcurrent().parent.switch("lost");
        await null;
      } catch (e) {
        print([e]);
      }
      return "done";
    });
    print(g.switch());
  `);
  assert.equal(
    stdout,
    "[RuntimeError('greenlet-1 called switch() or throw() without await: inside a greenlet write `await gr.switch()`')]\ndone\n",
  );
});

test("a greenlet that awaits an asyncio future gets a RuntimeError: greenlets do not run on the loop", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import { greenlet } from "greenlet";
    const g = greenlet(async () => {
      try { await asyncio.getEventLoop().createFuture(); } catch (e) { return e.message; }
    });
    print(g.switch());
  `);
  assert.equal(
    stdout,
    "greenlet-1 awaited Future #1: a greenlet can only await switch() and throw(); use gevent for greenlets on the event loop\n",
  );
});

test("a coroutine on the loop is in the main greenlet: its switch() runs the greenlet synchronously", async () => {
  const stdout = await output(ts`
    import asyncio from "asyncio";
    import { greenlet, getcurrent } from "greenlet";
    async function echo(x) {
      while (true) x = await getcurrent().parent.switch(x * 2);
    }
    async function main() {
      const g = greenlet(echo);
      print(g.switch(1), g.switch(5));
      await asyncio.sleep(1);
      print(await g.switch(7), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "2 10\n14 1\n");
});

test("greenlets are timeline lanes: spawned, running, waiting on a switch, done", async () => {
  const { events } = await runSnippet(
    ts`
      import { greenlet } from "greenlet";
      async function ping() { await pong.switch(); }
      const pingG = greenlet(ping);
      const pong = greenlet(async () => { await pingG.switch(); });
      pingG.switch();
    `,
    { events: true },
  );
  // Steps are hand-off-steps.test.ts's subject.
  const lines = events
    .filter((event) => event.type !== "step")
    .map((event) =>
      event.type === "task-spawned"
        ? `spawned ${event.taskId} ${event.name} ${event.coroutine}`
        : event.type === "task-state"
          ? `${event.taskId} ${event.state}${event.waitingOn ? ` ${event.waitingOn.kind}: ${event.waitingOn.label}` : ""}`
          : event.type,
    );
  assert.deepEqual(lines, [
    // The top level is the first lane, made when it makes the first greenlet, running until it ends.
    "spawned 1 main <module>",
    "1 pending",
    "1 running",
    "spawned 2 greenlet-1 ping",
    "2 pending",
    "spawned 3 greenlet-2 <lambda>",
    "3 pending",
    "2 running",
    "2 waiting greenlet: switch to greenlet-2",
    "3 running",
    "3 waiting greenlet: switch to greenlet-1",
    "2 running",
    "2 done",
    "1 done",
  ]);
});
