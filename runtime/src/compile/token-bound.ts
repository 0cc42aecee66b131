// The bound on JavaScript that acorn parses in the server's own thread: esbuild's output before
// the compile step's rewrites, and a REPL input's stripped code before input-rewrite.ts. The
// source was already checked (nesting-bound.ts), but lowering adds levels and a scan of
// TypeScript can misread a rare `/`; acorn's own tokens cannot be misread. An overflow there
// is the one the server may not survive, so this bound is exact where the other is a guess.

import { type Options, type Token, tokenizer } from "acorn";
import { describeExceeded } from "./nesting-bound.js";
import { type NestingLimits, NestingMeter } from "./nesting-meter.js";

/** Under a third of what acorn and the rewrites take (nesting-bound.ts); room for the levels lowering adds to the source's 64. */
export const PARSE_LIMITS: NestingLimits = { levels: 160, operators: 1200 };

/** Thrown from acorn's onToken when the code nests past the limits; `index` is where. */
export class NestingExceeded extends Error {
  /** What was exceeded and what to do, without saying where. */
  readonly detail: string;

  constructor(
    readonly reason: "levels" | "operators",
    readonly index: number,
    limits: NestingLimits,
  ) {
    const detail = describeExceeded(reason, limits);
    super(`the compiled code: ${detail}`);
    this.detail = detail;
    this.name = "NestingExceeded";
  }
}

/** An onToken callback for acorn that throws NestingExceeded as soon as the tokens nest too deep. */
export function tokenMeter(code: string, limits: NestingLimits = PARSE_LIMITS): (token: Token) => void {
  const meter = new NestingMeter(limits);
  const templates: number[] = [];
  let previousEnd = 0;
  let nextNewLine = code.indexOf("\n");
  return (token) => {
    if (nextNewLine !== -1 && nextNewLine < previousEnd) nextNewLine = code.indexOf("\n", previousEnd);
    const newLine = nextNewLine !== -1 && nextNewLine < token.start;
    previousEnd = token.end;
    const label = token.type.label;
    let exceeded: "levels" | "operators" | null = null;
    switch (label) {
      case "(":
      case "[":
      case "{":
      case "${":
        exceeded = meter.open(label);
        break;
      case ")":
      case "]":
      case "}":
        meter.close();
        break;
      case "`":
        // The same token opens and closes a template: it closes the one whose text we are in.
        if (templates.at(-1) === meter.depth) {
          templates.pop();
          meter.value(false);
        } else {
          meter.templateStart(newLine);
          templates.push(meter.depth);
        }
        break;
      case "template":
      case "invalidTemplate":
      case "eof":
        break;
      case ",":
        exceeded = meter.comma();
        break;
      case ";":
        meter.semicolon();
        break;
      case "=>":
        exceeded = meter.arrow();
        break;
      case "?":
        exceeded = meter.question();
        break;
      case ".":
      case "?.":
        exceeded = meter.dot();
        break;
      case "...":
        exceeded = meter.dot(true);
        break;
      case "num":
      case "string":
      case "regexp":
        meter.value(newLine);
        break;
      case "name":
      case "privateId":
        exceeded = meter.word(String((token as Token & { value: unknown }).value), newLine);
        break;
      default:
        exceeded =
          token.type.keyword !== undefined ? meter.word(token.type.keyword, newLine) : meter.operator(code.slice(token.start, token.end));
    }
    if (exceeded !== null) throw new NestingExceeded(exceeded, token.start, limits);
  };
}

/** Tokenizes code as acorn would parse it; the first place it nests past the limits, or null (also when it does not tokenize: the parse reports that). */
export function checkTokens(code: string, options: Options, limits: NestingLimits = PARSE_LIMITS): NestingExceeded | null {
  const onToken = tokenMeter(code, limits);
  try {
    for (const token of tokenizer(code, options)) onToken(token);
  } catch (error) {
    if (error instanceof NestingExceeded) return error;
    // A regular expression's groups nested past acorn's stack: its validator recurses.
    if (error instanceof RangeError) return new NestingExceeded("levels", 0, limits);
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  return null;
}
