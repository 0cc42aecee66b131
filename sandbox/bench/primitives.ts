// The engine's floor: what QuickJS (as quickjs-emscripten builds it, in WebAssembly) and CPython
// each pay for the operations every task step is made of. A coroutine object and a future are
// objects with a handful of fields, and every step resumes a generator. CPython's asyncio makes
// its Task and Future steps in C; Looplab's runtime is JavaScript that QuickJS interprets. When
// one such operation costs QuickJS several times what it costs CPython, no runtime written in
// JavaScript can run the workloads in less CPU than CPython does.

/** One operation, done LOOPS times by the same loop in both languages. */
export interface Primitive {
  id: string;
  title: string;
  typescript: string;
  python: string;
}

export const LOOPS = 1_000_000;

const typescriptPrelude = `
const LOOPS = ${LOOPS};
class Point { declare a: number; declare b: number; declare c: number; declare d: number; declare e: number;
  constructor(v: number) { this.a = v; this.b = v; this.c = v; this.d = v; this.e = v; } }
function add(a: number, b: number) { return a + b; }
function* counter() { let i = 0; for (;;) yield i++; }
let total = 0;
`;

const pythonPrelude = `
LOOPS = ${LOOPS}
class Point:
    def __init__(self, v):
        self.a = v; self.b = v; self.c = v; self.d = v; self.e = v
def add(a, b):
    return a + b
def counter():
    i = 0
    while True:
        yield i
        i += 1
total = 0
`;

function primitive(id: string, title: string, typescriptLoop: string, pythonLoop: string): Primitive {
  return {
    id,
    title,
    typescript: `${typescriptPrelude}${typescriptLoop}\nprint(total);\n`,
    python: `${pythonPrelude}${pythonLoop}\nprint(total)\n`,
  };
}

/** The loop alone: subtracted from the others, so each row is the operation's own cost. */
export const emptyLoop = primitive(
  "loop",
  "the loop alone",
  "for (let i = 0; i < LOOPS; i++) total += i;",
  "for i in range(LOOPS):\n    total += i",
);

export const primitives: Primitive[] = [
  primitive(
    "call",
    "a function call",
    "for (let i = 0; i < LOOPS; i++) total = add(total, i);",
    "for i in range(LOOPS):\n    total = add(total, i)",
  ),
  primitive(
    "object",
    "an object with 5 fields",
    "for (let i = 0; i < LOOPS; i++) total += new Point(i).e;",
    "for i in range(LOOPS):\n    total += Point(i).e",
  ),
  primitive(
    "resume",
    "a generator resumed",
    "const numbers = counter();\nfor (let i = 0; i < LOOPS; i++) total += numbers.next().value as number;",
    "numbers = counter()\nfor i in range(LOOPS):\n    total += next(numbers)",
  ),
];
