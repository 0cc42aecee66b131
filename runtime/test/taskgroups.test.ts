// asyncio.TaskGroup (CPython 3.12 Lib/asyncio/taskgroups.py; test_asyncio/test_taskgroups.py), entered
// with asyncio.asyncWith, the snippet form of `async with`.
// Expected outputs were checked against CPython running the same program on a virtual clock
// (CPython 3.11 with 3.12's wait_for and TaskGroup exit patched in); a comment marks the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("a TaskGroup waits for all its tasks on exit (test_taskgroups.TestTaskGroup.test_taskgroup_01)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { await asyncio.sleep(0.1); return 42; }
    async function foo2() { await asyncio.sleep(0.2); return 11; }
    async function main() {
      let t1;
      let t2;
      await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
        t1 = g.createTask(foo1());
        t2 = g.createTask(foo2());
      });
      print(t1.result(), t2.result(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "42 11 0.2\n", stderr: "", error: undefined });
});

test("tasks can join a TaskGroup while its body runs (test_taskgroups.TestTaskGroup.test_taskgroup_02)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { await asyncio.sleep(0.1); return 42; }
    async function foo2() { await asyncio.sleep(0.2); return 11; }
    async function main() {
      let t1;
      let t2;
      await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
        t1 = g.createTask(foo1());
        await asyncio.sleep(0.15);
        t2 = g.createTask(foo2());
      });
      print(t1.result(), t2.result(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "42 11 0.35\n", stderr: "", error: undefined });
});

test("cancelling one child explicitly does not disturb the group (test_taskgroups.TestTaskGroup.test_taskgroup_03)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { await asyncio.sleep(1); return 42; }
    async function foo2() { await asyncio.sleep(0.2); return 11; }
    async function main() {
      let t1;
      let t2;
      await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
        t1 = g.createTask(foo1());
        await asyncio.sleep(0.15);
        t1.cancel();
        t2 = g.createTask(foo2());
      });
      print(t1.cancelled(), t2.result(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "True 11 0.35\n", stderr: "", error: undefined });
});

test("a failing child cancels its siblings and the group raises an ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_04)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let num = 0;
      let t2Cancel = false;
      let t2;
      async function foo1() { await asyncio.sleep(0.1); throw new Error("division by zero"); }
      async function foo2() {
        try { await asyncio.sleep(1); } catch (e) { t2Cancel = true; throw e; }
        num += 1;
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(foo1());
          t2 = g.createTask(foo2());
        });
        num += 10;
      }
      try { await asyncio.createTask(runner()); } catch (e) { print([e]); print(e); print(e instanceof asyncio.ExceptionGroup); }
      print(num, t2Cancel, t2.cancelled(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])]\nunhandled errors in a TaskGroup (1 sub-exception)\nTrue\n0 True True 0.1\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("a failing child also cancels the body at its await (test_taskgroups.TestTaskGroup.test_cancel_children_on_child_error)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let num = 0;
      let t2Cancel = false;
      let runnerCancel = false;
      async function foo1() { await asyncio.sleep(0.1); throw new Error("division by zero"); }
      async function foo2() {
        try { await asyncio.sleep(5); } catch (e) { t2Cancel = true; throw e; }
        num += 1;
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(foo1());
          g.createTask(foo1());
          g.createTask(foo1());
          g.createTask(foo2());
          try { await asyncio.sleep(10); } catch (e) { runnerCancel = true; throw e; }
        });
        num += 10;
      }
      try { await asyncio.createTask(runner()); } catch (e) { print([e]); }
      print(num, t2Cancel, runnerCancel, asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero'), Error('division by zero'), Error('division by zero')])]\n0 True True 0.1\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("cancelling the task that runs a TaskGroup cancels every child and raises CancelledError (test_taskgroups.TestTaskGroup.test_cancellation)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let num = 0;
      async function foo() {
        try { await asyncio.sleep(5); } catch (e) { num += 1; throw e; }
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          for (let i = 0; i < 5; i++) g.createTask(foo());
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      print(r.done());
      r.cancel();
      try { await r; } catch (e) { print([e]); }
      print(num, r.cancelled(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "False\n[CancelledError()]\n5 True 0.1\n", stderr: "", error: undefined });
});

