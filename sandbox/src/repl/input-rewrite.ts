// A REPL input (JavaScript, its TypeScript already stripped) rewritten into one async function,
// the way Python's asyncio REPL compiles each input with top-level await allowed:
// - the body runs inside `__replInput(async function () { ... })`, so `await` works anywhere;
// - top-level `var`/`let`/`const`, classes, functions and imports become properties of the
//   session's global object, so later inputs see them (Python's REPL namespace);
// - a last expression statement becomes the function's return value, shown like Python's REPL
//   shows a value that is not None.
// Edits never add or remove a line break, so line N of the result is line N of the input; line 1
// starts with PREFIX_LENGTH extra characters. Imports move to the end (they are hoisted anyway).

import { TOP_LEVEL_FUNCTION } from "@looplab/runtime/compile";
import type { Node, Pattern, Program, Statement } from "acorn";
import { parse } from "acorn";

export class InputSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "InputSyntaxError";
  }
}

export interface RewrittenInput {
  code: string;
  /** Characters added in front of line 1. */
  prefixLength: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The scope names a rewritten input expects besides the runtime's (see guest-session.ts). */
const INPUT = "__replInput";
const GLOBALS = "__replGlobals";

export function rewriteInput(source: string): RewrittenInput {
  const program = parseInput(source);
  const edits: Edit[] = [];
  const declared: string[] = [];
  const hoisted: string[] = [];
  const imports: string[] = [];
  const statements = program.body as (Statement | Node)[];
  statements.forEach((statement, index) => {
    switch (statement.type) {
      case "ImportDeclaration": {
        const text = source.slice(statement.start, statement.end);
        imports.push(text);
        edits.push({ start: statement.start, end: statement.end, text: text.replace(/[^\n]/g, " ") });
        for (const specifier of (statement as unknown as { specifiers: { local: { name: string } }[] }).specifiers) {
          hoisted.push(specifier.local.name);
        }
        break;
      }
      case "VariableDeclaration":
        rewriteDeclaration(statement as VariableDeclarationNode, edits, declared);
        break;
      case "FunctionDeclaration":
        hoisted.push((statement as unknown as { id: { name: string } }).id.name);
        break;
      case "ClassDeclaration": {
        const name = (statement as unknown as { id: { name: string } }).id.name;
        declared.push(name);
        edits.push({ start: statement.start, end: statement.start, text: `${name} = ` });
        edits.push({ start: statement.end, end: statement.end, text: ";" });
        break;
      }
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration": {
        const position = positionOf(source, statement.start);
        throw new InputSyntaxError("export has no meaning in the REPL: declare the name instead", position.line, position.column);
      }
      case "ExpressionStatement": {
        // A lone string is a directive to the parser; the REPL echoes it like any other value.
        const expression = (statement as unknown as { expression: Node }).expression;
        if (index === statements.length - 1) {
          edits.push({ start: expression.start, end: expression.start, text: "return (" });
          edits.push({ start: expression.end, end: expression.end, text: ")" });
        }
        break;
      }
    }
  });
  const prefix = [
    `${INPUT}(async function ${TOP_LEVEL_FUNCTION}() {`,
    declared.length > 0 ? `for (const name of ${JSON.stringify(declared)}) if (!(name in ${GLOBALS})) ${GLOBALS}[name] = undefined;` : "",
    ...hoisted.map((name) => `${GLOBALS}.${name} = ${name};`),
  ].join(" ");
  const body = applyEdits(source, edits);
  return { code: `${prefix} ${body}\n});\n${imports.join("\n")}\n`, prefixLength: prefix.length + 1 };
}

function parseInput(source: string): Program {
  try {
    return parse(source, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, locations: true });
  } catch (error) {
    const location = (error as { loc?: { line: number; column: number } }).loc;
    throw new InputSyntaxError((error as Error).message.replace(/ \(\d+:\d+\)$/, ""), location?.line ?? 1, (location?.column ?? 0) + 1);
  }
}

interface VariableDeclarationNode extends Node {
  kind: "var" | "let" | "const" | "using" | "await using";
  declarations: { id: Pattern; init: Node | null; end: number }[];
}

/** `const {a, b} = o, c;` becomes `(     {a, b} = o, c = undefined);`: columns kept, names global. */
function rewriteDeclaration(statement: VariableDeclarationNode, edits: Edit[], declared: string[]): void {
  // `using` disposes at the end of its block: here, the end of the input, as Python's `with` would.
  if (statement.kind !== "var" && statement.kind !== "let" && statement.kind !== "const") return;
  const keyword = statement.kind.length;
  edits.push({ start: statement.start, end: statement.start + keyword, text: `(${" ".repeat(keyword - 1)}` });
  for (const declarator of statement.declarations) {
    collectNames(declarator.id, declared);
    if (declarator.init === null) edits.push({ start: declarator.id.end, end: declarator.id.end, text: " = undefined" });
  }
  const last = statement.declarations[statement.declarations.length - 1];
  if (last !== undefined) edits.push({ start: last.end, end: last.end, text: ")" });
}

function collectNames(pattern: Pattern | Node | null, names: string[]): void {
  if (pattern === null) return;
  const node = pattern as unknown as Record<string, unknown> & { type: string };
  switch (node.type) {
    case "Identifier":
      names.push(node.name as string);
      break;
    case "ObjectPattern":
      for (const property of node.properties as (Record<string, unknown> & { type: string })[]) {
        collectNames((property.type === "RestElement" ? property.argument : property.value) as Node, names);
      }
      break;
    case "ArrayPattern":
      for (const element of node.elements as (Node | null)[]) collectNames(element, names);
      break;
    case "RestElement":
      collectNames(node.argument as Node, names);
      break;
    case "AssignmentPattern":
      collectNames(node.left as Node, names);
      break;
  }
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = "";
  let position = 0;
  for (const edit of sorted) {
    result += source.slice(position, edit.start) + edit.text;
    position = Math.max(position, edit.end);
  }
  return result + source.slice(position);
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
