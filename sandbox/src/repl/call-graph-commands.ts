// `ps` and `pstree` typed at `looplab repl`: the session's live tasks as `python -m asyncio ps`
// and `pstree` print them (the runtime's asyncio.tools, CPython 3.14 Lib/asyncio/tools.py). A
// command runs as an input of its own, inside the sandbox where the tasks are, and its task,
// the one asking, is left out of what it prints. Only the whole input is a command: a variable
// named ps is still shown by `(ps)`.

const COMMANDS = {
  ps: "displayAwaitedByTasksTable",
  pstree: "displayAwaitedByTasksTree",
} as const;

/** The input that runs `command`, or null when `input` is not a command. */
export function callGraphCommand(input: string): string | null {
  const command = input.trim();
  if (!Object.hasOwn(COMMANDS, command)) return null;
  const display = COMMANDS[command as keyof typeof COMMANDS];
  // A name of its own for the module, so the command never depends on what the session calls asyncio.
  // Coroutines by name only: a line is in the input that defined the coroutine, which the runtime does not record.
  return `import { tools as __looplabAsyncioTools } from "asyncio";\n__looplabAsyncioTools.${display}({ locations: false });`;
}
