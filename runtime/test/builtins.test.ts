// The globals and small modules every snippet has: print() as Python's str()/repr(), console,
// time on the run's clock, and random as CPython's Mersenne Twister. Expected values come from
// CPython 3.11 (the random ones were printed by python3 with the same seeds and calls).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { runOk } from "./run-ok.js";

test("print shows strings bare, None, True and False, and Python's float reprs", async () => {
  const { stdout } = await runOk(ts`
    print("plain", 1, 2.5, -0.5, null, undefined, true, false);
    print(0.1 + 0.2, 1e-7, 1.5e-5, 0.0001, 0.00012, 1e21, 1 / 3, NaN, Infinity, -Infinity);
    print(12345678901234567890n, [null, true, false, 0, -1]);
  `);
  assert.equal(
    stdout,
    [
      "plain 1 2.5 -0.5 None None True False",
      "0.30000000000000004 1e-07 1.5e-05 0.0001 0.00012 1e+21 0.3333333333333333 nan inf -inf",
      "12345678901234567890 [None, True, False, 0, -1]",
      "",
    ].join("\n"),
  );
});

test("strings inside containers get Python's repr: quote choice, escapes, non-printable characters", async () => {
  const { stdout } = await runOk(ts`
    print(["a", "it's", 'say "hi"', \`both ' and "\`, "tab\\t", "nl\\n", "back\\\\"]);
    print(["\\x01", "\\x7f", "\\xa0", "é", "\\u200b", "\\u2028", "😀", " ", "\\ud800"]);
  `);
  assert.equal(
    stdout,
    [
      `['a', "it's", 'say "hi"', 'both \\' and "', 'tab\\t', 'nl\\n', 'back\\\\']`,
      "['\\x01', '\\x7f', '\\xa0', 'é', '\\u200b', '\\u2028', '😀', ' ', '\\ud800']",
      "",
    ].join("\n"),
  );
});

test("arrays print as lists, objects and Maps as dicts, Sets as sets, bytes as bytes", async () => {
  const { stdout } = await runOk(ts`
    print({ k: 1, "two words": [1, { n: null }] }, new Map<unknown, unknown>([["a", 1], [2, "b"]]), new Set([1, "x"]), new Set(), {});
    print([1, [2, [3]]], []);
    print(Uint8Array.from([104, 105, 10]), [Uint8Array.from([105, 116, 39, 115])], new Uint8Array([0, 255, 34]));
  `);
  assert.equal(
    stdout,
    [
      "{'k': 1, 'two words': [1, {'n': None}]} {'a': 1, 2: 'b'} {1, 'x'} set() {}",
      "[1, [2, [3]]] []",
      `b'hi\\n' [b"it's"] b'\\x00\\xff"'`,
      "",
    ].join("\n"),
  );
});

test("containers that contain themselves print as [...] and {...}", async () => {
  const { stdout } = await runOk(ts`
    const list: unknown[] = [1];
    list.push(list);
    const dict: Record<string, unknown> = { a: 1 };
    dict.self = dict;
    print(list, dict);
  `);
  assert.equal(stdout, "[1, [...]] {'a': 1, 'self': {...}}\n");
});

test("errors print their message at top level and their repr inside containers", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    print(new Error("boom"), [new Error("boom"), new TypeError()], { k: new RangeError("r") });
    print([new asyncio.CancelledError(), new asyncio.TimeoutError(), new asyncio.InvalidStateError("x")]);
    class MyError extends Error {
      constructor(message: string) { super(message); this.name = "MyError"; }
    }
    print(new MyError("mine"), [new MyError("mine")]);
  `);
  assert.equal(
    stdout,
    [
      "boom [Error('boom'), TypeError()] {'k': RangeError('r')}",
      "[CancelledError(), TimeoutError(), InvalidStateError('x')]",
      "mine [MyError('mine')]",
      "",
    ].join("\n"),
  );
});

test("print takes sep, end and file as a trailing options object", async () => {
  const { stdout, stderr } = await runOk(ts`
    print("a", "b", { sep: "-", end: "!\\n" });
    print("x", { end: "" });
    print("y");
    print("a", 1, { sep: "" });
    print();
    print("to stderr", { file: "stderr" });
    print({ sep: "-", other: 1 });
  `);
  assert.equal(stdout, "a-b!\nxy\na1\n\n{'sep': '-', 'other': 1}\n");
  assert.equal(stderr, "to stderr\n");
});

test("print uses a class's __str__ and __repr__, and shows classes, functions and plain instances", async () => {
  const { stdout } = await runOk(ts`
    class Point {
      constructor(readonly x: number, readonly y: number) {}
      __repr__() { return \`Point(\${this.x}, \${this.y})\`; }
    }
    class Named {
      __str__() { return "str of Named"; }
      __repr__() { return "repr of Named"; }
    }
    class Plain { x = 1; }
    function foo() {}
    print(new Point(1, 2), [new Point(3, 4)]);
    print(new Named(), [new Named()]);
    print(new Plain(), Plain, foo, [() => 1]);
  `);
  assert.equal(
    stdout,
    "Point(1, 2) [Point(3, 4)]\nstr of Named [repr of Named]\n<Plain object> <class 'Plain'> <function foo> [<function <lambda>>]\n",
  );
});

