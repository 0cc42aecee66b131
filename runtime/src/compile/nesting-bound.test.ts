// The source scan that keeps code the compiler cannot take away from it: every shape that
// overflows a parser is refused where it goes too deep, and what a person writes is not.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkNesting, SOURCE_LIMITS } from "./nesting-bound.js";
import { checkTokens, PARSE_LIMITS } from "./token-bound.js";

const LEVELS = SOURCE_LIMITS.levels;
const OPERATORS = SOURCE_LIMITS.operators;

/** Shapes that nest, each made `n` deep. */
const NESTED: Record<string, (n: number) => string> = {
  arrays: (n) => `const x = ${"[".repeat(n)}${"]".repeat(n)};`,
  objects: (n) => `const x = ${"{a:".repeat(n)}1${"}".repeat(n)};`,
  parentheses: (n) => `const x = ${"(".repeat(n)}1${")".repeat(n)};`,
  calls: (n) => `const x = ${"f(".repeat(n)}1${")".repeat(n)};`,
  arrows: (n) => `const x = ${"() => ".repeat(n)}1;`,
  "async arrows": (n) => `const x = ${"async () => ".repeat(n)}1;`,
  functions: (n) => `${"function f() { ".repeat(n)}${"}".repeat(n)}`,
  templates: (n) => `const x = ${"`${".repeat(n)}1${"}`".repeat(n)};`,
  blocks: (n) => `${"{".repeat(n)}${"}".repeat(n)}`,
  ifs: (n) => `${"if (a) ".repeat(n)};`,
  "else-if chains": (n) => `if (a) x;${" else if (a) x;".repeat(n)}`,
  "else-if chains with braces": (n) => `if (a) {}${"\nelse if (a) {}".repeat(n)}`,
  ternaries: (n) => `const x = ${"a ? a : ".repeat(n)}a;`,
  labels: (n) => `${Array.from({ length: n }, (_, index) => `l${index}: `).join("")};`,
  classes: (n) => `${"class A { m() { ".repeat(n)}${"} }".repeat(n)}`,
  "regular expression groups": (n) => `const r = /${"(".repeat(n)}a${")".repeat(n)}/;`,
  negations: (n) => `const x = ${"!".repeat(n)}1;`,
  "signs, +-+-…": (n) => `const x = ${"+-".repeat(n)}1;`,
  "typeof chains": (n) => `const x = ${"typeof ".repeat(n)}1;`,
  "new chains": (n) => `const x = ${"new ".repeat(n)}X;`,
  "await chains": (n) => `async function m() { ${"await ".repeat(n)}1; }`,
  "assignment chains": (n) => `${"a = ".repeat(n)}1;`,
  "compound assignment chains": (n) => `${"a **= ".repeat(n)}1;`,
  "exponent chains": (n) => `const x = 2${" ** 2".repeat(n)};`,
  "member chains": (n) => `const x = a${".b".repeat(n)};`,
  "optional member chains": (n) => `const x = a${"?.b".repeat(n)};`,
  "call chains": (n) => `const x = f${"()".repeat(n)};`,
  "index chains": (n) => `const x = a${"[0]".repeat(n)};`,
};

/** Shapes that chain operators, each made `n` long. */
const CHAINED: Record<string, (n: number) => string> = {
  additions: (n) => `const x = 1${"+1".repeat(n)};`,
  "logical and": (n) => `const x = a${" && a".repeat(n)};`,
  "comma sequences": (n) => `const x = (1${",1".repeat(n)});`,
  "nested generic types": (n) => `let x: ${"A<".repeat(n)}number${">".repeat(n)};`,
  "generic types with commas": (n) => `let x: ${"Map<x, ".repeat(n)}number${">".repeat(n)};`,
  "an expression continued on new lines": (n) => `x${"\n+ 1".repeat(n)};`,
};

