// esbuild inlines its lowering helpers (`var __async = (...) => {...};`) at the top of the
// output and has no option to import or replace them (esbuild issue #1230). We blank the
// definitions of the ones the runtime supplies, keeping every newline so the source map stays
// valid, and give each lowered generator its function's name so Python-style messages can say
// "coroutine 'main' was never awaited".

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
    lines[index] = nameLoweredGenerator(line, lines[index - 1] ?? "");
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

const LOWERED = /(__async|__asyncGenerator)\((this|null), (null|arguments), function\* \(\)/;
const NAMED_ON_SAME_LINE =
  /(?:^|[\s(,])(?:var |let |const )?([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>\s*(?:__async|__asyncGenerator)\(/;
const FUNCTION_HEADER =
  /(?:function\*?\s+([A-Za-z_$][\w$]*)\s*\(|^\s*(?:static\s+)?(?:get\s+|set\s+)?\*?\s*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{\s*$)/;

function nameLoweredGenerator(line: string, previous: string): string {
  if (!LOWERED.test(line)) return line;
  const name = NAMED_ON_SAME_LINE.exec(line)?.[1] ?? functionName(previous);
  if (name === undefined) return line;
  return line.replace(LOWERED, (all) => all.replace("function* ()", `function* ${name}()`));
}

/** Statements whose line looks like a method header: `for (...) {`, `while (...) {`. */
const STATEMENT_KEYWORDS = new Set(["if", "for", "while", "switch", "catch", "with"]);

function functionName(header: string): string | undefined {
  const match = FUNCTION_HEADER.exec(header);
  const name = match?.[1] ?? match?.[2];
  return name === "constructor" || (name !== undefined && STATEMENT_KEYWORDS.has(name)) ? undefined : name;
}
