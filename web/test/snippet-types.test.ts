// The editor's types are generated from the runtime's source (build/snippet-types.ts). These
// tests fail when a name that the snippet contract (runtime-api.md) lists is missing from them,
// and show in TypeScript's own language service that completion, hover and checking see them.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { generateSnippetTypes } from "../build/snippet-types.ts";
import { createSnippetEnvironment, SNIPPET_PATH } from "../src/lib/language-service/environment.ts";

const types = generateSnippetTypes();

/** The contract: in the repository's shared folder, beside the repository (as CI lays it). */
const SPEC_PATH = path.resolve(import.meta.dirname, "../../../shared/spec/runtime-api.md");
const SPEC = existsSync(SPEC_PATH) ? SPEC_PATH : undefined;

/** Receivers the contract writes methods on (`loop.runUntilComplete`), as types a snippet names. */
const RECEIVERS: Record<string, string> = {
  loop: "asyncio.EventLoop",
  fut: "asyncio.Future",
  task: "asyncio.Task",
  queue: "asyncio.Queue",
  writer: "asyncio.StreamWriter",
  gr: "greenlet.greenlet",
};

/** Classes whose methods the contract lists as bare calls (`Future`: `result()`, ...). */
const CLASSES = [
  "asyncio.Future",
  "asyncio.Task",
  "asyncio.EventLoop",
  "asyncio.TimerHandle",
  "asyncio.Queue",
  "gevent.Greenlet",
  "network.Bytes",
];

/**
 * Words in code spans of the contract's asyncio sections that are not names of the API: task
 * states, Python and JavaScript values and types the text mentions.
 */
const NOT_API_NAMES = new Set([
  "pending",
  "running",
  "waiting",
  "failed",
  "None",
  "True",
  "False",
  "null",
  "undefined",
  "Promise",
  "Uint8Array",
]);

/**
 * Names the contract lists that the runtime does not export, so the generated types rightly lack
 * them. None since the `builtins` module exports Python's built-in exceptions (issue 14).
 */
const RUNTIME_GAPS: string[] = [];

/** Each member's names: the properties of the type `typeText` names, read by TypeScript. */
function membersOf(typeTexts: string[]): Map<string, Set<string>> {
  const code = [
    'import asyncio from "asyncio";',
    'import greenlet from "greenlet";',
    'import gevent from "gevent";',
    'import network from "network";',
    ...typeTexts.map((text, index) => `declare const probe${index}: ${text};`),
  ].join("\n");
  const environment = createSnippetEnvironment(ts, types.files, code);
  const program = environment.languageService.getProgram();
  const file = program?.getSourceFile(SNIPPET_PATH);
  assert.ok(program !== undefined && file !== undefined);
  const checker = program.getTypeChecker();
  const members = new Map<string, Set<string>>();
  typeTexts.forEach((text, index) => {
    const position = code.indexOf(`probe${index}:`);
    const node = findIdentifier(file, position);
    members.set(
      text,
      new Set(
        checker
          .getTypeAtLocation(node)
          .getProperties()
          .map((property) => property.name),
      ),
    );
  });
  return members;
}

function findIdentifier(file: ts.SourceFile, position: number): ts.Node {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.getStart(file) === position) found = node;
    else if (node.pos <= position && position < node.end) ts.forEachChild(node, visit);
  };
  visit(file);
  assert.ok(found !== undefined, `no identifier at ${position}`);
  return found;
}

/** The code spans of a piece of the contract. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

/** `name`, `name(args)`: the name; anything else (a statement, a value, a dotted access): null. */
function bareName(span: string): string | null {
  return /^([A-Za-z_]\w*)(\(.*\))?$/.exec(span)?.[1] ?? null;
}

function section(spec: string, heading: string): string {
  const start = spec.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `runtime-api.md has no section ${heading}`);
  const end = spec.indexOf("\n## ", start + 1);
  return spec.slice(start, end < 0 ? undefined : end);
}

test("every module a snippet can import is declared, with makeModule's snake_case aliases", () => {
  assert.deepEqual(Object.keys(types.moduleNames).sort(), [
    "aiohttp",
    "aiomysql",
    "aioredis",
    "asyncio",
    "asyncpg",
    "builtins",
    "contextvars",
    "gevent",
    "greenlet",
    "network",
    "pyquery",
    "random",
    "requests",
    "time",
    "urllib",
  ]);
  const asyncio = types.moduleNames.asyncio!;
  for (const name of ["createTask", "create_task", "waitFor", "wait_for", "Queue", "CancelledError", "FIRST_COMPLETED"]) {
    assert.ok(asyncio.includes(name), `asyncio lacks ${name}`);
  }
});

