// `looplab repl`: an interactive asyncio REPL in the terminal, like `python -m asyncio`, on the
// real clock: top-level await, declarations that persist, and background tasks whose output
// appears while the prompt waits. Ctrl-C cancels the running input; Ctrl-D leaves.

import { clearLine, createInterface, cursorTo } from "node:readline";
import { stopCompiler } from "@looplab/runtime/compile";
import { WorkerPool } from "../pool/worker-pool.js";
import { callGraphCommand } from "../repl/call-graph-commands.js";
import { type EvalOutcome, openSession } from "../repl/session.js";

const PROMPT = ">>> ";
const CONTINUATION = "... ";
const BANNER =
  "Looplab asyncio REPL (QuickJS sandbox). Use await directly; ps or pstree lists the live tasks; Ctrl-C cancels the running input, Ctrl-D exits.\n";

export async function replCommand(): Promise<number> {
  const terminal = process.stdin.isTTY === true;
  const pool = new WorkerPool({ workers: 0, spareContexts: 1 });
  const session = await openSession({ pool, events: false, idleTimeoutMs: Number.POSITIVE_INFINITY });
  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT, terminal });
  let waitingForInput = false;

  /** Writes output without tearing the prompt: clear it, write, draw it again with what was typed. */
  const write = (stream: NodeJS.WriteStream, text: string) => {
    if (waitingForInput && terminal) {
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
    }
    stream.write(text);
    if (waitingForInput && terminal) lines.prompt(true);
  };

  const printing = (async () => {
    for await (const event of session.events) {
      if (event.type === "output") write(event.stream === "stdout" ? process.stdout : process.stderr, event.text);
      if (event.type === "end" && event.message !== "closed") write(process.stderr, `looplab: session ended: ${event.message}\n`);
    }
    lines.close();
  })();

  lines.on("SIGINT", () => {
    const task = session.runningInputTask;
    if (task !== null) void session.cancel(task);
    else {
      process.stdout.write("\nKeyboardInterrupt\n");
      pending = "";
      lines.setPrompt(PROMPT);
      lines.prompt();
    }
  });

  process.stdout.write(BANNER);
  let pending = "";
  lines.setPrompt(PROMPT);
  waitingForInput = true;
  lines.prompt();
  for await (const line of lines) {
    waitingForInput = false;
    pending = pending === "" ? line : `${pending}\n${line}`;
    if (pending.trim() !== "") {
      const outcome = await session.eval(callGraphCommand(pending) ?? pending);
      if (isIncomplete(outcome)) {
        lines.setPrompt(CONTINUATION);
      } else {
        show(outcome);
        pending = "";
        lines.setPrompt(PROMPT);
        if (outcome.kind === "closed") break;
      }
    } else {
      pending = "";
    }
    waitingForInput = true;
    lines.prompt();
  }
  waitingForInput = false;
  await session.close();
  await printing;
  await pool.close();
  await stopCompiler();
  if (terminal) process.stdout.write("\n");
  return 0;
}

/** An input cut short (an open brace, a trailing operator): read another line before compiling it. */
function isIncomplete(outcome: EvalOutcome): boolean {
  return outcome.kind === "compile-error" && outcome.error.diagnostics.some((diagnostic) => /end of file/i.test(diagnostic.message));
}

function show(outcome: EvalOutcome): void {
  switch (outcome.kind) {
    case "value":
      if (outcome.value !== null) process.stdout.write(`${outcome.value}\n`);
      break;
    case "error":
      process.stderr.write(outcome.error.traceback);
      break;
    case "compile-error":
      for (const diagnostic of outcome.error.diagnostics) {
        process.stderr.write(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: error: ${diagnostic.message}\n`);
        if (diagnostic.frame !== "") process.stderr.write(`${diagnostic.frame}\n`);
      }
      break;
    case "closed":
      break;
  }
}