test("cancelling during the body cancels the body and then the children (test_taskgroups.TestTaskGroup.test_taskgroup_07)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let num = 0;
      async function foo() {
        try { await asyncio.sleep(5); } catch (e) { num += 1; throw e; }
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          for (let i = 0; i < 5; i++) g.createTask(foo());
          try { await asyncio.sleep(10); } catch (e) { num += 10; throw e; }
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e]); }
      print(num);
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()]\n15\n", stderr: "", error: undefined });
});

test("children failing while being cancelled turn the cancellation into an ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_08)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      async function foo() {
        try { await asyncio.sleep(10); } finally { throw new Error("division by zero"); }
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          for (let i = 0; i < 5; i++) g.createTask(foo());
          await asyncio.sleep(10);
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print(e, e.exceptions.length); }
      print(r.cancelled(), r.cancelling());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "unhandled errors in a TaskGroup (5 sub-exceptions) 5\nFalse 1\n", stderr: "", error: undefined },
  );
});

test("an error in the body after an await cancels the children and joins the ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_09)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { await asyncio.sleep(1); return 42; }
    async function foo2() { await asyncio.sleep(2); return 11; }
    async function main() {
      let t1;
      let t2;
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          t1 = g.createTask(foo1());
          t2 = g.createTask(foo2());
          await asyncio.sleep(0.1);
          throw new Error("division by zero");
        });
      } catch (e) { print([e]); }
      print(t1.cancelled(), t2.cancelled(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])]\nTrue True 0.1\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("an error in the body before any await cancels children that never started (test_taskgroups.TestTaskGroup.test_taskgroup_10)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { print("never runs"); await asyncio.sleep(1); return 42; }
    async function main() {
      let t1;
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          t1 = g.createTask(foo1());
          throw new Error("division by zero");
        });
      } catch (e) { print([e]); }
      print(t1.cancelled(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])]\nTrue 0\n", stderr: "", error: undefined },
  );
});

test("nested groups nest their ExceptionGroups (test_taskgroups.TestTaskGroup.test_taskgroup_11)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      async function foo() {
        try { await asyncio.sleep(10); } finally { throw new Error("division by zero"); }
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async () => {
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g2) => {
            for (let i = 0; i < 2; i++) g2.createTask(foo());
            await asyncio.sleep(10);
          });
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[ExceptionGroup('unhandled errors in a TaskGroup', [ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero'), Error('division by zero')])])]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("an outer group with a sleeping child still reports the inner group's errors (test_taskgroups.TestTaskGroup.test_taskgroup_12)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      async function foo() {
        try { await asyncio.sleep(10); } finally { throw new Error("division by zero"); }
      }
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g1) => {
          g1.createTask(asyncio.sleep(10));
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g2) => {
            g2.createTask(foo());
            await asyncio.sleep(10);
          });
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e]); }
      print(asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[ExceptionGroup('unhandled errors in a TaskGroup', [ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])])]\n0.1\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("an outer child failing first cancels the inner group without an inner error (test_taskgroups.TestTaskGroup.test_taskgroup_13)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crashAfter(t) { await asyncio.sleep(t); throw new Error(String(t)); }
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g1) => {
          g1.createTask(crashAfter(0.1));
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g2) => { g2.createTask(crashAfter(10)); });
        });
      } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('0.1')])] 0.1\n", stderr: "", error: undefined },
  );
});

test("an inner child failing first reaches the outer group as a nested ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_14)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crashAfter(t) { await asyncio.sleep(t); throw new Error(String(t)); }
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g1) => {
          g1.createTask(crashAfter(10));
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g2) => { g2.createTask(crashAfter(0.1)); });
        });
      } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[ExceptionGroup('unhandled errors in a TaskGroup', [ExceptionGroup('unhandled errors in a TaskGroup', [Error('0.1')])])] 0.1\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("a child error while the body handles an outside cancellation gives an ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_15)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crashSoon() { await asyncio.sleep(0.3); throw new Error("division by zero"); }
    async function main() {
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g1) => {
          g1.createTask(crashSoon());
          try { await asyncio.sleep(10); } catch (e) { await asyncio.sleep(0.5); throw e; }
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])] 0.3\n", stderr: "", error: undefined },
  );
});