describe("checkNesting", () => {
  for (const [name, make] of Object.entries(NESTED)) {
    test(`refuses ${name} nested past ${LEVELS} levels, naming the place`, () => {
      // Member and call links count half a level: twice as many.
      const refused = checkNesting(make(LEVELS * 4), "deep.ts");
      assert.ok(refused !== null, "not refused");
      assert.match(refused.message, new RegExp(`nesting deeper than ${LEVELS} levels.*split it`));
      assert.equal(refused.file, "deep.ts");
      assert.ok(refused.column > 1 || refused.line > 1, `${refused.line}:${refused.column}`);
      assert.match(refused.frame, /\^$/);
    });
  }

  for (const [name, make] of Object.entries(CHAINED)) {
    test(`refuses ${name} past ${OPERATORS} operators`, () => {
      const refused = checkNesting(make(OPERATORS * 2), "long.ts");
      assert.ok(refused !== null, "not refused");
      assert.match(refused.message, /operators chained in one statement.*split the expression/);
    });
  }

  test("a shape a little deeper than people write is accepted", () => {
    for (const make of [NESTED.arrays, NESTED.objects, NESTED.ifs, NESTED.ternaries, NESTED["else-if chains"]]) {
      assert.equal(checkNesting((make as (n: number) => string)(40), "s.ts"), null);
    }
    assert.equal(checkNesting((CHAINED.additions as (n: number) => string)(300), "s.ts"), null);
  });

  test("brackets in strings, comments, templates' text and regular expressions' classes do not count", () => {
    const opens = "(".repeat(LEVELS * 3);
    for (const source of [
      `const s = "${opens}";`,
      `const s = '${opens}';`,
      `// ${opens}\nconst a = 1;`,
      `/* ${opens} */ const a = 1;`,
      `const s = \`${opens}\`;`,
      `const r = /[${opens}]/;`,
      `const r = /\\(${"\\(".repeat(LEVELS * 2)}/;`,
    ]) {
      assert.equal(checkNesting(source, "s.ts"), null, source.slice(0, 40));
    }
  });

  test("statements and elements each start their count again", () => {
    const lines = Array.from({ length: 2000 }, (_, index) => `const v${index} = a.b.c + ${index} * 2 - f(x) && !y\n`);
    assert.equal(checkNesting(lines.join(""), "s.ts"), null, "lines without semicolons");
    assert.equal(checkNesting(`const data = [${Array.from({ length: 5000 }, (_, index) => `-${index}`).join(", ")}];`, "s.ts"), null);
    const ifs = Array.from({ length: 500 }, (_, index) => `if (x === ${index}) {\n  y();\n}\n`).join("");
    assert.equal(checkNesting(ifs, "s.ts"), null, "separate if statements");
    const cases = `switch (x) {\n${Array.from({ length: 500 }, (_, index) => `case ${index}: y(); break;\n`).join("")}}`;
    assert.equal(checkNesting(cases, "s.ts"), null, "switch cases");
  });

  test("every example of the repository is accepted", () => {
    const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
    let checked = 0;
    for (const folder of readdirSync(examples, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(path.join(examples, folder.name))) {
        if (!file.endsWith(".ts")) continue;
        const refused = checkNesting(readFileSync(path.join(examples, folder.name, file), "utf8"), file);
        assert.equal(refused, null, `${folder.name}/${file}: ${refused?.message}`);
        checked++;
      }
    }
    assert.ok(checked > 50, `only ${checked} examples`);
  });

  test("the reported place is where the limit is crossed", () => {
    const source = `const ok = 1;\nconst x = ${"[".repeat(LEVELS + 10)}${"]".repeat(LEVELS + 10)};`;
    const refused = checkNesting(source, "s.ts");
    assert.equal(refused?.line, 2);
    // The assignment is a level, then each bracket: the one that crosses is bracket LEVELS.
    assert.equal(refused?.column, "const x = ".length + LEVELS);
  });

  test("a source over a million characters is refused before any scan", () => {
    assert.match(checkNesting(" ".repeat(1_000_001), "s.ts")?.message ?? "", /longer than 1,000,000 characters/);
  });
});

describe("checkTokens (acorn's own tokens, for the parses in the server's thread)", () => {
  const options = { ecmaVersion: "latest", sourceType: "script" } as const;

  test("refuses JavaScript nested past its limit, at the token that crosses it", () => {
    const source = `var x = ${"[".repeat(PARSE_LIMITS.levels * 2)}${"]".repeat(PARSE_LIMITS.levels * 2)};`;
    const refused = checkTokens(source, options);
    assert.equal(refused?.reason, "levels");
    assert.equal(refused?.index, "var x = ".length + PARSE_LIMITS.levels - 1);
  });

  test("counts what a scan of the text could misread: a regular expression after `)` of an if", () => {
    const deep = `if (x) /"/.test(y); var z = ${"(".repeat(PARSE_LIMITS.levels * 2)}1${")".repeat(PARSE_LIMITS.levels * 2)};`;
    assert.equal(checkTokens(deep, options)?.reason, "levels");
  });

  test("accepts esbuild-shaped output of a long program", () => {
    const body = Array.from({ length: 3000 }, (_, index) => `  var v${index} = (yield f(${index})) + g.h[${index}];\n`).join("");
    assert.equal(checkTokens(`(() => {\n function* main() {\n${body} }\n})();\n`, options), null);
  });
});