test("every name runtime-api.md lists is in the generated types", {
  skip: SPEC === undefined && "runtime-api.md is not beside the repository",
}, () => {
  const spec = readFileSync(SPEC!, "utf8");
  const missing: string[] = [];
  const checked: string[] = [];
  const check = (label: string, declared: boolean) => {
    checked.push(label);
    if (!declared) missing.push(label);
  };

  // The modules' table: each row's names belong to that module.
  for (const row of section(spec, "Modules").matchAll(/^\| `(\w+)` \| (.*) \|$/gm)) {
    const [, module, names] = row as unknown as [string, string, string];
    if (module === "asyncio") continue;
    const declared = types.moduleNames[module];
    assert.ok(declared !== undefined, `runtime-api.md lists module ${module}, which is not declared`);
    for (const span of codeSpans(names)) {
      const name = bareName(span);
      // A one-letter span is an argument the text names (`sleep(s)`: for `s` seconds).
      if (name !== null && name.length > 1) check(`${module}.${name}`, declared.includes(name));
    }
  }

  // The globals: the paragraph's names, less its parenthesised asides on formatting.
  const globalsParagraph = /Globals in every snippet:[\s\S]*?\n\n/.exec(spec)?.[0] ?? "";
  assert.ok(globalsParagraph !== "", "runtime-api.md has no paragraph on the globals");
  const withoutAsides = globalsParagraph.replace(/\([^()`]*(`[^`]*`[^()`]*)*\)/g, "");
  for (const span of codeSpans(withoutAsides)) {
    const name = /^[A-Za-z_]\w*/.exec(span)?.[0];
    if (name !== undefined) check(`global ${name}`, types.globalNames.includes(name));
  }

  // The asyncio sections: a bare name is asyncio's or a method of its classes; `loop.x` and the
  // like are members of the object they are called on.
  const members = membersOf([...new Set([...Object.values(RECEIVERS), ...CLASSES])]);
  const classMembers = new Set(CLASSES.flatMap((name) => [...members.get(name)!]));
  const asyncio = new Set(types.moduleNames.asyncio);
  // The network section names other modules and their members too.
  const anyModule = new Set([...Object.keys(types.moduleNames), ...Object.values(types.moduleNames).flat()]);
  const headings = [
    "Event loop",
    "Futures and tasks",
    "Combinators",
    "Context managers and iterators",
    "Synchronisation and queues",
    "Threads",
    "Introspection",
    "Exceptions",
    "Network (simulated, inside the sandbox)",
  ];
  for (const heading of headings) {
    for (const span of codeSpans(section(spec, heading))) {
      const dotted = /^(\w+)\.(\w+)/.exec(span);
      if (dotted !== null) {
        const [, receiver, name] = dotted as unknown as [string, string, string];
        if (receiver === "asyncio") check(`asyncio.${name}`, asyncio.has(name));
        const type = RECEIVERS[receiver];
        if (type !== undefined) check(`${receiver}.${name}`, members.get(type)!.has(name));
        continue;
      }
      const name = bareName(span);
      if (name === null || name.length === 1 || NOT_API_NAMES.has(name) || name.startsWith("__")) continue;
      check(`${heading}: ${name}`, anyModule.has(name) || classMembers.has(name) || types.globalNames.includes(name));
    }
  }
  // The contract was read: names from each part were found and checked.
  for (const label of [
    "time.perf_counter",
    "gevent.joinall",
    "global print",
    "global queueMicrotask",
    "loop.runUntilComplete",
    "Combinators: gather",
    "Synchronisation and queues: Queue",
    "Exceptions: CancelledError",
  ]) {
    assert.ok(checked.includes(label), `the test did not find ${label} in runtime-api.md`);
  }
  assert.deepEqual(missing, RUNTIME_GAPS);
});

test("TypeScript sees the runtime's declarations: a wrong type is reported, the API is completed and hovered", () => {
  const code = [
    'import asyncio from "asyncio";',
    "async function main() {",
    "  const queue = asyncio.Queue<number>(3);",
    // What `await` gives is the coroutine's result; a class is called with or without `new`.
    '  const slept: string = await asyncio.sleep(1, "done");',
    "  queue.put_nowait(slept.length);",
    "  const loop = asyncio.get_event_loop();",
    "  loop.create_future().set_result(1);",
    // An async function's call is the runtime's coroutine; a typed callback is a callable.
    "  const task: asyncio.Task<void> = asyncio.create_task(main());",
    "  task.cancel();",
    "  await loop.run_in_executor(null, (n: number) => n * 2, 3);",
    "  print(await asyncio.gather(main()), queue.qsize(), new asyncio.Lock());",
    "}",
    'const x: number = "str";',
    "asyncio.run(main());",
  ].join("\n");
  const environment = createSnippetEnvironment(ts, types.files, code);
  const service = environment.languageService;
  const diagnostics = [...service.getSyntacticDiagnostics(SNIPPET_PATH), ...service.getSemanticDiagnostics(SNIPPET_PATH)];
  const reported = diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, " "));
  assert.deepEqual(reported, ["Type 'string' is not assignable to type 'number'."]);

  const completions = service.getCompletionsAtPosition(SNIPPET_PATH, code.indexOf("asyncio.sleep") + "asyncio.".length, undefined);
  const names = completions?.entries.map((entry) => entry.name) ?? [];
  for (const name of ["sleep", "gather", "createTask", "create_task", "Queue"]) assert.ok(names.includes(name), `no completion ${name}`);

  const hover = service.getQuickInfoAtPosition(SNIPPET_PATH, code.indexOf("asyncio.sleep") + "asyncio.s".length);
  assert.match(ts.displayPartsToString(hover?.displayParts), /sleep.*\(delay: number/);
});

test("hover shows the runtime's doc comments, through an alias and through a declared type", () => {
  const code = ['import asyncio from "asyncio";', 'import network from "network";', "asyncio.asyncWith;", "network.setLatency;"].join("\n");
  const service = createSnippetEnvironment(ts, types.files, code).languageService;
  const documentation = (word: string) =>
    ts.displayPartsToString(service.getQuickInfoAtPosition(SNIPPET_PATH, code.lastIndexOf(word) + 1)?.documentation);
  assert.match(documentation("asyncWith"), /async with manager as value/);
  assert.match(documentation("setLatency"), /round-trip time/);
});

test("completion offers a task's, a loop's, a future's and a lock's API, not the runtime's own members", () => {
  const code = [
    'import asyncio from "asyncio";',
    "async function main() {",
    "  const task = asyncio.create_task(main());",
    "  const loop = asyncio.get_running_loop();",
    "  const future = loop.create_future();",
    "  const lock = new asyncio.Lock();",
    "  task.;",
    "  loop.;",
    "  future.;",
    "  lock.;",
    "}",
  ].join("\n");
  const service = createSnippetEnvironment(ts, types.files, code).languageService;
  const members = (receiver: string) =>
    service
      .getCompletionsAtPosition(SNIPPET_PATH, code.indexOf(`  ${receiver}.;`) + receiver.length + 3, undefined)
      ?.entries.map((entry) => entry.name) ?? [];
  const offered: Record<string, { api: string[]; runtimeOwn: string[] }> = {
    task: {
      api: ["cancel", "getName", "get_name", "done", "result"],
      runtimeOwn: ["step", "wakeUp", "innermost", "returnValue", "previousLive", "ownWaiter", "describeWait"],
    },
    loop: {
      api: ["callSoon", "call_soon", "createFuture", "runUntilComplete", "time"],
      runtimeOwn: ["ready", "instrument", "tick", "leaveInterruptedTick", "scheduleInternal", "liveTasks", "currentTask"],
    },
    future: {
      api: ["setResult", "addDoneCallback", "cancelled"],
      runtimeOwn: ["addWaitingTask", "makeCancelledError", "waitTarget", "heldBy", "reportUnretrieved"],
    },
    lock: { api: ["acquire", "release", "locked"], runtimeOwn: ["waitSubject", "holders"] },
  };
  for (const [receiver, { api, runtimeOwn }] of Object.entries(offered)) {
    const names = members(receiver);
    for (const name of api) assert.ok(names.includes(name), `${receiver}. does not offer ${name}`);
    for (const name of runtimeOwn) assert.ok(!names.includes(name), `${receiver}. offers the runtime's own ${name}`);
  }
});
