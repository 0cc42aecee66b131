// The small part of JavaScript's syntax tree the compile step's rewrites need (acorn's nodes),
// and the call shapes they recognise.

import { type Node, parse } from "acorn";
import { tokenMeter } from "./token-bound.js";

export interface AnyNode extends Node {
  [key: string]: unknown;
}

/** Parses esbuild's output; code nesting past PARSE_LIMITS throws NestingExceeded before acorn's stack runs out. */
export function parseScript(code: string): AnyNode {
  return parse(code, {
    ecmaVersion: "latest",
    sourceType: "script",
    allowReturnOutsideFunction: true,
    onToken: tokenMeter(code),
  }) as unknown as AnyNode;
}

// When acorn's stack overflows, it tests the error's message against a regular expression. V8
// compiles a regular expression on first use, and compiling one with no stack left aborts the
// whole process ("RegExpCompiler Allocation failed"). Using it here, a few times (V8 compiles it
// again, to machine code, after the first runs), makes that test safe wherever it runs.
for (let run = 0; run < 3; run++) {
  try {
    parse("(a b)", { ecmaVersion: "latest" });
  } catch {
    // The syntax error is the point.
  }
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** Visits every node after its children, with the nearest function enclosing it. */
export function visit(node: AnyNode, enclosing: AnyNode | null, each: (node: AnyNode, enclosing: AnyNode | null) => void): void {
  const inside = FUNCTIONS.has(node.type) ? node : enclosing;
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, inside, each);
    } else if (isNode(value)) {
      visit(value, inside, each);
    }
  }
  each(node, enclosing);
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Whether code[from, to) is only white space: no comment or parenthesis a rewrite would cut through. */
export function onlySpace(code: string, from: number, to: number): boolean {
  return /^\s*$/.test(code.slice(from, to));
}

/**
 * Where to edit a call `receiver.name(...)` or `(0, namespace.name)(...)` (esbuild's call of a
 * named import) so that a helper receives the receiver and the function instead: the helper's
 * first argument goes before the call, `", __receiver"` (for a method) at `dot`, and the
 * arguments start at `openParen`. Null for any other callee, or when a parenthesis or comment
 * sits where an edit would go.
 */
export interface CallLayout {
  /** The function's name: `gather` in `asyncio.gather(...)`. */
  name: string;
  /** What the helper's first argument starts with: `__receiver =` before the receiver, or `void 0,`. */
  receiver: "__receiver =" | "void 0,";
  /** The dot before a method's name, -1 for an imported function. */
  dot: number;
  openParen: number;
}

export function callLayout(code: string, call: AnyNode): CallLayout | null {
  if (call.type !== "CallExpression" || call.optional || code[call.end - 1] !== ")") return null;
  const callee = call.callee as AnyNode;
  let method = callee;
  let calleeEnd = callee.end;
  if (!isMethod(callee)) {
    const expressions = callee.expressions as AnyNode[] | undefined;
    const [first, second] = expressions ?? [];
    if (callee.type !== "SequenceExpression" || expressions?.length !== 2 || first?.value !== 0 || !isMethod(second as AnyNode))
      return null;
    method = second as AnyNode;
    // The sequence's closing parenthesis, which its node leaves out.
    calleeEnd = code.indexOf(")", callee.end) + 1;
    if (calleeEnd === 0 || !onlySpace(code, callee.end, calleeEnd - 1)) return null;
  }
  const property = method.property as AnyNode;
  const dot = code.lastIndexOf(".", property.start);
  if (!onlySpace(code, dot + 1, property.start)) return null;
  const openParen = code.indexOf("(", calleeEnd);
  if (!onlySpace(code, calleeEnd, openParen)) return null;
  const isImport = method !== callee;
  return { name: property.name as string, receiver: isImport ? "void 0," : "__receiver =", dot: isImport ? -1 : dot, openParen };
}

/** `receiver.name`, not `super.name`, `receiver?.name`, `receiver[key]` or `receiver.#name`. */
function isMethod(callee: AnyNode): boolean {
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    !callee.optional &&
    (callee.property as AnyNode).type === "Identifier" &&
    (callee.object as AnyNode).type !== "Super"
  );
}
