// The compile step: esbuild's inlined helpers are blanked in place (so the source map still
// holds), lowered functions keep their names, lowered bodies that can be are hoisted out of
// their functions line for line, generator functions leave their names on their prototype,
// and compile errors point at the snippet's own line and column.
import assert from "node:assert/strict";
import { SourceMap } from "node:module";
import { test } from "node:test";
import * as esbuild from "esbuild-wasm";
import { runSnippet, ts } from "../../test/harness.js";
import { CompileError, compile } from "./index.js";
import { REPLACED_HELPERS, rewriteHelpers } from "./rewrite-helpers.js";

const LOWERING_SOURCE = ts`
  async function main() { await 1; }
  async function* numbers() { yield 1; }
  async function iterate() { for await (const x of numbers()) print(x); }
  async function dispose() { await using resource = null; }
`;

async function esbuildOutput(source: string): Promise<string> {
  const result = await esbuild.transform(source, {
    loader: "ts",
    format: "esm",
    target: "es2022",
    supported: { "async-await": false, "async-generator": false, "for-await": false, using: false },
  });
  return result.code;
}

test("the helpers the runtime supplies are blanked and the line count is unchanged", async () => {
  const raw = await esbuildOutput(LOWERING_SOURCE);
  for (const helper of ["__async", "__asyncGenerator", "__forAwait", "__using", "__callDispose"]) {
    assert.match(raw, new RegExp(`^var ${helper} = `, "m"), `esbuild no longer emits ${helper}`);
  }
  const rewritten = rewriteHelpers(raw);
  const rawLines = raw.split("\n");
  const lines = rewritten.split("\n");
  assert.equal(lines.length, rawLines.length);
  for (const helper of REPLACED_HELPERS) assert.doesNotMatch(rewritten, new RegExp(`\\bvar ${helper} = `));
  // Lines outside the helpers are untouched except for the names given to lowered bodies and
  // the hoisted bodies' first and last lines.
  lines.forEach((line, index) => {
    const original = rawLines[index] as string;
    if (line === "" || line === original || line === original.replace(/\}\);$/, "}")) return;
    assert.match(line, /__(async|asyncGenerator)(Named|Hoisted)\("\w+", /, `line ${index + 1} changed unexpectedly: ${line}`);
  });
  assert.match(rewritten, /var __knownSymbol = /, "helpers the runtime does not supply are kept");
});

test("a multi-line helper is blanked through its last line; other code stays put", () => {
  const code = [
    "var __async = (__this, __arguments, generator) => {",
    "  return new Promise((resolve, reject) => {",
    "    resolve([1, 2].map((x) => ({ x })));",
    "  });",
    "};",
    "var __other = () => {};",
    "function main() {",
    "  return 1;",
    "}",
  ].join("\n");
  assert.equal(rewriteHelpers(code), ["", "", "", "", "", "var __other = () => {};", "function main() {", "  return 1;", "}"].join("\n"));
});

test("a helper that never ends means esbuild's output changed, and says so", () => {
  assert.throws(() => rewriteHelpers("var __using = (stack, value) => {\n  stack.push(value);\n"), /esbuild helper at line 1 does not end/);
});

