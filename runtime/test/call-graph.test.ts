// Python 3.14's call-graph introspection (asyncio.captureCallGraph, formatCallGraph,
// printCallGraph; CPython Lib/test/test_asyncio/test_graph.py) and the `ps`/`pstree` views of
// asyncio.tools. Each snippet reduces a graph to test_graph.py's shape: "T<name>" or "F", the
// call stack innermost first, then the awaiting tasks' graphs. Runs in Node and again inside
// QuickJS (sandbox/test/conformance.test.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";

/** test_graph.py's capture_test_stack, with each frame as `name:line` (line null when it has none). */
const SHAPE = ts`
  function shape(graph: any): unknown[] {
    const future = graph.future;
    const head = future instanceof asyncio.Task ? "T<" + future.getName() + ">" : "F";
    const stack = graph.callStack.map((entry: any) => entry.name + ":" + entry.line);
    const awaiters = graph.awaitedBy.map(shape).sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1));
    return [head, stack, awaiters];
  }
`;

/** The 1-based line of the first line of `source` containing `text`. */
function lineOf(source: string, text: string): number {
  const index = source.split("\n").findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `no line contains ${text}`);
  return index + 1;
}

test("captureCallGraph() inside a nested gather: the task, then the tasks awaiting it up to main, as CPython 3.14 gives it", async () => {
  const source = ts`
    import asyncio from "asyncio";
    ${SHAPE}
    async function deep() {
      await asyncio.sleep(0);
      print(JSON.stringify(shape(asyncio.captureCallGraph())));
    }
    async function c1() {
      await asyncio.sleep(0);
      await deep(); // c1 awaits deep
    }
    async function c2() {
      await asyncio.sleep(1);
    }
    async function inner() {
      await asyncio.gather(c1(), c2()); // inner gather
    }
    async function main() {
      await asyncio.gather(inner(), c2()); // outer gather
    }
    asyncio.run(main());
  `;
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  // main is Task-1; the outer gather makes Task-2 of inner() and Task-3 of c2(); inner's gather, Task-4 of c1().
  assert.deepEqual(JSON.parse(stdout), [
    "T<Task-4>",
    ["deep:null", `c1:${lineOf(source, "c1 awaits deep")}`],
    [["T<Task-2>", [`inner:${lineOf(source, "inner gather")}`], [["T<Task-1>", [`main:${lineOf(source, "outer gather")}`], []]]]],
  ]);
});

test("through shield, waitFor, wait and an awaited task, the awaiter is the task that waits (test_graph.py's stack tests)", async () => {
  const source = ts`
    import asyncio from "asyncio";
    ${SHAPE}
    async function deep() {
      await asyncio.sleep(0);
      print(JSON.stringify(shape(asyncio.captureCallGraph())));
    }
    async function c1() {
      await asyncio.sleep(0);
      await deep(); // c1 awaits deep
    }
    async function c2() {
      for (let i = 0; i < 3; i++) await asyncio.sleep(0);
    }
    async function viaShield() {
      await asyncio.shield(c1()); // shield
    }
    async function viaWaitFor() {
      await asyncio.waitFor(c1(), 5); // waitFor
    }
    async function viaWait() {
      await asyncio.wait([asyncio.createTask(c1()), asyncio.createTask(c2())]); // wait on both
    }
    async function viaTask() {
      await asyncio.createTask(c1(), { name: "there there" }); // task
    }
    async function main() {
      await viaShield(); // main 1
      await viaWaitFor(); // main 2
      await viaWait(); // main 3
      await viaTask(); // main 4
    }
    asyncio.run(main());
  `;
  const { stdout, error } = await runSnippet(source);
  assert.equal(error, undefined);
  const at = (name: string, marker: string) => `${name}:${lineOf(source, marker)}`;
  const inner = ["deep:null", at("c1", "c1 awaits deep")];
  assert.deepEqual(
    stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line)),
    [
      ["T<Task-2>", inner, [["T<Task-1>", [at("viaShield", "// shield"), at("main", "main 1")], []]]],
      // Python 3.12's wait_for runs the coroutine in the waiting task itself, through timeout()'s `async with`.
      ["T<Task-1>", [...inner, "async_with:null", "wait_for:null", at("viaWaitFor", "// waitFor"), at("main", "main 2")], []],
      ["T<Task-3>", inner, [["T<Task-1>", ["wait:null", at("viaWait", "// wait on both"), at("main", "main 3")], []]]],
      ["T<there there>", inner, [["T<Task-1>", [at("viaTask", "// task"), at("main", "main 4")], []]]],
    ],
  );
});