test("the same through an intermediate task (test_taskgroups.TestTaskGroup.test_taskgroup_16)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crashSoon() { await asyncio.sleep(0.3); throw new Error("division by zero"); }
    async function main() {
      async function nestedRunner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g1) => {
          g1.createTask(crashSoon());
          try { await asyncio.sleep(10); } catch (e) { await asyncio.sleep(0.5); throw e; }
        });
      }
      async function runner() { await asyncio.createTask(nestedRunner()); }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])] 0.3\n", stderr: "", error: undefined },
  );
});

test("an empty group passes its body's cancellation through (test_taskgroups.TestTaskGroup.test_taskgroup_17)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let num = 0;
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async () => {
          try { await asyncio.sleep(10); } catch (e) { num += 10; throw e; }
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e]); }
      print(num, r.cancelled());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()]\n10 True\n", stderr: "", error: undefined });
});

test("a body that turns its cancellation into an error raises that error in an ExceptionGroup (test_taskgroups.TestTaskGroup.test_taskgroup_18)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class MyExc extends Error { name = "MyExc"; }
    async function main() {
      let num = 0;
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async () => {
          try { await asyncio.sleep(10); } catch { num += 10; throw new MyExc(); }
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.1);
      r.cancel();
      try { await r; } catch (e) { print([e]); }
      print(num);
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [MyExc()])]\n10\n", stderr: "", error: undefined },
  );
});

test("the body's own error and the children's errors come out together (test_taskgroups.TestTaskGroup.test_taskgroup_19)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class MyExc extends Error { name = "MyExc"; }
    async function crashSoon() { await asyncio.sleep(0.1); throw new Error("division by zero"); }
    async function nested() {
      try { await asyncio.sleep(10); } finally { throw new MyExc(); }
    }
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(crashSoon());
          await nested();
        });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero'), MyExc()])]\n", stderr: "", error: undefined },
  );
});

test("cancelling a task blocked on a TaskGroup's exit raises CancelledError (test_taskgroups.TestTaskGroup.test_taskgroup_22)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function foo1() { await asyncio.sleep(1); return 42; }
    async function foo2() { await asyncio.sleep(2); return 11; }
    async function main() {
      async function runner() {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(foo1());
          g.createTask(foo2());
        });
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(0.05);
      r.cancel();
      try { await r; } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[CancelledError()] 0.05\n", stderr: "", error: undefined });
});

test("finished children leave the group as they finish (test_taskgroups.TestTaskGroup.test_taskgroup_23)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function doJob(delay) { await asyncio.sleep(delay); }
    async function main() {
      await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
        for (let count = 0; count < 10; count++) {
          await asyncio.sleep(0.1);
          g.createTask(doJob(0.3));
          if (count === 5) print(g);
        }
        await asyncio.sleep(1.35);
        print(g);
      });
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "<TaskGroup tasks=4 entered>\n<TaskGroup entered>\n", stderr: "", error: undefined },
  );
});

test("children can add tasks to their own group (test_taskgroups.TestTaskGroup.test_taskgroup_24, test_taskgroup_25)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      let hydras = 0;
      async function hydra(g) {
        hydras += 1;
        await asyncio.sleep(0.01);
        g.createTask(hydra(g));
        g.createTask(hydra(g));
      }
      async function hercules() {
        while (hydras < 10) await asyncio.sleep(0.015);
        throw new Error("division by zero");
      }
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(hydra(g));
          g.createTask(hercules());
        });
      } catch (e) { print([e], hydras, asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])] 31 0.045\n", stderr: "", error: undefined },
  );
});

