// `looplab repl` at a real terminal: a pseudo-terminal made by python3's pty module (Node has
// none built in), with keystrokes written to it as a person types them, Ctrl-C as \x03.
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const looplab = fileURLToPath(new URL("../bin/looplab.mjs", import.meta.url));

/** Runs argv in a pty: bytes on this script's stdin go to the terminal, the terminal's output to its stdout. */
const PTY_RELAY = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
inputs = [sys.stdin.fileno(), fd]
while True:
    ready, _, _ = select.select(inputs, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if sys.stdin.fileno() in ready:
        data = os.read(sys.stdin.fileno(), 65536)
        if not data:
            inputs.remove(sys.stdin.fileno())
        else:
            os.write(fd, data)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  /** Everything the terminal showed, escape sequences removed. */
  screen = "";
  readonly exited: Promise<number | null>;

  constructor(argv: string[]) {
    this.child = spawn("python3", ["-c", PTY_RELAY, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a terminal's escape sequences
      this.screen += chunk.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    });
    this.exited = new Promise((resolve) => this.child.on("exit", resolve));
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits until the screen, after `from`, shows `text`; returns where it ends. */
  async waitFor(text: string | RegExp, from = 0, timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const rest = this.screen.slice(from);
      const match = typeof text === "string" ? { index: rest.indexOf(text), length: text.length } : rest.match(text);
      if (match !== null && match.index !== undefined && match.index >= 0)
        return from + match.index + (typeof text === "string" ? text.length : (match as RegExpMatchArray)[0].length);
      if (Date.now() - started > timeoutMs)
        assert.fail(`the terminal did not show ${String(text)} within ${timeoutMs} ms:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(): void {
    this.child.kill();
  }
}

test("Ctrl-C ends a computing input with KeyboardInterrupt; the session, its variables and its background task go on", async (context) => {
  const terminal = new Terminal([process.execPath, looplab, "repl"]);
  context.after(() => terminal.kill());
  let at = await terminal.waitFor(">>> ");
  terminal.type(`import asyncio from "asyncio"; let x = 41;\r`);
  at = await terminal.waitFor(">>> ", at);
  terminal.type(
    "const ticker = asyncio.createTask((async () => { for (let i = 0; ; i++) { print('tick', i); await asyncio.sleep(0.2); } })())\r",
  );
  at = await terminal.waitFor("tick 1", at);
  terminal.type(`print("computing"); while (true) {}\r`);
  // Once the loop computes, press Ctrl-C.
  at = await terminal.waitFor(/\ncomputing\r?\n/, at);
  terminal.type("\x03");
  at = await terminal.waitFor("KeyboardInterrupt", at);
  at = await terminal.waitFor(">>> ", at);
  terminal.type("print(x + 1)\r");
  at = await terminal.waitFor(/\n42\r?\n/, at);
  at = await terminal.waitFor(/tick \d+/, at);
  assert.doesNotMatch(terminal.screen, /CPU time limit|session was stopped|Restored/, "the session went on");
  // Ctrl-C at the prompt drops what was typed, as Python's REPL does; Ctrl-D leaves.
  terminal.type("x(");
  terminal.type("\x03");
  at = await terminal.waitFor("KeyboardInterrupt", at);
  at = await terminal.waitFor(">>> ", at);
  terminal.type("x\r");
  at = await terminal.waitFor(/\n41\r?\n/, at);
  terminal.type("\x04");
  assert.equal(await terminal.exited, 0);
});

test("Ctrl-C on an input computing in the runtime's code ends its session, and a new one starts with the declarations", async (context) => {
  const terminal = new Terminal([process.execPath, looplab, "repl"]);
  context.after(() => terminal.kill());
  let at = await terminal.waitFor(">>> ");
  terminal.type(`import random from "random"; function twice(n: number) { return 2 * n; }\r`);
  at = await terminal.waitFor(">>> ", at);
  terminal.type("const answer = twice(21)\r");
  at = await terminal.waitFor(">>> ", at);
  terminal.type(`print("computing"); for (;;) random.shuffle(new Array(1_000_000).fill(0))\r`);
  at = await terminal.waitFor(/\ncomputing\r?\n/, at);
  terminal.type("\x03");
  at = await terminal.waitFor("KeyboardInterrupt", at);
  at = await terminal.waitFor("so its session was stopped", at);
  at = await terminal.waitFor(/Restored: random, twice\.\r?\nNot restored: answer \(its value came from a call[^)]*\)\./, at);
  terminal.type("twice(21)\r");
  at = await terminal.waitFor(/\n42\r?\n/, at);
  assert.doesNotMatch(terminal.screen, /CPU time limit/, "Ctrl-C stopped it, not the CPU limit");
  terminal.type("\x04");
  assert.equal(await terminal.exited, 0);
});

test("an input that hits the CPU limit ends its session, and a new one starts with the earlier declarations", async (context) => {
  const terminal = new Terminal([process.execPath, looplab, "repl"]);
  context.after(() => terminal.kill());
  let at = await terminal.waitFor(">>> ");
  terminal.type(`import asyncio from "asyncio"; const base = 40;\r`);
  at = await terminal.waitFor(">>> ", at);
  terminal.type("function spin() { for (;;) {} }\r");
  at = await terminal.waitFor(">>> ", at);
  terminal.type("spin()\r");
  at = await terminal.waitFor("the input hit a limit: CPU time limit exceeded", at);
  at = await terminal.waitFor("its variables and tasks are gone", at);
  at = await terminal.waitFor("Restored: asyncio, base, spin.", at);
  terminal.type("await asyncio.sleep(0, base + 2)\r");
  at = await terminal.waitFor(/\n42\r?\n/, at);
  terminal.type("\x04");
  assert.equal(await terminal.exited, 0);
});
