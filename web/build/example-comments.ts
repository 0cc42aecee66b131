// An example's comments in both languages. An example NN-name.ts is written with its comments in
// one language; its sibling NN-name.<language>.ts (NN-name.en.ts or NN-name.zh-CN.ts) is the same
// program with the comments, and nothing else, in the other. "The same program" is checked on
// TypeScript's own tokens: both files must give the same tokens on the same lines once comments
// are set aside, so the run, its output and every line the step-through view marks are the same.

import ts from "typescript";
import { LANGUAGES, type Language } from "./languages.ts";

/** A token or a comment of a source text, with its 1-based line. */
export interface Piece {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface ScannedSource {
  /** Every token but comments and whitespace. */
  tokens: Piece[];
  comments: Piece[];
}

/** Tokens after which `/` divides; after anything else it starts a regular expression. */
const ENDS_AN_OPERAND = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * Splits TypeScript source into its tokens and its comments with TypeScript's scanner. The
 * scanner alone does not know that a `}` closes a template's `${...}` or that a `/` starts a
 * regular expression; both are decided here, so that a `//` inside a template or a regular
 * expression is never taken for a comment.
 */
export function scanSource(code: string): ScannedSource {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, code);
  // Pieces come in order, so lines are counted once, up to each piece's start.
  let line = 1;
  let counted = 0;
  const lineOf = (position: number) => {
    for (; counted < position; counted++) if (code[counted] === "\n") line++;
    return line;
  };
  const tokens: Piece[] = [];
  const comments: Piece[] = [];
  /** For each open `{` or `${`: whether its `}` resumes a template. */
  const braces: boolean[] = [];
  let previous: ts.SyntaxKind | null = null;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) kind = scanner.reScanTemplateToken(false);
    else if (
      (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
      (previous === null || !ENDS_AN_OPERAND.has(previous))
    )
      kind = scanner.reScanSlashToken();
    const piece = {
      text: scanner.getTokenText(),
      line: lineOf(scanner.getTokenStart()),
      start: scanner.getTokenStart(),
      end: scanner.getTokenEnd(),
    };
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push(piece);
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia) continue;
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    else if (kind === ts.SyntaxKind.TemplateHead) braces.push(true);
    else if (kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    tokens.push(piece);
    previous = kind;
  }
  return { tokens, comments };
}

/** Han characters and the CJK punctuation and full-width forms Chinese prose uses (，。：（）). */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

export function hasChinese(text: string): boolean {
  return CHINESE.test(text);
}

/** The language an example's comments are written in: Chinese if any comment has Chinese, null without comments. */
export function commentLanguageOf(code: string): Language | null {
  const { comments } = scanSource(code);
  if (comments.length === 0) return null;
  return comments.some((comment) => hasChinese(comment.text)) ? "zh-CN" : "en";
}

/** "tasks/01-create-task.ts" with "en" → "tasks/01-create-task.en.ts". */
export function variantPath(examplePath: string, language: Language): string {
  return examplePath.replace(/\.ts$/, `.${language}.ts`);
}

/** "tasks/01-create-task.en.ts" → { example: "tasks/01-create-task.ts", language: "en" }; null for a file that is not a variant. */
export function variantOf(file: string): { example: string; language: string } | null {
  const match = /^(.*\/)?([^/.]+)\.([^/]+)\.ts$/.exec(file);
  return match ? { example: `${match[1] ?? ""}${match[2]}.ts`, language: match[3]! } : null;
}

/** An example's file name, "01-create-task.ts", as opposed to a variant's, "01-create-task.en.ts". */
export function isExampleFile(name: string): boolean {
  return name.endsWith(".ts") && variantOf(name) === null;
}

function describe(piece: Piece | undefined): string {
  return piece === undefined ? "the end of the file" : `\`${piece.text}\` on line ${piece.line}`;
}

/**
 * Why a variant is not the example with its comments translated, one sentence each: code that
 * differs (the first token that does), and comments still in the wrong language. `variantFile`
 * and `exampleFile` name the two files in the sentences.
 */
export function variantProblems(exampleFile: string, example: string, variantFile: string, variant: string, language: Language): string[] {
  const problems: string[] = [];
  const original = scanSource(example);
  const translated = scanSource(variant);
  const length = Math.max(original.tokens.length, translated.tokens.length);
  for (let index = 0; index < length; index++) {
    const expected = original.tokens[index];
    const found = translated.tokens[index];
    if (expected?.text !== found?.text || expected?.line !== found?.line) {
      problems.push(
        `${variantFile} differs from ${exampleFile} in more than its comments: it has ${describe(found)} where ${exampleFile} has ${describe(expected)}; ` +
          "change only the comments, keeping every line where it is",
      );
      break;
    }
  }
  if (language === "en") {
    for (const comment of translated.comments)
      if (hasChinese(comment.text))
        problems.push(`${variantFile} line ${comment.line} has a comment still in Chinese; translate it into English`);
  } else if (!translated.comments.some((comment) => hasChinese(comment.text))) {
    problems.push(`${variantFile} has no comment in Chinese; translate its comments into Chinese`);
  }
  return problems;
}

/** The languages an example with comments in `language` needs a variant in. */
export function otherLanguages(language: Language): Language[] {
  return LANGUAGES.filter((each) => each !== language);
}