test("console.log formats the JavaScript way; warn and error go to stderr", async () => {
  const { stdout, stderr } = await runOk(ts`
    console.log("log", 1, "s", [1, "a"], { a: "b" }, null, undefined, true);
    console.log(["it's", 'say "hi"', \`both ' and "\`, "a\\nb", -0]);
    console.info("info", new Map([[1, 2]]));
    console.debug("debug", new Set(["x"]));
    console.warn("warn", [1]);
    console.error("error", { nested: { deep: [1, 2] } });
  `);
  assert.equal(
    stdout,
    "log 1 s [ 1, 'a' ] { a: 'b' } null undefined true\n[ \"it's\", 'say \"hi\"', `both ' and \"`, 'a\\nb', -0 ]\ninfo Map(1) { 1 => 2 }\ndebug Set(1) { 'x' }\n",
  );
  assert.equal(stderr, "warn [ 1 ]\nerror { nested: { deep: [ 1, 2 ] } }\n");
});

test("time.time, perf_counter and monotonic read the virtual clock", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import time from "time";
    print(time.time(), time.perf_counter(), time.perfCounter(), time.monotonic());
    async function main() {
      await asyncio.sleep(1.5);
      print(time.time(), time.perf_counter(), time.monotonic(), asyncio.getRunningLoop().time());
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "1704067200 0 0 0\n1704067201.5 1.5 1.5 1.5\n");
});

test("time.sleep blocks the whole loop: a task's timer fires late, after the sleep", async () => {
  const { stdout } = await runOk(ts`
    import asyncio from "asyncio";
    import time from "time";
    async function ticker() {
      for (let i = 0; i < 3; i++) {
        print("tick", asyncio.getRunningLoop().time());
        await asyncio.sleep(1);
      }
    }
    async function main() {
      const t0 = time.perf_counter();
      const t = asyncio.createTask(ticker());
      await asyncio.sleep(0);
      time.sleep(2.5);
      print("blocked for", time.perf_counter() - t0);
      await t;
      print("total", time.perf_counter() - t0);
    }
    asyncio.run(main());
  `);
  assert.equal(stdout, "tick 0\nblocked for 2.5\ntick 2.5\ntick 3.5\ntotal 4.5\n");
});

test("time.sleep moves the clock at top level and checks its argument", async () => {
  const { stdout } = await runOk(ts`
    import time from "time";
    time.sleep(3);
    print(time.monotonic());
    try { time.sleep(-1); } catch (e) { print([e]); }
    try { time.sleep("1" as any); } catch (e) { print(e instanceof TypeError); }
  `);
  assert.equal(stdout, "3\n[ValueError('sleep length must be non-negative')]\nTrue\n");
});

test("random starts from seed 0 in every run, as CPython's random.seed(0)", async () => {
  const source = ts`
    import random from "random";
    print(random.random(), random.random(), random.randint(1, 100));
  `;
  const first = await runOk(source);
  const second = await runOk(source);
  assert.equal(first.stdout, "0.8444218515250481 0.7579544029403025 54\n");
  assert.equal(second.stdout, first.stdout);
});

test("the runtime's seed option seeds random as random.seed(n) would", async () => {
  const { stdout } = await runOk(
    ts`
      import random from "random";
      print(random.random());
    `,
    { seed: 7 },
  );
  assert.equal(stdout, "0.32383276483316237\n");
});

