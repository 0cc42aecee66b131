// The compiler is one service for every user of the server. These are the attacks on it, on the
// real esbuild-wasm service and the real sandbox: input nested deep enough to overflow it is
// refused with a compile error that says where and what to do; a service that dies or stalls
// anyway is restarted, the snippet that did it fails with a compile error, and the next
// compile, program run or REPL input works.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { CompileError, compile, DIED_MESSAGE, SOURCE_LIMITS, setStallTimeout } from "@looplab/runtime/compile";
import type { CompileErrorEvent } from "../src/protocol-events.js";
import { type EvalOutcome, openSession } from "../src/repl/session.js";
import { collect, testPool } from "./helpers.js";

const LEVELS = SOURCE_LIMITS.levels;
const BENIGN = `import asyncio from "asyncio";

async function main() {
  await asyncio.sleep(1);
  print("benign", asyncio.getRunningLoop().time());
}

asyncio.run(main());
`;

/** Every shape found to overflow esbuild's service, acorn or the rewrites, made `n` deep. */
const SHAPES: Record<string, (n: number) => string> = {
  "nested arrays": (n) => `const x = ${"[".repeat(n)}${"]".repeat(n)};`,
  "nested objects": (n) => `const x = ${"{a:".repeat(n)}1${"}".repeat(n)};`,
  "nested parentheses": (n) => `const x = ${"(".repeat(n)}1${")".repeat(n)};`,
  "nested calls": (n) => `const f = (v: number) => v;\nconst x = ${"f(".repeat(n)}1${")".repeat(n)};`,
  "nested arrow functions": (n) => `const x = ${"() => ".repeat(n)}1;`,
  "nested async arrow functions": (n) => `const x = ${"async () => ".repeat(n)}1;`,
  "nested functions": (n) => `${"function f() { ".repeat(n)}${"}".repeat(n)}`,
  "nested async functions": (n) => `${"async function f() { ".repeat(n)}${"}".repeat(n)}`,
  "nested template substitutions": (n) => `const x = ${"`${".repeat(n)}1${"}`".repeat(n)};`,
  "nested blocks": (n) => `${"{".repeat(n)}${"}".repeat(n)}`,
  "nested ifs": (n) => `let a = 1;\n${"if (a) ".repeat(n)};`,
  "else-if chains": (n) => `let a = 1;\nif (a) {}${" else if (a) {}".repeat(n)}`,
  "nested classes": (n) => `${"class A { m() { ".repeat(n)}${"} }".repeat(n)}`,
  "nested ternaries": (n) => `let a = 1;\nconst x = ${"a ? a : ".repeat(n)}a;`,
  "nested generic types": (n) => `type A<T> = T;\nlet x: ${"A<".repeat(n)}number${">".repeat(n)};`,
  "nested regular expression groups": (n) => `const r = /${"(".repeat(n)}a${")".repeat(n)}/;`,
  labels: (n) => `${Array.from({ length: n }, (_, index) => `l${index}: `).join("")};`,
  "1+1+1… chains": (n) => `const x = 1${"+1".repeat(n)};`,
  "!!!… chains": (n) => `const x = ${"!".repeat(n)}1;`,
  "typeof typeof… chains": (n) => `const x = ${"typeof ".repeat(n)}1;`,
  "await await… chains": (n) => `async function m() { ${"await ".repeat(n)}1; }`,
  "member chains": (n) => `const a: any = {};\nconst x = a${".b".repeat(n)};`,
  "call chains": (n) => `const f: any = () => f;\nconst x = f${"()".repeat(n)};`,
  "new new… chains": (n) => `class X {}\nconst x = ${"new ".repeat(n)}X;`,
  "comma sequences": (n) => `const x = (1${",1".repeat(n)});`,
  "assignment chains": (n) => `let a = 1;\n${"a = ".repeat(n)}1;`,
};

/** The largest n whose source stays within the default 64 KB snippet limit, up to 8,000. */
function within64KB(make: (n: number) => string): string {
  let n = 8000;
  while (make(n).length > 64 * 1024) n = Math.floor(n * 0.9);
  return make(n);
}

async function compileError(source: string, options: Parameters<typeof compile>[1] = {}): Promise<CompileError> {
  try {
    await compile(source, options);
  } catch (error) {
    assert.ok(error instanceof CompileError, `not a CompileError: ${error}`);
    return error;
  }
  assert.fail("it compiled");
}

async function assertBenignRunCompletes(): Promise<void> {
  const benign = await collect(BENIGN);
  assert.equal(benign.end.reason, "completed", JSON.stringify(benign.end));
  assert.equal(benign.stdout, "benign 1\n");
}

