// `ps` and `pstree` in the REPL: the session's live tasks, as `python -m asyncio ps` and
// `pstree` print them, from a real session in the QuickJS sandbox and from `looplab repl`.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { callGraphCommand } from "../src/repl/call-graph-commands.js";
import { openSession, type Session } from "../src/repl/session.js";
import { testPool } from "./helpers.js";

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Tasks in nested gathers: root gathers branch and leaf-3; branch gathers leaf-1 and leaf-2. */
const NESTED_GATHER = [
  `async function leaf() { await asyncio.sleep(60); }`,
  `async function branch() { await asyncio.gather(asyncio.createTask(leaf(), { name: "leaf-1" }), asyncio.createTask(leaf(), { name: "leaf-2" })); }`,
  `async function root() { await asyncio.gather(asyncio.createTask(branch(), { name: "branch" }), asyncio.createTask(leaf(), { name: "leaf-3" })); }`,
  `const running = asyncio.createTask(root(), { name: "root" });`,
].join("\n");

/** pstree's tree of NESTED_GATHER: coroutines by name, as the REPL shows them. */
const NESTED_TREE = [
  "└── (T) root",
  "    └──  root",
  "        ├── (T) branch",
  "        │   └──  branch",
  "        │       ├── (T) leaf-1",
  "        │       │   └──  leaf",
  "        │       └── (T) leaf-2",
  "        │           └──  leaf",
  "        └── (T) leaf-3",
  "            └──  leaf",
  "",
].join("\n");

interface Printing {
  session: Session;
  /** Evaluates `input` and returns what it printed on each stream. */
  printed(input: string): Promise<{ stdout: string; stderr: string }>;
}

async function open(): Promise<Printing> {
  const session = await openSession({ pool: testPool() });
  const streams = { stdout: "", stderr: "" };
  void (async () => {
    for await (const event of session.events) if (event.type === "output") streams[event.stream] += event.text;
  })();
  const printed = async (input: string) => {
    const before = { ...streams };
    const outcome = await session.eval(input);
    assert.equal(outcome.kind, "value", JSON.stringify(outcome));
    // The input's output events are queued before its outcome: one macrotask lets the reader take them.
    await sleep(0);
    return { stdout: streams.stdout.slice(before.stdout.length), stderr: streams.stderr.slice(before.stderr.length) };
  };
  return { session, printed };
}

/** ps's table, each row cut at tools.py's column widths. */
function tableRows(table: string): Record<string, string>[] {
  const widths = [10, 20, 20, 50, 50, 15, 15];
  const [header, rule, ...rows] = table.trimEnd().split("\n");
  const titles = ["tid", "task id", "task name", "coroutine stack", "awaiter chain", "awaiter name", "awaiter id"];
  assert.equal(header, titles.map((title, index) => title.padEnd(widths[index] ?? 0)).join(" "));
  assert.equal(rule, "-".repeat(180));
  const keys = ["tid", "id", "name", "stack", "chain", "awaiterName", "awaiterId"];
  return rows.map((row) => {
    const cells: Record<string, string> = {};
    let start = 0;
    widths.forEach((width, index) => {
      cells[keys[index] as string] = row.slice(start, start + width).trim();
      start += width + 1;
    });
    return cells;
  });
}

test("a REPL input of just ps or pstree is a command; anything else stays code", () => {
  assert.match(callGraphCommand("ps") ?? "", /displayAwaitedByTasksTable/);
  assert.match(callGraphCommand("  pstree\n") ?? "", /displayAwaitedByTasksTree/);
  for (const code of ["(ps)", "ps = 1", "pstree()", "const ps = 2", "toString"]) assert.equal(callGraphCommand(code), null);
});

test("ps and pstree in a session show tasks in nested gathers, each awaited by the task that gathered it", async () => {
  const { session, printed } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(NESTED_GATHER);
  // Real clock: let the tasks start and reach their gathers.
  await session.eval(`await asyncio.sleep(0.05)`);

  const ps = await printed(callGraphCommand("ps") as string);
  assert.equal(ps.stderr, "");
  const rows = tableRows(ps.stdout);
  const idOf = new Map(rows.map((row) => [row.name, row.id]));
  assert.deepEqual(
    rows.map(({ name, stack, chain, awaiterName }) => ({ name, stack, chain, awaiterName })),
    [
      { name: "root", stack: "root", chain: "", awaiterName: "" },
      { name: "branch", stack: "branch", chain: "root", awaiterName: "root" },
      { name: "leaf-3", stack: "leaf", chain: "root", awaiterName: "root" },
      { name: "leaf-1", stack: "leaf", chain: "branch", awaiterName: "branch" },
      { name: "leaf-2", stack: "leaf", chain: "branch", awaiterName: "branch" },
    ],
  );
  for (const row of rows) assert.equal(row.awaiterId, row.awaiterName === "" ? "0x0" : idOf.get(row.awaiterName as string));

  const pstree = await printed(callGraphCommand("pstree") as string);
  assert.deepEqual(pstree, { stdout: NESTED_TREE, stderr: "" });
  await session.close();
});

test("pstree in a session whose tasks await each other prints the cycle error instead of a tree", async () => {
  const { session, printed } = await open();
  await session.eval(`import asyncio from "asyncio";`);
  await session.eval(
    [
      `const tasks: Record<string, asyncio.Task> = {};`,
      `async function awaitOther(other: string) { await asyncio.sleep(0.01); await tasks[other]; }`,
      `tasks.first = asyncio.createTask(awaitOther("second"), { name: "first" });`,
      `tasks.second = asyncio.createTask(awaitOther("first"), { name: "second" });`,
    ].join("\n"),
  );
  await session.eval(`await asyncio.sleep(0.05)`);
  const pstree = await printed(callGraphCommand("pstree") as string);
  assert.deepEqual(pstree, {
    stdout: "",
    stderr: "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: second → first → second\n",
  });
  await session.close();
});

test("looplab repl: ps and pstree typed at the prompt print the live tasks", async () => {
  const looplab = fileURLToPath(new URL("../bin/looplab.mjs", import.meta.url));
  const child = spawn(process.execPath, [looplab, "repl"], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const type = (line: string) => child.stdin.write(`${line}\n`);
  type(`import asyncio from "asyncio";`);
  for (const line of NESTED_GATHER.split("\n")) type(line);
  type(`await asyncio.sleep(0.05)`);
  type("ps");
  type("pstree");
  type(`print("done")`);
  for (let waited = 0; !stdout.includes("done") && waited < 30_000; waited += 50) await sleep(50);
  child.stdin.end();
  assert.equal(await exited, 0);
  assert.equal(stderr, "");
  const output = stdout.split(/(?:>>> |\.\.\. )+/).join("");
  const table = output.slice(output.indexOf("tid "), output.indexOf("└── "));
  assert.deepEqual(
    tableRows(table).map((row) => `${row.name} ${row.awaiterName}`.trim()),
    ["root", "branch root", "leaf-3 root", "leaf-1 branch", "leaf-2 branch"],
  );
  assert.ok(output.includes(NESTED_TREE), output);
});
