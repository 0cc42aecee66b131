// `looplab run FILE.ts` and `looplab repl`.

import { watchForGoneReaders } from "./reader-gone.js";
import { runCommand } from "./run-command.js";

const USAGE = `usage:
  looplab run FILE.ts [--events] [--stats] [--real-time] [--trace FILE.json]
      runs a snippet in the sandbox; exits 0, 1 on an uncaught error, 2 on a compile error,
      3 when a limit ended it, 141 when the reader of its output went away (| head)
      --events           print every event as a JSON line instead of the output
      --stats            end stderr with a JSON line of counters (cpuMs, virtualSeconds, tasks, ...)
      --real-time        use the real clock instead of the virtual one
      --trace FILE.json  also write the run as a Chrome Trace Event file, for ui.perfetto.dev or
                         chrome://tracing: a track per task with its steps and states, arrows
                         from each step to the steps it woke, the output as instant events
  looplab repl
      an interactive asyncio REPL on the real clock: top-level await, declarations persist,
      background tasks keep running and printing
`;

const [command, ...args] = process.argv.slice(2);
// `--trace FILE.json` (or `--trace=FILE.json`) is the one option with a value: take it out first.
let trace: string | null = null;
let traceMissing = false;
const rest: string[] = [];
for (let index = 0; index < args.length; index++) {
  const arg = args[index] as string;
  if (arg === "--trace") {
    const value = args[index + 1];
    if (value === undefined || value.startsWith("--")) traceMissing = true;
    else trace = value;
    index++;
  } else if (arg.startsWith("--trace=")) {
    trace = arg.slice("--trace=".length);
    if (trace === "") traceMissing = true;
  } else {
    rest.push(arg);
  }
}
const flags = new Set(rest.filter((arg) => arg.startsWith("--")));
const operands = rest.filter((arg) => !arg.startsWith("--"));

function usageError(message: string): number {
  process.stderr.write(`looplab: ${message}\n${USAGE}`);
  return 2;
}

async function main(): Promise<number> {
  if (command === "run") {
    const unknown = [...flags].filter((flag) => !["--events", "--stats", "--real-time"].includes(flag));
    if (unknown.length > 0) return usageError(`unknown option ${unknown[0]}`);
    if (traceMissing) return usageError("--trace needs a FILE.json");
    if (operands.length !== 1) return usageError("run needs exactly one FILE.ts");
    return runCommand(operands[0] as string, {
      events: flags.has("--events"),
      stats: flags.has("--stats"),
      realTime: flags.has("--real-time"),
      trace,
    });
  }
  if (command === "repl") {
    if (args.length > 0) return usageError("repl takes no arguments");
    const { replCommand } = await import("./repl-command.js");
    return replCommand();
  }
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  return usageError(command === undefined ? "no command given" : `unknown command ${command}`);
}

watchForGoneReaders();
process.exitCode = await main();
