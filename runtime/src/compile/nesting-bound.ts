// The compiler is one service for every user of the server: esbuild's service process, then
// acorn and the rewrites in the server's own thread. Each recurses once per level of nesting,
// so a snippet nested deep enough overflows its stack: esbuild's process then dies or hangs,
// and acorn can take the server's process down (V8 aborts when the overflow lands in a regular
// expression's compilation). Measured breaking points (esbuild-wasm 0.28.2, acorn 8.19, Node 20,
// default stacks), in levels of each shape:
// - esbuild's service once warm (V8 has optimised its WebAssembly, which then takes far more
//   stack per level than when it starts: a new service takes 6,000 nested arrays): arrays,
//   objects, calls, templates, `!`, `-`, `typeof`, `await` between 128 and 192; arrows,
//   functions, `if`, else-if between 192 and 256; blocks 256–384;
// - acorn and the rewrites (every async snippet and every REPL input): lowered async arrows
//   223, arrows 531, objects 583, templates 607, calls 703, arrays 768, `new` 2,924,
//   member chains 4,096, `!` 5,119, `+` 6,140.
// checkNesting() refuses a snippet past half the lowest of these and more (see NestingMeter for
// what counts), before any of them runs: one linear scan of the source that skips strings,
// comments, templates' text and regular expressions. A service that dies anyway is restarted
// (compiler-service.ts), and acorn's input is bounded again exactly (token-bound.ts).

import type { CompileDiagnostic } from "./compile.js";
import { type Exceeded, type NestingLimits, NestingMeter } from "./nesting-meter.js";

/** The bounds a snippet's source is held to. */
export const SOURCE_LIMITS: NestingLimits = { levels: 64, operators: 1000 };
/** The longest source the compile step takes, whatever the server's snippet limit. */
export const MAX_SOURCE_CHARACTERS = 1_000_000;

export function describeExceeded(exceeded: "levels" | "operators", limits: NestingLimits): string {
  if (exceeded === "levels") {
    return (
      `nesting deeper than ${limits.levels} levels (brackets, functions, arrows, ternaries, if/for/while, ` +
      "prefix operators and assignments, half a level per member access or call): " +
      "the compiler refuses deeper code; split it, e.g. give inner parts names with const or their own functions"
    );
  }
  return (
    `more than ${limits.operators.toLocaleString("en-US")} operators chained in one statement (+, &&, ??, <...): ` +
    "the compiler refuses longer chains; split the expression into several statements"
  );
}

/** The first place the source exceeds the limits, as a diagnostic, or null when it keeps within them. */
export function checkNesting(source: string, filename: string, limits: NestingLimits = SOURCE_LIMITS): CompileDiagnostic | null {
  if (source.length > MAX_SOURCE_CHARACTERS) {
    const message = `the source is longer than ${MAX_SOURCE_CHARACTERS.toLocaleString("en-US")} characters, more than the compiler takes`;
    return { file: filename, line: 1, column: 1, message, frame: "" };
  }
  const at = scan(source, new NestingMeter(limits));
  if (at === null) return null;
  return diagnosticAt(source, filename, at.index, describeExceeded(at.exceeded, limits));
}

/** A diagnostic pointing at source[index], with the line's text (80 characters of a long one) and a caret. */
export function diagnosticAt(source: string, filename: string, index: number, message: string): CompileDiagnostic {
  const lineStart = source.lastIndexOf("\n", index - 1) + 1;
  let line = 1;
  for (let position = source.indexOf("\n"); position !== -1 && position < lineStart; position = source.indexOf("\n", position + 1)) line++;
  const lineEnd = source.indexOf("\n", index);
  const column = index - lineStart;
  const from = Math.max(0, column - 40);
  const lineText = source.slice(lineStart + from, Math.min(lineEnd === -1 ? source.length : lineEnd, lineStart + from + 80));
  const gutter = `${line} | `;
  const frame = `${gutter}${lineText}\n${" ".repeat(gutter.length + column - from)}^`;
  return { file: filename, line, column: column + 1, message, frame };
}

const SPACE = 32;
const TAB = 9;
const NEW_LINE = 10;
const CARRIAGE_RETURN = 13;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const BACKTICK = 96;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const DOT = 46;
const QUESTION = 63;

/** Characters of operators, each counted (`!!!!x` nests four times). */
const OPERATOR_CHARACTERS = "=<>+-*/%&|^!~:@";