test("lowered functions get their names: declarations, methods, arrows and function expressions assigned to a name", async () => {
  const { code } = await compile(ts`
    async function declared() {}
    const arrow = async () => {};
    let withParameter = async (x: number) => x;
    var one = async x => x;
    let reassigned;
    reassigned = async () => 2;
    const expression = async function () {};
    const namedExpression = async function inner() {};
    async function withDefault(a = Math.max(1, 2)) { return a; }
    async function* agen() { yield 1; }
    class Service {
      field = async () => {};
      async method() {}
      static async create() {}
      async *stream() { yield 1; }
    }
    const object = { async method() {}, property: async () => 1, async *generator() { yield 1; } };
  `);
  const names = [...code.matchAll(/__(async|asyncGenerator)(?:Named|Hoisted)\("(\w+)"/g)].map((match) => `${match[1]} ${match[2]}`);
  assert.deepEqual(names.sort(), [
    "async arrow",
    "async create",
    "async declared",
    "async expression",
    "async field",
    "async inner",
    "async method",
    "async method",
    "async one",
    "async property",
    "async reassigned",
    "async withDefault",
    "async withParameter",
    "asyncGenerator agen",
    "asyncGenerator generator",
    "asyncGenerator stream",
  ]);
});

test("anonymous and computed functions stay unnamed, and a keyword line above never names one", async () => {
  const { code } = await compile(ts`
    import asyncio from "asyncio";
    for (const x of [1]) {
      const inLoop = async () => x;
    }
    if (true) asyncio.run((async () => 1)());
    class K { async ["computed"]() {} }
  `);
  assert.match(code, /inLoop = \(\) => __asyncHoisted\("inLoop", /);
  assert.match(code, /run\(\(\(\) => __async\(null, null, function\* \(\)/);
  assert.match(code, /\["computed"\]\(\) \{\n\s*return __async\(this, null, function\* \(\)/);
  assert.doesNotMatch(code, /Named\("(for|if|while|switch|catch|function)"/);
});

/** What rewriteHelpers makes of esbuild-shaped lines (no helpers among them). */
function rewritten(...lines: string[]): string[] {
  return rewriteHelpers(lines.join("\n")).split("\n");
}

test("a function declaration's lowered body is hoisted into a sibling generator declaration, line for line", () => {
  assert.deepEqual(
    rewritten(
      "  function worker(lock, ...rest) {",
      "    return __async(this, null, function* () {",
      "      yield lock.acquire();",
      "",
      "      return rest;",
      "    });",
      "  }",
      "  worker(1);",
    ),
    [
      "  function worker(lock, ...rest) {",
      '    return __asyncHoisted("worker", worker$body, worker$body.call(this, lock, rest)); } function* worker$body(lock, rest) {',
      "      yield lock.acquire();",
      "",
      "      return rest;",
      "    }",
      "",
      "  worker(1);",
    ],
  );
});

test("parameters esbuild moved onto the generator stay there, and the function passes its arguments", () => {
  assert.deepEqual(
    rewritten(
      "function total(_0, _1) {",
      "  return __async(this, arguments, function* ({ a, b }, [c] = [1]) {",
      "    return a + b + c;",
      "  });",
      "}",
    ),
    [
      "function total(_0, _1) {",
      '  return __asyncHoisted("total", total$body, total$body.apply(this, arguments)); } function* total$body({ a, b }, [c] = [1]) {',
      "    return a + b + c;",
      "  }",
      "",
    ],
  );
});

test("a function expression assigned to a name is hoisted the same way, keeping the statement's semicolon", () => {
  assert.deepEqual(
    rewritten("const handler = function(event) {", "  return __async(this, null, function* () {", "    return event;", "  });", "};"),
    [
      "const handler = function(event) {",
      '  return __asyncHoisted("handler", handler$body, handler$body.call(this, event)); }; function* handler$body(event) {',
      "    return event;",
      "  }",
      "",
    ],
  );
});

test("an arrow assigned to a name is hoisted with the this it captured and the parameters esbuild gave it", () => {
  assert.deepEqual(
    rewritten(
      "    const fetch = (url) => __async(this, null, function* () {",
      "      return this.get(url);",
      "    });",
      "    var point = (_0) => __async(null, [_0], function* ({ x, y }) {",
      "      return x + y;",
      "    });",
    ),
    [
      '    const fetch = (url) => __asyncHoisted("fetch", fetch$body, fetch$body.call(this, url)); function* fetch$body(url) {',
      "      return this.get(url);",
      "    }",
      '    var point = (_0) => __asyncHoisted("point", point$body, point$body.call(null, _0)); function* point$body({ x, y }) {',
      "      return x + y;",
      "    }",
    ],
  );
});

test("a hoisted name no identifier uses: a taken one, or the same function name twice, gets a number", () => {
  const lines = rewritten(
    "function run() {",
    "  return __async(this, null, function* () {",
    "    return run$body;",
    "  });",
    "}",
    "function run() {",
    "  return __async(this, null, function* () {",
    "  });",
    "}",
  );
  assert.match(lines[1] as string, /function\* run\$body2\(\) \{$/);
  assert.match(lines[6] as string, /function\* run\$body3\(\) \{$/);
});

test("bodies that cannot move safely stay where they are, named", () => {
  const unchanged = [
    // A default parameter left on the function could close over the parameter the body assigns.
    ["function withDefault(a = () => x) {", "  return __async(this, null, function* () {", "    return a;", "  });", "}"],
    // A named function expression binds its name inside, which a sibling would not see.
    ["var f = function inner(a) {", "  return __async(this, null, function* () {", "    return inner;", "  });", "};"],
    // A template literal could hold a line that looks like the body's end.
    ["function text() {", "  return __async(this, null, function* () {", "    return `a", "  });", "`;", "  });", "}"],
    // The body's own `arguments` and `super` would change meaning.
    ["function count() {", "  return __async(this, null, function* () {", "    return arguments.length;", "  });", "}"],
    // A function passed as an argument is an expression: no statement can follow it there.
    ["run(", "  function job(a) {", "    return __async(this, null, function* () {", "      return a;", "    });", "  }", ");"],
    // Methods, and arrows inside expressions, have no statement position beside them.
    ["class K {", "  method(a) {", "    return __async(this, null, function* () {", "      return a;", "    });", "  }", "}"],
    ["tasks.push(create(() => __async(null, null, function* () {", "  return 1;", "})));"],
    // A declaration list goes on after the body.
    ["let x1 = () => __async(null, null, function* () {", "  return 1;", "}), x2 = 2;"],
  ];
  for (const lines of unchanged) {
    const result = rewritten(...lines);
    assert.equal(result.length, lines.length);
    assert.ok(!result.join("\n").includes("Hoisted"), `hoisted: ${lines.join("\n")}`);
    assert.deepEqual(
      result.map((line) => line.replace(/__asyncNamed\("\w+", /, "__async(")),
      lines,
    );
  }
});

test("hoisted coroutines behave as before: this, arguments, rest, destructuring, closures, recursion and names", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    print(asyncio.run(early()));
    async function early() {
      try {
        await failing();
      } catch (error) {
        // The frame of a hoisted body carries the function's name, even before its declaration ran.
        return (error as Error).stack?.split("\\n")[1]?.trim().split(" ")[1];
      }
    }
    async function failing() {
      throw new Error("boom");
    }
    async function sum(first: number, ...others: number[]): Promise<number> {
      return first + others.reduce((a, b) => a + b, 0);
    }
    async function pick({ a }: { a: number }, [b]: number[], c = 10) {
      return [a, b, c, arguments.length];
    }
    async function factorial(n: number): Promise<number> {
      return n <= 1 ? 1 : n * (await factorial(n - 1));
    }
    const counter = {
      count: 5,
      async next(this: { count: number }) {
        return ++this.count;
      },
    };
    async function usesThis(this: { count: number }) {
      return this.count;
    }
    const makeAdders = () => {
      const adders = [];
      for (let i = 0; i < 3; i++) {
        const add = async (x: number) => x + i;
        adders.push(add);
      }
      return adders;
    };
    const reassign = async function (value: number) {
      value *= 2;
      return value;
    };
    async function main() {
      const adders = makeAdders();
      print(await sum(1, 2, 3), await pick({ a: 1 }, [2]), await factorial(5), await counter.next());
      print(await usesThis.call({ count: 7 }), await adders[0](10), await adders[2](10), await reassign(4));
      print(sum(1), factorial, pick.length);
      await sum(0);
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "failing\n6 [1, 2, 10, 2] 120 6\n7 10 12 8\n<coroutine object sum> <function factorial> 2\n");
  assert.equal(stderr, "RuntimeWarning: coroutine 'sum' was never awaited\n");
});

test("a named coroutine is Python-named in messages, and a recursive one still calls itself", async () => {
  const { stdout, stderr } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function factorial(n: number): Promise<number> {
      return n <= 1 ? 1 : n * (await factorial(n - 1));
    }
    const forgotten = async () => {};
    async function main() {
      forgotten();
      const unawaited = factorial(1);
      print(await factorial(5), unawaited, await asyncio.createTask(factorial(3)));
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "120 <coroutine object factorial> 6\n");
  assert.equal(
    stderr,
    "RuntimeWarning: coroutine 'forgotten' was never awaited\nRuntimeWarning: coroutine 'factorial' was never awaited\n",
  );
});

test("a generator function leaves its name for the generators it makes", async () => {
  const { code } = await compile(ts`
    // a comment above the declaration
    function* fibonacci(n: number) {
      let [a, b] = [0, 1];
      for (let i = 0; i < n; i++) { yield a; [a, b] = [b, a + b]; }
    }
    const anonymous = function* () { yield 1; };
  `);
  assert.match(code, /__generatorFunction\(fibonacci, "fibonacci"\); function\* fibonacci\(n\) \{/);
  const { stdout } = await runSnippet(ts`
    import asyncio from "asyncio";
    function* fibonacci(n: number) {
      let [a, b] = [0, 1];
      for (let i = 0; i < n; i++) { yield a; [a, b] = [b, a + b]; }
    }
    function* countdown(): Generator<unknown, string, unknown> {
      yield asyncio.sleep(1);
      return "liftoff";
    }
    const anonymous = function* () { yield 1; };
    print(fibonacci(5), [...fibonacci(5)], anonymous());
    async function main() {
      const task = asyncio.createTask(countdown());
      print(task.getCoro(), await task);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "<generator object fibonacci> [0, 1, 1, 2, 3] <generator object>\n<coroutine object countdown> liftoff\n");
});

test("the source map still points lowered code at the snippet's own lines", async () => {
  const source = ts`
    import asyncio from "asyncio";

    async function main() {
      await asyncio.sleep(1);
      print("marker");
    }
    asyncio.run(main());
  `;
  const { code, map } = await compile(source);
  const lines = code.split("\n");
  const generatedLine = lines.findIndex((line) => line.includes('print("marker")'));
  assert.ok(generatedLine > 0);
  const column = (lines[generatedLine] as string).indexOf("print");
  const entry = new SourceMap(JSON.parse(map)).findEntry(generatedLine, column) as { originalLine: number };
  assert.equal(entry.originalLine + 1, 5);
});

test("a syntax error is a CompileError with file, line, column and a frame pointing at it", async () => {
  await assert.rejects(compile("const a = 1;\nconst b = ;\n", { filename: "mine.ts" }), (error: unknown) => {
    assert.ok(error instanceof CompileError);
    assert.equal(error.diagnostics.length, 1);
    const [diagnostic] = error.diagnostics;
    assert.deepEqual(
      { file: diagnostic?.file, line: diagnostic?.line, column: diagnostic?.column, frame: diagnostic?.frame },
      { file: "mine.ts", line: 2, column: 11, frame: "2 | const b = ;\n              ^" },
    );
    assert.equal(error.message, `mine.ts:2:11: ${diagnostic?.message}\n2 | const b = ;\n              ^`);
    return true;
  });
});

test("top-level await is a compile error that explains where await works", async () => {
  await assert.rejects(compile('import asyncio from "asyncio";\nawait asyncio.sleep(1);\n'), (error: unknown) => {
    assert.ok(error instanceof CompileError);
    assert.equal(
      error.diagnostics[0]?.message,
      "top-level await works in the REPL; in a program, put it in `async function main()` and call `asyncio.run(main())`",
    );
    assert.equal(error.diagnostics[0]?.line, 2);
    return true;
  });
});

test("importing an unknown module is a compile error naming the module and what can be imported", async () => {
  await assert.rejects(compile('import asyncio from "asyncio";\nimport numpy from "numpy";\n'), (error: unknown) => {
    assert.ok(error instanceof CompileError);
    const [diagnostic] = error.diagnostics;
    assert.equal(diagnostic?.line, 2);
    assert.equal(diagnostic?.column, 19);
    assert.match(diagnostic?.message ?? "", /^Cannot import "numpy": Looplab snippets can import "asyncio", "time", "random"/);
    return true;
  });
  await assert.rejects(
    compile('import random from "random";\n', { importable: ["asyncio"] }),
    /Cannot import "random": Looplab snippets can import "asyncio"$/m,
  );
});
