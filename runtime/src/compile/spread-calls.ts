// QuickJS refuses a call with more than 65,534 arguments, so `asyncio.gather(...tasks)` over
// 100k tasks would fail inside the sandbox though the product allows a million tasks. A call of
// a runtime function that takes any number of arguments, with a spread among them, becomes
//
//   __spreadCall(__receiver = asyncio, __receiver.gather, [...tasks])
//
// which passes the array to the function's array form (lowering/spread-call.ts). The receiver,
// the function and the arguments are evaluated once each and in JavaScript's order; a function
// with no array form is applied to the array, as the spread call would have been.

import type MagicString from "magic-string";
import { type AnyNode, callLayout } from "./syntax.js";

/** The runtime's functions with an array form, by the name a snippet calls them by. */
const ARRAY_FORM_NAMES = new Set(["gather"]);

/** Whether code may hold a call rewriteSpreadCall() rewrites: a cheap test before parsing. */
export function mayHaveSpreadCall(code: string): boolean {
  if (!code.includes("...")) return false;
  for (const name of ARRAY_FORM_NAMES) if (code.includes(`.${name}`)) return true;
  return false;
}

/** Rewrites a call node if it has that shape; gives false, having edited nothing, otherwise. */
export function rewriteSpreadCall(code: string, edited: MagicString, call: AnyNode): boolean {
  if (call.type !== "CallExpression" || !(call.arguments as AnyNode[]).some((argument) => argument.type === "SpreadElement")) return false;
  const layout = callLayout(code, call);
  if (layout === null || !ARRAY_FORM_NAMES.has(layout.name)) return false;
  edited.prependRight(call.start, `__spreadCall(${layout.receiver} `);
  if (layout.dot >= 0) edited.appendLeft(layout.dot, ", __receiver");
  edited.overwrite(layout.openParen, layout.openParen + 1, ", [");
  edited.overwrite(call.end - 1, call.end, "])");
  return true;
}
