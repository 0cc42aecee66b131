// `looplab run`: output, exit status, --stats and --events, as a person at a terminal sees them.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ts } from "./helpers.js";

const looplab = fileURLToPath(new URL("../bin/looplab.mjs", import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), "looplab-cli-"));

function runFile(name: string, source: string, ...flags: string[]) {
  const file = path.join(folder, name);
  writeFileSync(file, source);
  const result = spawnSync(process.execPath, [looplab, "run", file, ...flags], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, file };
}

test("looplab run prints the program's output and exits 0; --stats ends stderr with the counters", () => {
  const { status, stdout, stderr } = runFile(
    "hello.ts",
    ts`
      import asyncio from "asyncio";
      async function main() {
        print("hello");
        await asyncio.sleep(1.5);
        print("world");
      }
      asyncio.run(main());
    `,
    "--stats",
  );
  assert.equal(stdout, "hello\nworld\n");
  assert.equal(status, 0);
  const stats = JSON.parse(stderr.trim().split("\n").at(-1) as string);
  assert.deepEqual(Object.keys(stats).sort(), ["cpuMs", "peakMemoryBytes", "reason", "steps", "tasks", "virtualSeconds"]);
  assert.equal(stats.reason, "completed");
  assert.equal(stats.virtualSeconds, 1.5);
  assert.equal(stats.tasks >= 1, true);
});

test("looplab run exits 1 on an uncaught error with a traceback of TypeScript lines on stderr", () => {
  const { status, stdout, stderr, file } = runFile(
    "fails.ts",
    ts`
      print("before");
      function fail(kind: string): never {
        throw new TypeError("wrong " + kind);
      }
      fail("kind");
    `,
  );
  assert.equal(stdout, "before\n");
  assert.equal(
    stderr,
    [
      "Traceback (most recent call last):",
      `  File "${file}", line 5, in <module>`,
      '    fail("kind");',
      `  File "${file}", line 3, in fail`,
      '    throw new TypeError("wrong " + kind);',
      "TypeError: wrong kind",
      "",
    ].join("\n"),
  );
  assert.equal(status, 1);
});

test("looplab run exits 2 on a compile error, naming the file, line and column", () => {
  const { status, stderr, file } = runFile("broken.ts", `import fs from "fs";\nprint(fs);\n`);
  assert.equal(status, 2);
  assert.match(stderr, new RegExp(`^${file.replace(/[.\\]/g, "\\$&")}:1:16: error: Cannot import "fs"`));
});

test("looplab run exits 3 when a limit ends the run, and says which limit", () => {
  const { status, stderr } = runFile("spin.ts", `while (true) {}\n`, "--stats");
  assert.equal(status, 3);
  const lines = stderr.trim().split("\n");
  assert.match(lines[0] as string, /^looplab: CPU time limit exceeded/);
  assert.equal(JSON.parse(lines.at(-1) as string).limit, "cpu");
});

test("looplab run --events prints every event as one JSON line, ending with the end event", () => {
  const { status, stdout } = runFile(
    "events.ts",
    ts`
      import asyncio from "asyncio";
      async function main() { print("hi"); }
      asyncio.run(main());
    `,
    "--events",
  );
  assert.equal(status, 0);
  const events = stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(events[0], { type: "task-spawned", time: 0, taskId: 1, name: "Task-1", parentId: null, coroutine: "main" });
  assert.ok(events.some((event) => event.type === "output" && event.text === "hi\n"));
  assert.equal(events.at(-1).type, "end");
  assert.equal(events.at(-1).reason, "completed");
});

test("looplab run starts the limit's message on a line of its own when the output it cut ended mid-line", () => {
  const { status, stdout, stderr } = runFile("flood.ts", `print("x".repeat(2_000_000));\n`);
  assert.equal(status, 3);
  assert.equal(stdout, "x".repeat(1024 * 1024), "the output limit cuts the output at 1 MB, mid-line");
  assert.equal(stderr, "\nlooplab: output limit exceeded: the snippet printed more than 1 MB\n");
});

test("looplab run --events | head -1: the reader leaves after one line, and the command stops quietly", async () => {
  const file = path.join(folder, "endless.ts");
  writeFileSync(
    file,
    ts`
      import asyncio from "asyncio";
      async function main() {
        for (let i = 0; ; i++) {
          print("line", i);
          await asyncio.sleep(0);
        }
      }
      asyncio.run(main());
    `,
  );
  const child = spawn(process.execPath, [looplab, "run", "--events", file], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // Like head -1: read up to the first newline, then close the pipe's reading end.
  const firstLine = await new Promise<string>((resolve) => {
    let read = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      read += chunk;
      if (!read.includes("\n")) return;
      child.stdout.destroy();
      resolve(read.slice(0, read.indexOf("\n")));
    });
  });
  const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  assert.equal(JSON.parse(firstLine).type, "task-spawned");
  assert.equal(stderr, "", "nothing on stderr: no EPIPE stack trace");
  assert.equal(status, 141, "the status a shell reports for a command a closed pipe ended");
});
