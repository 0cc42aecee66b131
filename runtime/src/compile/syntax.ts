// The small part of JavaScript's syntax tree the compile step's rewrites need (acorn's nodes),
// and the call shapes they recognise.

import { type Node, parse } from "acorn";

export interface AnyNode extends Node {
  [key: string]: unknown;
}

export function parseScript(code: string): AnyNode {
  return parse(code, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true }) as unknown as AnyNode;
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

/** `receiver.name`, not `super.name`, `receiver?.name`, `receiver[key]` or `receiver.#name`. */
export function isMethod(callee: AnyNode): boolean {
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    !callee.optional &&
    (callee.property as AnyNode).type === "Identifier" &&
    (callee.object as AnyNode).type !== "Super"
  );
}

/** `(0, namespace.name)`, esbuild's call of a named import. */
export function isImportedFunction(callee: AnyNode): boolean {
  const expressions = callee.expressions as AnyNode[] | undefined;
  return (
    callee.type === "SequenceExpression" &&
    expressions?.length === 2 &&
    (expressions[0] as AnyNode).type === "Literal" &&
    (expressions[0] as AnyNode).value === 0 &&
    isMethod(expressions[1] as AnyNode)
  );
}