test("random.seed(42) then random, randint, uniform, choice, shuffle, randrange, sample, getrandbits, choices match CPython", async () => {
  const { stdout } = await runOk(ts`
    import random from "random";
    random.seed(42);
    print(random.random(), random.randint(1, 10), random.uniform(1, 2), random.choice(["a", "b", "c"]));
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    random.shuffle(xs);
    print(xs);
    print(random.randrange(100), random.randrange(10, 20, 3), random.randrange(20, 10, -2));
    print(random.sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4), random.sample(Array.from({ length: 100 }, (_, i) => i), 7));
    print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(40), random.getrandbits(53), random.getrandbits(100));
    print(random.choices(["x", "y", "z"], { k: 5 }), random.choices(["x", "y", "z"], [1, 2, 7], { k: 5 }), random.choices(["x", "y"], { cum_weights: [1, 10], k: 3 }));
    print(random.sample(["r", "b"], 5, { counts: [4, 2] }));
  `);
  assert.equal(
    stdout,
    [
      "0.6394267984578837 1 1.7415504997598328 a",
      "[10, 8, 9, 1, 5, 7, 6, 2, 3, 4]",
      "4 10 20",
      "[4, 10, 1, 5] [25, 91, 83, 89, 69, 53, 28]",
      "0 2530876844 890253050256 58535547926347 884159301598275274306077405963",
      "['y', 'x', 'x', 'z', 'x'] ['z', 'z', 'z', 'y', 'x'] ['y', 'y', 'y']",
      "['r', 'b', 'r', 'r', 'r']",
      "",
    ].join("\n"),
  );
});

test("random.seed takes big, negative, float, string and boolean seeds as CPython does", async () => {
  const { stdout } = await runOk(ts`
    import random from "random";
    const seeds = [2 ** 40 + 12345, -7, 12345678901234567890n, 3.14, -2.5, 1e-300, "hello", "héllo ✓", "", true];
    for (const seed of seeds) {
      random.seed(seed);
      print(random.random());
    }
    random.seed(7);
    print(random.randint(0, 2 ** 53 - 1), random.randrange(2 ** 40));
    random.seed(1);
    print(random.sample("abcdefghij", 3));
    random.seed();
    print(random.random());
  `);
  assert.equal(
    stdout,
    [
      "0.31036222241287226",
      "0.32383276483316237",
      "0.5120180983871961",
      "0.7754488379965433",
      "0.4779490710306722",
      "0.43684087591810306",
      "0.3537754404730722",
      "0.5592754137226804",
      "0.9602256525641875",
      "0.13436424411240122",
      "7112505144773943 105874957392",
      "['c', 'b', 'e']",
      "0.8444218515250481",
      "",
    ].join("\n"),
  );
});

test("random.Random is an independent generator, with or without new", async () => {
  const { stdout } = await runOk(ts`
    import random from "random";
    const r = random.Random(5);
    const s = new random.Random(5);
    print(r.random(), r.randint(0, 1000000), s.random());
    print(random.random());
  `);
  assert.equal(stdout, "0.6229016948897019 777820 0.6229016948897019\n0.8444218515250481\n");
});

test("random raises CPython's errors for empty ranges and bad arguments", async () => {
  const { stdout } = await runOk(ts`
    import random from "random";
    const attempts = [
      () => random.randrange(0),
      () => random.randint(1, 0),
      () => random.choice([]),
      () => random.sample([1, 2], 3),
      () => random.randrange(10, 0),
      () => random.randrange(0, 10, 0),
      () => random.getrandbits(-1),
      () => random.randrange(1.5),
      () => random.seed({} as any),
    ];
    for (const attempt of attempts) {
      try { attempt(); } catch (e) { print([e]); }
    }
  `);
  assert.equal(
    stdout,
    [
      "[ValueError('empty range for randrange()')]",
      "[ValueError('empty range for randrange() (1, 1, 0)')]",
      "[IndexError('Cannot choose from an empty sequence')]",
      "[ValueError('Sample larger than population or is negative')]",
      "[ValueError('empty range for randrange() (10, 0, -10)')]",
      "[ValueError('zero step for randrange()')]",
      "[ValueError('number of bits must be non-negative')]",
      `[TypeError("'float' object cannot be interpreted as an integer")]`,
      "[TypeError('The only supported seed types are: None,\\nint, float, str, bytes, and bytearray.')]",
      "",
    ].join("\n"),
  );
});

test("importing a module that does not exist is a compile error naming it", async () => {
  await assert.rejects(runSnippet(`import numpy from "numpy";\nprint(numpy);\n`), (error: Error) => {
    assert.equal(error.name, "CompileError");
    assert.match(error.message, /^snippet\.ts:1:19: Cannot import "numpy": Looplab snippets can import "asyncio", /);
    return true;
  });
});
