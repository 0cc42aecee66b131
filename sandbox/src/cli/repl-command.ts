// `looplab repl`: an interactive asyncio REPL in the terminal, like `python -m asyncio`, on the
// real clock: top-level await, declarations that persist, and background tasks whose output
// appears while the prompt waits. Ctrl-C interrupts the running input with KeyboardInterrupt
// and the session goes on, as in Python (or clears the line at the prompt); Ctrl-D leaves. When
// a limit ends the session, or a Ctrl-C that could not stop the input otherwise (a second one,
// or code that never left the runtime's), a new one starts with the earlier declarations
// replayed, and says so.

import { clearLine, createInterface, cursorTo } from "node:readline";
import { stopCompiler } from "@looplab/runtime/compile";
import { INTERRUPTED } from "../engine/guest-context.js";
import { WorkerPool } from "../pool/worker-pool.js";
import type { EndEvent } from "../protocol-events.js";
import { callGraphCommand } from "../repl/call-graph-commands.js";
import { type EvalOutcome, openSession, type ReplaySummary, type Session } from "../repl/session.js";

const PROMPT = ">>> ";
/** How an input ends after Ctrl-C: the task computing got a KeyboardInterrupt, or the input awaiting was cancelled. */
const INTERRUPTED_ENDS = ["KeyboardInterrupt", "CancelledError"];
const CONTINUATION = "... ";
const BANNER =
  "Looplab asyncio REPL (QuickJS sandbox). Use await directly; ps or pstree lists the live tasks; Ctrl-C interrupts the running input, Ctrl-D exits.\n";

export async function replCommand(): Promise<number> {
  const terminal = process.stdin.isTTY === true;
  const pool = new WorkerPool({ workers: 0, spareContexts: 1 });
  const open = (replay?: Session["history"]) =>
    openSession({ pool, events: false, idleTimeoutMs: Number.POSITIVE_INFINITY, ...(replay === undefined ? {} : { replay }) });
  let session = await open();
  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT, terminal });
  let waitingForInput = false;
  let leaving = false;
  /** Ctrl-C was pressed while the current input ran. */
  let interrupted = false;
  /** The new session being opened after the last one ended, until it is open. */
  let restarting: Promise<void> | null = null;

  /** Writes output without tearing the prompt: clear it, write, draw it again with what was typed. */
  const write = (stream: NodeJS.WriteStream, text: string) => {
    if (waitingForInput && terminal) {
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
    }
    stream.write(text);
    if (waitingForInput && terminal) lines.prompt(true);
  };

  /** The session ended by itself: say why, and start a new one with its declarations, as Python's REPL would go on. */
  const restart = (ended: Session, end: EndEvent): Promise<void> => {
    if (ended !== session || leaving) return restarting ?? Promise.resolve();
    restarting ??= (async () => {
      write(process.stderr, `${endNotice(end)}\n`);
      session = await open(ended.history);
      follow(session);
      write(process.stderr, `${replayNotice(session.replayed)}\n`);
      restarting = null;
    })();
    return restarting;
  };

  const follow = (followed: Session) =>
    void (async () => {
      for await (const event of followed.events) {
        if (event.type === "output") write(event.stream === "stdout" ? process.stdout : process.stderr, event.text);
        if (event.type === "end") void restart(followed, event);
      }
    })();
  follow(session);

  lines.on("SIGINT", () => {
    if (!waitingForInput) {
      interrupted = true;
      session.interrupt();
      return;
    }
    // At the prompt, as Python's REPL: drop what was typed, say KeyboardInterrupt, prompt afresh.
    lines.write(null, { ctrl: true, name: "e" });
    lines.write(null, { ctrl: true, name: "u" });
    process.stdout.write("\nKeyboardInterrupt\n");
    pending = "";
    lines.setPrompt(PROMPT);
    lines.prompt();
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
      if (restarting !== null) await restarting;
      interrupted = false;
      const running = session;
      const outcome = await running.eval(callGraphCommand(pending) ?? pending);
      if (isIncomplete(outcome)) {
        lines.setPrompt(CONTINUATION);
      } else {
        if (interrupted && outcome.kind === "error" && INTERRUPTED_ENDS.includes(outcome.error.name))
          process.stderr.write("KeyboardInterrupt\n");
        else show(outcome);
        if (outcome.kind === "closed") await restart(running, outcome.end);
        pending = "";
        lines.setPrompt(PROMPT);
      }
    } else {
      pending = "";
    }
    waitingForInput = true;
    lines.prompt();
  }
  waitingForInput = false;
  leaving = true;
  if (restarting !== null) await restarting;
  await session.close();
  await pool.close();
  await stopCompiler();
  if (terminal) process.stdout.write("\n");
  return 0;
}

/** Why the session ended, and what became of it. */
function endNotice(end: EndEvent): string {
  if (end.message === INTERRUPTED)
    return "KeyboardInterrupt\nThe input could not be stopped on its own (a second Ctrl-C, or it never left the runtime's code), so its session was stopped: its variables and tasks are gone.";
  const why = end.reason === "limit" ? `the input hit a limit: ${end.message}` : `the session ended: ${end.message ?? end.reason}`;
  return `looplab: ${why}.\nThe session ended: its variables and tasks are gone.`;
}

function replayNotice(replayed: ReplaySummary | null): string {
  const restored = replayed?.restored ?? [];
  const notRestored = replayed?.notRestored ?? [];
  const parts = ["A new session started with the earlier inputs' declarations replayed (no print or task ran again)."];
  parts.push(restored.length > 0 ? `Restored: ${restored.join(", ")}.` : "Nothing to restore.");
  for (const { name, reason } of notRestored) parts.push(`Not restored: ${name} (${reason}).`);
  return parts.join("\n");
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