test("formatCallGraph gives graph.py's text, and printCallGraph prints it, to stdout or a file", async () => {
  const source = ts`
    import asyncio from "asyncio";
    async function leaf() {
      await asyncio.sleep(0);
      const text = asyncio.format_call_graph();
      asyncio.printCallGraph();
      asyncio.print_call_graph(undefined, { file: "stderr" });
      print(text === asyncio.formatCallGraph() ? "same" : "different");
    }
    async function branch() {
      await leaf(); // branch awaits leaf
    }
    async function main() {
      await asyncio.gather(branch(), asyncio.sleep(1)); // main gathers
    }
    asyncio.run(main());
  `;
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined);
  const expected = [
    "* Task(name='Task-2', id=0x2)",
    "  + Call stack:",
    "  |   File 'snippet.ts', in async leaf()",
    `  |   File 'snippet.ts', line ${lineOf(source, "branch awaits leaf")}, in async branch()`,
    "  + Awaited by:",
    "    * Task(name='Task-1', id=0x1)",
    "      + Call stack:",
    `      |   File 'snippet.ts', line ${lineOf(source, "main gathers")}, in async main()`,
    "",
  ].join("\n");
  assert.equal(stdout, `${expected}same\n`);
  assert.equal(stderr, expected);
});

test("captureCallGraph(task) from another task: its parked coroutines with their lines, and the task awaiting it", async () => {
  const source = ts`
    import asyncio from "asyncio";
    ${SHAPE}
    async function innermost() {
      await asyncio.sleep(1); // innermost parks
    }
    async function worker() {
      await innermost(); // worker awaits
    }
    async function watcher(task: asyncio.Task) {
      await task; // watcher awaits the worker
    }
    async function main() {
      const task = asyncio.createTask(worker(), { name: "worker" });
      const watching = asyncio.createTask(watcher(task), { name: "watcher" });
      await asyncio.sleep(0);
      print(JSON.stringify(shape(asyncio.captureCallGraph(task))));
      print(JSON.stringify(shape(asyncio.captureCallGraph(task, { limit: 1 }))));
      print(JSON.stringify(shape(asyncio.captureCallGraph(task, { limit: -1 }))));
      print(asyncio.captureCallGraph(task).call_stack[0] instanceof asyncio.FrameCallGraphEntry);
      await watching;
    }
    asyncio.run(main());
  `;
  const { stdout, error } = await runSnippet(source);
  assert.equal(error, undefined);
  const [full, outermost, innermost, entryClass] = stdout.trimEnd().split("\n");
  const innermostFrame = `innermost:${lineOf(source, "innermost parks")}`;
  const workerFrame = `worker:${lineOf(source, "worker awaits")}`;
  const watcher = ["T<watcher>", [`watcher:${lineOf(source, "watcher awaits the worker")}`], []];
  assert.deepEqual(JSON.parse(full ?? ""), ["T<worker>", [innermostFrame, workerFrame], [watcher]]);
  // graph.py's limit: a positive one keeps the outermost entries, a negative one the innermost.
  assert.deepEqual(JSON.parse(outermost ?? ""), ["T<worker>", [workerFrame], [watcher]]);
  assert.deepEqual(JSON.parse(innermost ?? ""), ["T<worker>", [innermostFrame], [watcher]]);
  assert.equal(entryClass, "True");
});

test("a future awaited by two TaskGroup children: F, each child's stack, and the group's parent at its exit (test_stack_future)", async () => {
  const source = ts`
    import asyncio from "asyncio";
    ${SHAPE}
    async function a2(future: asyncio.Future) {
      await future; // a2 awaits
    }
    async function a1(future: asyncio.Future) {
      await a2(future); // a1 awaits
    }
    async function b1(future: asyncio.Future) {
      await future; // b1 awaits
    }
    async function main() {
      const future = asyncio.Future();
      const group = asyncio.TaskGroup();
      await asyncio.asyncWith(group, async (g: asyncio.TaskGroup) => { // main enters the group
        g.createTask(a1(future), { name: "task A" });
        g.createTask(b1(future), { name: "task B" });
        const watcher = asyncio.createTask((async function watch() {
          await asyncio.sleep(0);
          print(JSON.stringify(shape(asyncio.captureCallGraph(future))));
          print(asyncio.formatCallGraph(future).split("\\n")[0]);
          future.setResult(null);
        })());
        await asyncio.sleep(0);
      });
    }
    asyncio.run(main());
  `;
  const { stdout, error } = await runSnippet(source);
  assert.equal(error, undefined);
  const [graph, firstLine] = stdout.trimEnd().split("\n");
  // The group's exit and asyncWith are the runtime's own coroutines, in no line of the snippet (CPython lists _aexit and __aexit__ here).
  const parent = ["T<Task-1>", ["__aexit__:null", "async_with:null", `main:${lineOf(source, "main enters the group")}`], []];
  assert.deepEqual(JSON.parse(graph ?? ""), [
    "F",
    [],
    [
      ["T<task A>", [`a2:${lineOf(source, "a2 awaits")}`, `a1:${lineOf(source, "a1 awaits")}`], [parent]],
      ["T<task B>", [`b1:${lineOf(source, "b1 awaits")}`], [parent]],
    ],
  ]);
  assert.match(firstLine ?? "", /^\* Future\(id=0x[0-9a-f]+\)$/);
});

