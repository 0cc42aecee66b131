// esbuild inlines its lowering helpers (`var __async = (...) => {...};`) at the top of the
// output and has no option to import or replace them (esbuild issue #1230). We blank the
// definitions of the ones the runtime supplies, keeping every newline so the source map stays
// valid, and pass each lowered generator its function's name (through __asyncNamed) so
// Python-style messages can say "coroutine 'main' was never awaited". Where it is safe, a
// lowered body is also hoisted out of its function (see hoistLoweredBody), so a call does not
// create a generator closure.

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
  const hoistedNames = new UniqueNames(code);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const match = HELPER_START.exec(line);
    if (match) {
      index = blankStatement(lines, index);
      continue;
    }
    if (hoistLoweredBody(lines, index, hoistedNames)) continue;
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

// A lowered function or method body: its header is the line above.
const RETURNS_LOWERED = /^\s*return (?:__async|__asyncGenerator)\(/;

function nameLoweredGenerator(line: string, previous: string): string {
  if (!LOWERED.test(line)) return line;
  const sameLine = NAMED_ON_SAME_LINE.exec(line);
  // An arrow lowered inside an expression is anonymous, whatever the line above declares.
  const name = sameLine ? (sameLine[1] ?? sameLine[2]) : RETURNS_LOWERED.test(line) ? functionName(previous) : undefined;
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
 * first) leaves the name on the function's prototype, where its generators inherit it; with a
 * listener, the runtime also records the hand-offs of its generators (generator-function.ts).
 */
function nameGeneratorFunction(line: string, previous: string): string {
  const match = GENERATOR_DECLARATION.exec(line);
  if (match === null || !STATEMENT_BOUNDARY.test(previous)) return line;
  const [, indent, name] = match as unknown as [string, string, string];
  return `${indent}__generatorFunction(${name}, "${name}"); ${line.slice(indent.length)}`;
}

// Hoisting. esbuild lowers `async function name(a, b) { ... }` to a function that makes a new
// generator closure on every call, `return __async(this, null, function* () { ... });`, which
// costs V8 ~1 µs a call (a new closure, its prototype and hidden class, slower generator calls).
// Where the lowered function is a statement, the body moves out, line for line, into a sibling
// generator declaration that the function calls with its parameters:
//
//   function name(a, b) {                       function name(a, b) {
//     return __async(this, null, function* () {   return __asyncHoisted("name", name$body, name$body.call(this, a, b)); } function* name$body(a, b) {
//       ...body...                                  ...body...
//     });                                         }
//   }                                           (blank)
//
// Every line keeps its number and the body its columns, so the source map still holds. Safe
// because the sibling sees the same scope: the function's body is that one return statement,
// so the generator closed over nothing but the parameters, which it now receives. Hoisted only:
// - a function declaration, a `const/let/var name = function(...) {` expression (a named one
//   would bind its own name inside), or a `const/let/var name = (...) => __async(` arrow;
// - with plain parameters (`a`, `...rest`), or ones esbuild already moved onto the generator
//   (it then passes `arguments`, or an array for an arrow); a default or destructured parameter
//   left on the function could hold a closure over the binding the body would no longer share;
// - when no line of the body could hide the closing line: no template literal, no line ending
//   in a backslash; and when the body does not mention `arguments` or `super`.

const FUNCTION_HEADER_LINE = /^(\s*)function ([A-Za-z_$][\w$]*)\(([^()]*)\) \{$/;
const FUNCTION_EXPRESSION_LINE = /^(\s*)(?:var|let|const) ([A-Za-z_$][\w$]*) = function\(([^()]*)\) \{$/;
const RETURN_LOWERED_LINE = /^(\s*)return __async\((this|null), (null|arguments), function\* \((.*)\) \{$/;
const ARROW_LOWERED_LINE =
  /^(\s*)((?:var|let|const) ([A-Za-z_$][\w$]*) = )\(([^()]*)\) => __async\((this|null), (null|\[[\w$, ]*\]), function\* \((.*)\) \{$/;
const PLAIN_PARAMETER = /^(?:\.\.\.)?[A-Za-z_$][\w$]*$/;
const UNSAFE_BODY_LINE = /`|\\$|\barguments\b|\bsuper\b/;

interface LoweredCall {
  /** `this` or `null`, as esbuild passes it. */
  self: string;
  /** `null`, `arguments`, or an arrow's `[_0, _1]`. */
  args: string;
  generatorParameters: string;
  functionParameters: string;
}

/** Hoists the lowered function starting at `index` if it has a hoistable shape; true if it did. */
function hoistLoweredBody(lines: string[], index: number, names: UniqueNames): boolean {
  const line = lines[index] as string;
  const header = FUNCTION_HEADER_LINE.exec(line) ?? FUNCTION_EXPRESSION_LINE.exec(line);
  // A function line after `(` or `,` is an argument, not a statement: no sibling can go there.
  if (header !== null && STATEMENT_BOUNDARY.test(lines[index - 1] ?? "")) {
    const [, indent, name, functionParameters] = header as unknown as [string, string, string, string];
    const lowered = RETURN_LOWERED_LINE.exec(lines[index + 1] ?? "");
    if (lowered === null) return false;
    const [, bodyIndent, self, args, generatorParameters] = lowered as unknown as [string, string, string, string, string];
    const end = bodyEnd(lines, index + 2, bodyIndent);
    const functionEnd = `${indent}}${line.startsWith(`${indent}function`) ? "" : ";"}`;
    if (end < 0 || lines[end + 1] !== functionEnd) return false;
    const call = hoistedCall(name, { self, args, generatorParameters, functionParameters }, names);
    if (call === null) return false;
    lines[index + 1] = `${bodyIndent}return ${call.expression}; }${functionEnd.slice(indent.length + 1)} ${call.declaration}`;
    lines[end] = `${bodyIndent}}`;
    lines[end + 1] = "";
    return true;
  }
  const arrow = ARROW_LOWERED_LINE.exec(line);
  if (arrow === null) return false;
  const [, indent, binding, name, functionParameters, self, args, generatorParameters] = arrow as unknown as string[] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const end = bodyEnd(lines, index + 1, indent);
  if (end < 0) return false;
  const call = hoistedCall(name, { self, args, generatorParameters, functionParameters }, names);
  if (call === null) return false;
  lines[index] = `${indent}${binding}(${functionParameters}) => ${call.expression}; ${call.declaration}`;
  lines[end] = `${indent}}`;
  return true;
}

/** The line closing a lowered body whose call starts at `indent`, or -1 if it is not safe to find. */
function bodyEnd(lines: string[], start: number, indent: string): number {
  const closing = `${indent}});`;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === closing) return index;
    if (UNSAFE_BODY_LINE.test(line)) return -1;
    // A line indented no deeper than the call ends something else: not the shape we know.
    if (!line.startsWith(`${indent} `) && line.trim() !== "") return -1;
  }
  return -1;
}

/** The call that replaces `__async(...)` and the sibling declaration's header, or null when not hoistable. */
function hoistedCall(name: string, lowered: LoweredCall, names: UniqueNames): { expression: string; declaration: string } | null {
  let parameters: string;
  let callArguments: string;
  if (lowered.args === "null") {
    if (lowered.generatorParameters !== "") return null;
    const plain = lowered.functionParameters === "" ? [] : lowered.functionParameters.split(", ");
    if (!plain.every((parameter) => PLAIN_PARAMETER.test(parameter))) return null;
    const values = plain.map((parameter) => parameter.replace("...", ""));
    parameters = values.join(", ");
    callArguments = `.call(${[lowered.self, ...values].join(", ")})`;
  } else {
    parameters = lowered.generatorParameters;
    callArguments =
      lowered.args === "arguments" ? `.apply(${lowered.self}, arguments)` : `.call(${lowered.self}, ${lowered.args.slice(1, -1)})`;
  }
  const body = names.take(`${name}$body`);
  return {
    expression: `__asyncHoisted("${name}", ${body}, ${body}${callArguments})`,
    declaration: `function* ${body}(${parameters}) {`,
  };
}

/** Names no identifier in the code uses, each handed out once. */
class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(private readonly code: string) {}

  take(wanted: string): string {
    let name = wanted;
    for (let suffix = 2; this.taken.has(name) || this.code.includes(name); suffix++) name = `${wanted}${suffix}`;
    this.taken.add(name);
    return name;
  }
}

/** Words a header-shaped line may start with that are not a function's name: `for (...) {`. */
const NOT_NAMES = new Set(["if", "for", "while", "switch", "catch", "with", "function", "constructor"]);

function functionName(header: string): string | undefined {
  const match = FUNCTION_HEADER.exec(header);
  const name = match?.[1] ?? match?.[2] ?? match?.[3];
  return name === undefined || NOT_NAMES.has(name) ? undefined : name;
}