function scan(source: string, meter: NestingMeter): { index: number; exceeded: "levels" | "operators" } | null {
  const length = source.length;
  let index = 0;
  let newLine = false;
  // Where each open `${` resumes: true when a `}` at that level goes back into a template.
  const report = (exceeded: Exceeded, at: number) => (exceeded === null ? null : { index: at, exceeded });
  while (index < length) {
    const code = source.charCodeAt(index);
    if (code === SPACE || code === TAB || code === CARRIAGE_RETURN || code === 0xfeff) {
      index++;
      continue;
    }
    if (code === NEW_LINE || code === 0x2028 || code === 0x2029) {
      newLine = true;
      index++;
      continue;
    }
    const start = index;
    if (code === SLASH) {
      const next = source.charCodeAt(index + 1);
      if (next === SLASH) {
        index = source.indexOf("\n", index);
        if (index === -1) index = length;
        continue;
      }
      if (next === STAR) {
        const end = source.indexOf("*/", index + 2);
        const stop = end === -1 ? length : end + 2;
        if (source.indexOf("\n", index) !== -1 && source.indexOf("\n", index) < stop) newLine = true;
        index = stop;
        continue;
      }
      if (meter.regexAllowed) {
        const regex = regexEnd(source, index);
        if (regex !== null) {
          const exceeded = meter.regex(regex.groups, newLine);
          if (exceeded !== null) return report(exceeded, start);
          newLine = false;
          index = regex.end;
          continue;
        }
      }
    }
    if (code === 34 || code === 39) {
      index = stringEnd(source, index);
      meter.value(newLine);
      newLine = false;
      continue;
    }
    if (code === BACKTICK || (code === CLOSE_BRACE && meter.inSubstitution)) {
      if (code === BACKTICK) meter.templateStart(newLine);
      else meter.close();
      newLine = false;
      // The template's text, up to its end or its next `${`.
      const end = templateTextEnd(source, index + 1);
      if (end.substitution) {
        const exceeded = meter.open("${");
        if (exceeded !== null) return report(exceeded, end.index - 2);
      } else {
        meter.value(false);
      }
      index = end.index;
      continue;
    }
    if (isWordStart(code)) {
      index++;
      while (index < length && isWordPart(source.charCodeAt(index))) index++;
      const exceeded = meter.word(source.slice(start, index), newLine);
      newLine = false;
      if (exceeded !== null) return report(exceeded, start);
      continue;
    }
    if (code >= 48 && code <= 57) {
      index++;
      while (index < length && (isWordPart(source.charCodeAt(index)) || source.charCodeAt(index) === DOT)) index++;
      meter.value(newLine);
      newLine = false;
      continue;
    }
    newLine = false;
    index++;
    let exceeded: Exceeded = null;
    if (code === 40) exceeded = meter.open("(");
    else if (code === OPEN_BRACKET) exceeded = meter.open("[");
    else if (code === OPEN_BRACE) exceeded = meter.open("{");
    else if (code === 41 || code === CLOSE_BRACKET || code === CLOSE_BRACE) meter.close();
    else if (code === 59) meter.semicolon();
    else if (code === 44) exceeded = meter.comma();
    else if (code === DOT) {
      if (source.startsWith("..", index)) {
        index += 2;
        exceeded = meter.dot(true);
      } else {
        exceeded = meter.dot();
      }
    } else if (code === QUESTION) {
      const next = source.charCodeAt(index);
      if (next === DOT && !isDigit(source.charCodeAt(index + 1))) {
        index++;
        exceeded = meter.dot();
      } else if (next === QUESTION) {
        index++;
        exceeded = meter.operator("??");
      } else if (next === 58 || next === 41 || next === 44 || next === 61) {
        // TypeScript's optional `a?: T`, `(a?)`, `(a?, b)`, `a ?= b`: no ternary.
        exceeded = meter.operator("?");
      } else {
        exceeded = meter.question();
      }
    } else if (OPERATOR_CHARACTERS.includes(source[start] as string)) {
      while (index < length && OPERATOR_CHARACTERS.includes(source[index] as string) && !startsComment(source, index)) index++;
      exceeded = operatorRun(meter, source.slice(start, index));
    }
    // Anything else (`#`, a stray character) nests nothing.
    if (exceeded !== null) return report(exceeded, start);
  }
  return null;
}

/** A run of operator characters, with `=>` told apart. */
function operatorRun(meter: NestingMeter, run: string): Exceeded {
  let rest = run;
  for (let arrow = rest.indexOf("=>"); arrow !== -1; arrow = rest.indexOf("=>")) {
    const before = rest.slice(0, arrow);
    const exceeded = (before === "" ? null : meter.operator(before)) ?? meter.arrow();
    if (exceeded !== null) return exceeded;
    rest = rest.slice(arrow + 2);
  }
  return rest === "" ? null : meter.operator(rest);
}

function startsComment(source: string, index: number): boolean {
  return source.charCodeAt(index) === SLASH && (source.charCodeAt(index + 1) === SLASH || source.charCodeAt(index + 1) === STAR);
}

function stringEnd(source: string, start: number): number {
  const quote = source.charCodeAt(start);
  for (let index = start + 1; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === BACKSLASH) index++;
    else if (code === quote) return index + 1;
    else if (code === NEW_LINE) return index;
  }
  return source.length;
}

/** The end of a regular expression starting at `start` and how deep its groups nest, or null when none ends on its line (then `/` divides). */
function regexEnd(source: string, start: number): { end: number; groups: number } | null {
  let inClass = false;
  let depth = 0;
  let groups = 0;
  for (let index = start + 1; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === BACKSLASH) index++;
    else if (code === NEW_LINE || code === CARRIAGE_RETURN) return null;
    else if (inClass) inClass = code !== CLOSE_BRACKET;
    else if (code === OPEN_BRACKET) inClass = true;
    else if (code === 40) groups = Math.max(groups, ++depth);
    else if (code === 41) depth--;
    else if (code === SLASH) {
      let end = index + 1;
      while (end < source.length && isWordPart(source.charCodeAt(end))) end++;
      return { end, groups };
    }
  }
  return null;
}

function templateTextEnd(source: string, start: number): { index: number; substitution: boolean } {
  for (let index = start; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === BACKSLASH) index++;
    else if (code === BACKTICK) return { index: index + 1, substitution: false };
    else if (code === DOLLAR && source.charCodeAt(index + 1) === OPEN_BRACE) return { index: index + 2, substitution: true };
  }
  return { index: source.length, substitution: false };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    code === 95 ||
    code === DOLLAR ||
    code === 35 ||
    code === BACKSLASH ||
    code > 127
  );
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || isDigit(code);
}