test("captureCallGraph() outside a task is null, outside a loop an error; a non-future is a TypeError", async () => {
  const { stdout, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    try { asyncio.captureCallGraph(); } catch (error) { print(error.constructor.name, error.message); }
    async function main() {
      asyncio.getRunningLoop().callSoon(() => print(asyncio.captureCallGraph(), JSON.stringify(asyncio.formatCallGraph())));
      await asyncio.sleep(0);
      try { asyncio.captureCallGraph(42); } catch (error) { print(error.constructor.name, error.message); }
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(
    stdout,
    [
      "RuntimeError capture_call_graph() is called outside of a running event loop and no *future* to introspect was provided",
      'None ""',
      "TypeError 42 object does not appear to be compatible with asyncio.Future",
      "",
    ].join("\n"),
  );
});

/** Tasks in two TaskGroups, as in the `python -m asyncio ps` example of CPython's documentation. */
const ALBUMS = ts`
  import asyncio from "asyncio";
  async function play(track: string) {
    await asyncio.sleep(3); // play sleeps
  }
  async function album(name: string, tracks: string[]) {
    await asyncio.asyncWith(asyncio.TaskGroup(), async (tg: asyncio.TaskGroup) => { // album's group
      for (const track of tracks) tg.createTask(play(track), { name: track });
    });
  }
  async function main() {
    await asyncio.asyncWith(asyncio.TaskGroup(), async (tg: asyncio.TaskGroup) => { // main's group
      tg.createTask(album("Sundowning", ["TNDNBTG", "Levitate"]), { name: "Sundowning" });
      tg.createTask(album("TMBTE", ["DYWTYLM", "Aqua Regia"]), { name: "TMBTE" });
      asyncio.createTask(look(), { name: "look" });
    });
  }
  async function look() {
    await asyncio.sleep(1);
    asyncio.tools.display_awaited_by_tasks_table();
    asyncio.tools.displayAwaitedByTasksTree();
  }
  asyncio.run(main());
`;

test("asyncio.tools prints `python -m asyncio ps`'s table and `pstree`'s tree of the other live tasks", async () => {
  const { stdout, stderr, error } = await runSnippet(ALBUMS);
  assert.equal(error, undefined);
  assert.equal(stderr, "");
  const row = (cells: string[]) => cells.map((cell, index) => cell.padEnd([10, 20, 20, 50, 50, 15, 15][index] ?? 0)).join(" ");
  const group = "__aexit__ -> async_with -> album";
  const sleeps = `snippet.ts:${lineOf(ALBUMS, "play sleeps")}`;
  const albumAt = `snippet.ts:${lineOf(ALBUMS, "album's group")}`;
  assert.equal(
    stdout,
    [
      row(["tid", "task id", "task name", "coroutine stack", "awaiter chain", "awaiter name", "awaiter id"]),
      "-".repeat(180),
      row(["1", "0x1", "Task-1", "__aexit__ -> async_with -> main", "", "", "0x0"]),
      row(["1", "0x2", "Sundowning", group, "__aexit__ -> async_with -> main", "Task-1", "0x1"]),
      row(["1", "0x3", "TMBTE", group, "__aexit__ -> async_with -> main", "Task-1", "0x1"]),
      row(["1", "0x5", "TNDNBTG", "play", group, "Sundowning", "0x2"]),
      row(["1", "0x6", "Levitate", "play", group, "Sundowning", "0x2"]),
      row(["1", "0x7", "DYWTYLM", "play", group, "TMBTE", "0x3"]),
      row(["1", "0x8", "Aqua Regia", "play", group, "TMBTE", "0x3"]),
      "└── (T) Task-1",
      `    └──  main snippet.ts:${lineOf(ALBUMS, "main's group")}`,
      "        └──  async_with",
      "            └──  __aexit__",
      "                ├── (T) Sundowning",
      `                │   └──  album ${albumAt}`,
      "                │       └──  async_with",
      "                │           └──  __aexit__",
      "                │               ├── (T) TNDNBTG",
      `                │               │   └──  play ${sleeps}`,
      "                │               └── (T) Levitate",
      `                │                   └──  play ${sleeps}`,
      "                └── (T) TMBTE",
      `                    └──  album ${albumAt}`,
      "                        └──  async_with",
      "                            └──  __aexit__",
      "                                ├── (T) DYWTYLM",
      `                                │   └──  play ${sleeps}`,
      "                                └── (T) Aqua Regia",
      `                                    └──  play ${sleeps}`,
      "",
    ].join("\n"),
  );
});

test("pstree of tasks awaiting each other prints tools.py's cycle error on stderr, and no tree", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    const tasks: Record<string, asyncio.Task> = {};
    async function awaitOther(other: string) {
      await asyncio.sleep(0);
      await tasks[other];
    }
    async function main() {
      tasks.A = asyncio.createTask(awaitOther("B"), { name: "A" });
      tasks.B = asyncio.createTask(awaitOther("A"), { name: "B" });
      await asyncio.sleep(1);
      asyncio.tools.displayAwaitedByTasksTree();
      try {
        asyncio.tools.buildAsyncTree();
      } catch (error) {
        print(error instanceof asyncio.tools.CycleFoundException, JSON.stringify(error.cycles));
      }
      tasks.A.cancel();
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  // tools.py lists the edges task by task, each from its awaiter: B → A comes first, so the walk starts at B.
  assert.equal(stderr, "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: B → A → B\n");
  assert.equal(stdout, "True [[3,2,3]]\n");
});
