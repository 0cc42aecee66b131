// Classes seen through pythonClass(): callable with and without `new`, subclassable, and cheap:
// objects made through the proxy share one V8 map, so the runtime's methods stay monomorphic.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { runSnippet, ts } from "../test/harness.js";

test("a runtime class is called with or without new, subclassed, and is its instances' constructor", async () => {
  const run = await runSnippet(ts`
    import asyncio from "asyncio";
    class Inbox extends asyncio.Queue {
      constructor() { super(2); }
    }
    const made = [new asyncio.Queue(1), asyncio.Queue(1), new Inbox()];
    print(made.map((queue) => [queue.constructor === asyncio.Queue, queue instanceof asyncio.Queue, queue.maxsize]));
    print(made[2], made[2].constructor === Inbox);
  `);
  assert.equal(run.error, undefined, String(run.error));
  assert.equal(run.stdout, "[[True, True, 1], [True, True, 1], [False, True, 2]]\n<Inbox maxsize=2> True\n");
});

test("objects made through the class proxy, with or without new, share one V8 map", () => {
  // %HaveSameMap needs --allow-natives-syntax, so this runs in a child process of its own.
  const script = `
    import { pythonClass } from "./src/python-class.ts";
    class Point { constructor(x) { this.x = x; } }
    const Proxied = pythonClass(Point);
    const objects = [new Proxied(1), new Proxied(2), Proxied(3), new Point(4)];
    process.stdout.write(String(objects.every((object) => eval("%HaveSameMap(objects[0], object)"))));
  `;
  const output = execFileSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "--eval", script], {
    cwd: new URL("..", import.meta.url),
    encoding: "utf8",
  });
  assert.equal(output, "true");
});
