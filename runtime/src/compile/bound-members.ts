// Python's `fut.set_result` is a bound method: `loop.call_later(1, fut.set_result, "F")` works.
// JavaScript's `fut.setResult` loses `this`. Where a snippet passes a property as a value (a
// call's argument, an array element, an object property's value, a variable's initial value,
// the right side of `=`, a return value), the compiler writes
//
//   __bound(fut, "setResult")
//
// which gives the property's value, bound to `fut` when it is one of the runtime's methods
// (lowering/bound-methods.ts). The object is evaluated once and the property read once, as before.

import type MagicString from "magic-string";
import { type AnyNode, onlySpace } from "./syntax.js";

/** Rewrites the value positions among `node`'s children; gives the number of members rewritten. */
export function rewriteBoundMembers(code: string, edited: MagicString, node: AnyNode): number {
  let edits = 0;
  for (const value of valuePositions(node)) if (value !== null && rewriteMember(code, edited, value)) edits++;
  return edits;
}

function valuePositions(node: AnyNode): (AnyNode | null)[] {
  switch (node.type) {
    case "CallExpression":
    case "NewExpression":
      return node.arguments as AnyNode[];
    case "ArrayExpression":
      return node.elements as (AnyNode | null)[];
    case "Property":
      return node.kind === "init" && !node.method && !node.shorthand ? [node.value as AnyNode] : [];
    case "VariableDeclarator":
      return [node.init as AnyNode | null];
    case "AssignmentExpression":
      return node.operator === "=" ? [node.right as AnyNode] : [];
    case "ReturnStatement":
      return [node.argument as AnyNode | null];
    default:
      return [];
  }
}

/** `object.name` becomes `__bound(object, "name")`; not `super.name`, `object?.name`, `object[key]` or `object.#name`. */
function rewriteMember(code: string, edited: MagicString, member: AnyNode): boolean {
  if (member.type !== "MemberExpression" || member.computed || member.optional) return false;
  const object = member.object as AnyNode;
  const property = member.property as AnyNode;
  if (object.type === "Super" || property.type !== "Identifier") return false;
  const dot = code.lastIndexOf(".", property.start);
  if (dot < object.end || !onlySpace(code, object.end, dot) || !onlySpace(code, dot + 1, property.start)) return false;
  edited.prependRight(member.start, "__bound(");
  edited.overwrite(dot, member.end, `, ${JSON.stringify(property.name)})`);
  return true;
}
