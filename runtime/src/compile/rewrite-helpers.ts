// esbuild inlines its lowering helpers (`var __async = (...) => {...};`) at the top of the
// output and has no option to import or replace them (esbuild issue #1230). We blank the
// definitions of the ones the runtime supplies, keeping every newline so the source map stays
// valid, and pass each lowered generator its function's name (through __asyncNamed) so
// Python-style messages can say "coroutine 'main' was never awaited".

export const REPLACED_HELPERS = [
  "__async",
  "__await",
  "__asyncGenerator",
  "__yieldStar",
  "__forAwait",
  "__using",
  "__callDispose",
] as const;

const HELPER_START = new RegExp(`^(\\s*)var (${REPLACED_HELPERS.join("|")}) = `);

export function rewriteHelpers(code: string): string {
  const lines = code.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const match = HELPER_START.exec(line);
    if (match) {
      index = blankStatement(lines, index);
      continue;
    }
    const previous = lines[index - 1] ?? "";
    lines[index] = nameGeneratorFunction(nameLoweredGenerator(line, previous), previous);
  }
  return lines.join("\n");
}

/** Blanks lines from `start` to the end of the `var x = ...;` statement; returns its last line. */
function blankStatement(lines: string[], start: number): number {
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] as string;
    for (const char of line) {
      if (char === "(" || char === "{" || char === "[") depth++;
      else if (char === ")" || char === "}" || char === "]") depth--;
    }
    lines[index] = "";
    if (depth <= 0 && /;\s*$/.test(line)) return index;
  }
  throw new Error(`esbuild helper at line ${start + 1} does not end: the pinned esbuild version changed its output`);
}

// The lowered body: `function* (` with the async function's parameters when esbuild keeps them
// there (defaults, destructuring), else `function* ()`.
const LOWERED = /(__async|__asyncGenerator)\((this|null), (null|arguments), function\* \(/;
// An arrow lowered on the line that names it: `name = () => __async(` (a variable, a class field,
// an assignment) or `name: () => __async(` (an object literal's property).
const NAMED_ON_SAME_LINE =
  /(?:(?:^|[\s(,.])(?:var |let |const )?([A-Za-z_$][\w$]*)\s*=|(?:^|[{,])\s*([A-Za-z_$][\w$]*)\s*:)\s*(?:async\s*)?(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>\s*(?:__async|__asyncGenerator)\(/;
// The line above a lowered function or method body: `function name(...) {`, `name = function(...) {`,
// or a method header `name(...) {` (at the start of a line or after `{` or `,` in an object literal).
const FUNCTION_HEADER =
  /(?:function\*?\s+([A-Za-z_$][\w$]*)\s*\(|([A-Za-z_$][\w$]*)\s*=\s*function\*?\s*\(|(?:^|[\s{,])(?:static\s+)?(?:get\s+|set\s+)?\*?\s*([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*\{\s*$)/;

function nameLoweredGenerator(line: string, previous: string): string {
  if (!LOWERED.test(line)) return line;
  const sameLine = NAMED_ON_SAME_LINE.exec(line);
  const name = sameLine ? (sameLine[1] ?? sameLine[2]) : functionName(previous);
  if (name === undefined) return line;
  return line.replace(
    LOWERED,
    (_all, helper: string, self: string, args: string) => `${helper}Named("${name}", ${self}, ${args}, function* (`,
  );
}

// A generator function declared as a statement: the line above ends one, opens a block, or is a
// comment (esbuild keeps comments only before statements).
const GENERATOR_DECLARATION = /^(\s*)function\*\s*([A-Za-z_$][\w$]*)\s*\(/;
const STATEMENT_BOUNDARY = /(^|[;{}]|^\s*\/\/.*|\*\/)\s*$/;

/**
 * A generator object cannot reach its function, yet Python shows it as `<generator object
 * name>` and names a task running it by that name: the declaration (hoisted, so this can run
 * first) leaves the name on the function's prototype, where its generators inherit it.
 */
function nameGeneratorFunction(line: string, previous: string): string {
  const match = GENERATOR_DECLARATION.exec(line);
  if (match === null || !STATEMENT_BOUNDARY.test(previous)) return line;
  const [, indent, name] = match as unknown as [string, string, string];
  return `${indent}Object.defineProperty(${name}.prototype, "__name__", { value: "${name}" }); ${line.slice(indent.length)}`;
}

/** Words a header-shaped line may start with that are not a function's name: `for (...) {`. */
const NOT_NAMES = new Set(["if", "for", "while", "switch", "catch", "with", "function", "constructor"]);

function functionName(header: string): string | undefined {
  const match = FUNCTION_HEADER.exec(header);
  const name = match?.[1] ?? match?.[2] ?? match?.[3];
  return name === undefined || NOT_NAMES.has(name) ? undefined : name;
}