// CPython 3.11 prints Task-3 (it numbered the named task too); 3.12 passes the name to create_task.
test("createTask takes a name, and a named task takes no number from the default names, as in 3.12 (test_taskgroups.TestTaskGroup.test_taskgroup_task_name)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro() { await asyncio.sleep(0); }
    async function main() {
      await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
        const t = g.createTask(coro(), { name: "yolo" });
        const u = g.create_task(coro());
        print(t.getName(), u.getName(), g.createTask === g.create_task);
      });
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "yolo Task-2 True\n", stderr: "", error: undefined });
});

// CPython 3.11 does not close the refused coroutine; 3.12+ does, so there is no never-awaited warning.
test("a group that is shutting down refuses new tasks (test_taskgroups.TestTaskGroup.test_taskgroup_no_create_task_after_failure)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function coro1() { await asyncio.sleep(0.001); throw new Error("division by zero"); }
    async function coro2(g) {
      try {
        await asyncio.sleep(1);
      } catch {
        try { g.createTask(coro1()); } catch (e) { print([e]); }
      }
    }
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(coro1());
          g.createTask(coro2(g));
        });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down')]\n[ExceptionGroup('unhandled errors in a TaskGroup', [Error('division by zero')])]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("an exception from an inner context manager's exit joins the children's errors, and the parent is left uncancelled (test_taskgroups.TestTaskGroup.test_taskgroup_context_manager_exit_raises)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    class CustomException extends Error { name = "CustomException"; }
    async function raiseExc() { throw new CustomException(); }
    class Database {
      async __aenter__() {}
      async __aexit__() { throw new CustomException(); }
    }
    async function main() {
      const task = asyncio.currentTask();
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (tg) => {
          await asyncio.asyncWith(new Database(), async () => {
            tg.createTask(raiseExc());
            await asyncio.sleep(1);
          });
        });
      } catch (e) { print([e], task.cancelling()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [CustomException(), CustomException()])] 0\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("a TaskGroup cannot be entered twice (test_taskgroups.TestTaskGroup.test_taskgroup_already_entered, test_taskgroup_double_enter)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const tg = asyncio.TaskGroup();
      await asyncio.asyncWith(tg, async () => {
        try { await asyncio.asyncWith(tg, async () => {}); } catch (e) { print([e]); }
      });
      try { await asyncio.asyncWith(tg, async () => {}); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('TaskGroup <TaskGroup entered> has already been entered')]\n[RuntimeError('TaskGroup <TaskGroup entered> has already been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("createTask fails on a finished or never entered group, and closes the coroutine (test_taskgroups.TestTaskGroup.test_taskgroup_finished, test_taskgroup_not_entered)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const finished = asyncio.TaskGroup();
      await asyncio.asyncWith(finished, async () => {});
      const coro = asyncio.sleep(0);
      try { finished.createTask(coro); } catch (e) { print([e]); }
      try { await coro; } catch (e) { print([e]); }
      try { new asyncio.TaskGroup().createTask(asyncio.sleep(0)); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('TaskGroup <TaskGroup entered> is finished')]\n[RuntimeError('cannot reuse already awaited coroutine')]\n[RuntimeError('TaskGroup <TaskGroup> has not been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("entering a TaskGroup needs a running loop and a current task (test_taskgroups.TestTaskGroup.test_taskgroup_without_parent_task)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const tg = asyncio.TaskGroup();
    try { tg.__aenter__().send(undefined); } catch (e) { print([e]); }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const done = loop.createFuture();
      loop.callSoon(() => {
        try { tg.__aenter__().send(undefined); } catch (e) { print([e]); }
        done.setResult(null);
      });
      await done;
      try { tg.createTask(asyncio.sleep(0)); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "[RuntimeError('no running event loop')]\n[RuntimeError('TaskGroup <TaskGroup> cannot determine the parent task')]\n[RuntimeError('TaskGroup <TaskGroup> has not been entered')]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("the group's own cancellation of its parent is undone on exit, so the caller carries on", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crash() { await asyncio.sleep(1); throw new Error("boom"); }
    async function main() {
      const task = asyncio.currentTask();
      try {
        await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
          g.createTask(crash());
          await asyncio.sleep(10);
        });
      } catch (e) { print([e], task.cancelling()); }
      await asyncio.sleep(1);
      print("still running", asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    { stdout: "[ExceptionGroup('unhandled errors in a TaskGroup', [Error('boom')])] 0\nstill running 2\n", stderr: "", error: undefined },
  );
});

test("a cancellation from outside during a failing group survives the ExceptionGroup", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function crash() { await asyncio.sleep(1); throw new Error("boom"); }
    async function slowToStop() {
      try { await asyncio.sleep(10); } catch (e) { await asyncio.sleep(1); throw e; }
    }
    async function main() {
      async function runner() {
        const task = asyncio.currentTask();
        try {
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
            g.createTask(crash());
            g.createTask(slowToStop());
          });
        } catch (e) { print("caught", [e], task.cancelling()); }
        await asyncio.sleep(5);
        print("not reached");
      }
      const r = asyncio.createTask(runner());
      await asyncio.sleep(1.5);
      r.cancel();
      try { await r; } catch (e) { print([e], asyncio.getRunningLoop().time()); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout: "caught [ExceptionGroup('unhandled errors in a TaskGroup', [Error('boom')])] 1\n[CancelledError()] 2\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("a TaskGroup inside a timeout: the timeout's cancellation stops the children and becomes TimeoutError", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const cancelled = [];
    async function worker(name) {
      try { await asyncio.sleep(10); } catch (e) { cancelled.push(name); throw e; }
    }
    async function main() {
      try {
        await asyncio.asyncWith(asyncio.timeout(1), async () => {
          await asyncio.asyncWith(asyncio.TaskGroup(), async (g) => {
            g.createTask(worker("a"));
            g.createTask(worker("b"));
          });
        });
      } catch (e) { print([e], asyncio.currentTask().cancelling(), asyncio.getRunningLoop().time()); }
      print(cancelled.sort());
    }
    asyncio.run(main());
  `);
  assert.deepEqual({ stdout, stderr, error }, { stdout: "[TimeoutError()] 0 1\n['a', 'b']\n", stderr: "", error: undefined });
});

test("TaskGroup's repr shows its tasks, errors and state", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function fail() { throw new Error("x"); }
    async function main() {
      const g = asyncio.TaskGroup();
      print(g);
      try {
        await asyncio.asyncWith(g, async () => {
          g.createTask(asyncio.sleep(1));
          print(g);
          g.createTask(fail());
          try { await asyncio.sleep(5); } catch (e) { print(g); throw e; }
        });
      } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.deepEqual(
    { stdout, stderr, error },
    {
      stdout:
        "<TaskGroup>\n<TaskGroup tasks=1 entered>\n<TaskGroup tasks=1 errors=1 cancelling>\n[ExceptionGroup('unhandled errors in a TaskGroup', [Error('x')])]\n",
      stderr: "",
      error: undefined,
    },
  );
});

test("TaskGroup's 3.13 cancellation fixes, with lazy and eager tasks: a child made while the group aborts is cancelled, and the group's own cancellation does not leak out (test_taskgroups: test_cancels_task_if_created_during_creation, test_cancellation_does_not_leak_out_of_tg)", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    class MyError extends Error {}
    async function check(label: string) {
      let ran = false;
      try {
        await asyncio.asyncWith(new asyncio.TaskGroup(), async (tg) => {
          async function third() { throw new MyError("third task failed"); }
          async function second() {
            tg.createTask(third());
            try {
              await asyncio.sleep(0);
              await asyncio.sleep(0);
            } catch (e) {
              if (!(e instanceof asyncio.CancelledError)) throw e;
              ran = true;
            }
          }
          tg.createTask(second());
        });
      } catch (group) {
        const [mine] = group.split(MyError);
        print(label, ran, mine?.exceptions[0]);
      }
      await asyncio.sleep(0);
      print(label, "not cancelled afterwards", asyncio.currentTask().cancelling());
    }
    async function main() {
      await check("lazy");
      asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
      await check("eager");
    }
    asyncio.run(main());
  `);
  assert.equal(
    stdout,
    "lazy True third task failed\nlazy not cancelled afterwards 0\neager True third task failed\neager not cancelled afterwards 0\n",
  );
});