function value(outcome: EvalOutcome): string | null {
  if (outcome.kind !== "value") assert.fail(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** The esbuild-wasm service process this process started, found through /proc. */
function servicePid(): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("esbuild-wasm")) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

describe("the issue's attacks", () => {
  test("an 8,000-level array as a program run ends with a compile error and an end event saying why; a benign run then completes", async () => {
    const attack = `const x = ${"[".repeat(8000)}${"]".repeat(8000)};`;
    assert.ok(attack.length < 64 * 1024);
    const run = await collect(attack);
    const refused = run.events.find((event): event is CompileErrorEvent => event.type === "compile-error");
    assert.ok(refused, "no compile-error event");
    const [diagnostic] = refused.diagnostics;
    // The assignment is a level, then each bracket: the one that crosses is bracket LEVELS.
    const column = "const x = ".length + LEVELS;
    assert.deepEqual([diagnostic?.line, diagnostic?.column], [1, column]);
    assert.match(diagnostic?.message ?? "", new RegExp(`nesting deeper than ${LEVELS} levels .*split it`));
    assert.equal(run.end.reason, "error");
    assert.ok(run.end.message?.startsWith(`snippet.ts:1:${column}: nesting deeper than ${LEVELS} levels`), run.end.message);
    assert.equal(run.events.at(-1), run.end);
    await assertBenignRunCompletes();
  });

  test("a 3,000-level REPL input gets a compile-error outcome; the next input of the session and a new session work", async () => {
    const session = await openSession({ pool: testPool() });
    const outcome = await session.eval(`const x = ${"[".repeat(3000)}${"]".repeat(3000)};`);
    assert.equal(outcome.kind, "compile-error");
    const diagnostic = outcome.kind === "compile-error" ? outcome.error.diagnostics[0] : undefined;
    assert.equal(diagnostic?.file, "<input-1>");
    assert.match(diagnostic?.message ?? "", new RegExp(`nesting deeper than ${LEVELS} levels`));
    assert.equal(value(await session.eval("1 + 1")), "2");
    await session.close();
    const another = await openSession({ pool: testPool() });
    assert.equal(value(await another.eval(`import asyncio from "asyncio"; await asyncio.sleep(0, "fresh")`)), "'fresh'");
    await another.close();
  });
});

describe("every shape that overflows the compiler is refused with a clear message, and the next compile works", () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    test(name, async () => {
      const started = performance.now();
      const error = await compileError(within64KB(make));
      assert.match(
        error.diagnostics[0]?.message ?? "",
        /(nesting deeper than|operators chained in one statement).*(split it|split the expression)/,
      );
      assert.ok(performance.now() - started < 1000, "the refusal should not wait for the compiler");
      await compile(BENIGN);
    });
  }

  test("through the REPL too, and the session goes on", async () => {
    const session = await openSession({ pool: testPool() });
    for (const make of Object.values(SHAPES)) {
      const outcome = await session.eval(within64KB(make));
      assert.equal(outcome.kind, "compile-error", JSON.stringify(outcome).slice(0, 300));
    }
    assert.equal(value(await session.eval("40 + 2")), "42");
    await session.close();
  });
});

describe("a compiler service that dies or stalls is restarted, and only the snippet that did it fails", () => {
  test("a service that died while idle is not blamed on the next snippet", async () => {
    await compile(BENIGN);
    const pid = servicePid();
    assert.ok(pid !== null, "no esbuild service process");
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await compile(`${BENIGN}\n// after an idle death`);
    assert.notEqual(servicePid(), pid);
  });

  test("a service killed during a compile fails that compile with a clear compile error; the next one works", async () => {
    await compile(BENIGN);
    const pid = servicePid();
    assert.ok(pid !== null, "no esbuild service process");
    const slow = `const data = [${Array.from({ length: 12_000 }, (_, index) => index).join(",")}];\n`;
    const compiling = compileError(slow);
    // The request is on its way: compile() checked the source and wrote to the service.
    await new Promise((resolve) => setImmediate(resolve));
    process.kill(pid, "SIGKILL");
    const error = await compiling;
    assert.equal(error.diagnostics[0]?.message, DIED_MESSAGE);
    await compile(`${BENIGN}\n// after a death`);
    await assertBenignRunCompletes();
  });

  test("input that overflows the service (the bound bypassed) fails that snippet within the stall timeout; a snippet compiled alongside it compiles", async () => {
    const previous = setStallTimeout(2000);
    try {
      const attack = `const x = ${"[".repeat(30_000)}${"]".repeat(30_000)};`;
      const started = performance.now();
      const [refused, innocent] = await Promise.all([
        compileError(attack, { checkNesting: false }),
        compile(`${BENIGN}\n// compiled alongside the attack`),
      ]);
      assert.match(refused.diagnostics[0]?.message ?? "", /^the compiler failed on this snippet: (its service stopped|it took too long)/);
      assert.ok(innocent.code.length > 0);
      // Two stalls at most: on the service it shared, then alone on a new one (which has 10 s more to start).
      assert.ok(performance.now() - started < 30_000, `took ${performance.now() - started} ms`);
    } finally {
      setStallTimeout(previous);
    }
    await compile(`${BENIGN}\n// after the attack`);
    await assertBenignRunCompletes();
    const session = await openSession({ pool: testPool() });
    assert.equal(value(await session.eval("6 * 7")), "42");
    await session.close();
  });
});
