// Rewrites every `yield x` that stands for an `await x` (the yields of a lowered async
// function's body, see rewrite-helpers.ts) into
//
//   ((__awaitResult = __awaitNow(__awaiting = x)) !== __notNow ? __awaitResult : yield __suspendAt(site, __awaiting))
//
// so that an await which can finish at once, a done future or a get from a non-empty queue,
// goes on without suspending (lowering/await-now.ts). An await of a method call with at most one
// argument, `await queue.put(item)`, becomes a call of __awaitCallWith instead, which
// can finish it without making the coroutine at all. Yields anywhere else keep their meaning:
// a snippet's own generators, and async generators, whose yields are both awaits and values.

import type MagicString from "magic-string";
import { type AnyNode, callLayout, onlySpace, visit } from "./syntax.js";

/** The helpers that run a lowered async function's body (rewrite-helpers.ts makes the named forms). */
const LOWERING_CALLS = new Set(["__async", "__asyncNamed"]);
const HOISTED_CALL = "__asyncHoisted";

const BEFORE_AWAITED = "((__awaitResult = __awaitNow(__awaiting =";
const afterAwaited = (site: number) => `)) !== __notNow ? __awaitResult : yield __suspendAt(${site}, __awaiting))`;
const afterCall = (site: number) => `)) !== __notNow ? __awaitResult : yield __awaitLater(${site}))`;

/** Rewrites the `yield` of an await (a yield in one of loweredBodies()) in place; `site` is its line and column (lowering/sites.ts). */
export function rewriteAwait(code: string, edited: MagicString, node: AnyNode, site: number): void {
  if (rewriteMethodCall(code, edited, node, site)) return;
  edited.overwrite(node.start, node.start + "yield".length, BEFORE_AWAITED);
  edited.appendLeft(node.end, afterAwaited(site));
}

/** Any other yield, a generator's (`yield* x` too): `yield __suspendAt(site, x)`, which yields x as before. */
export function rewriteYield(edited: MagicString, node: AnyNode, site: number): void {
  const argument = node.argument as AnyNode | null;
  if (argument === null) {
    edited.appendLeft(node.end, ` __suspendAt(${site})`);
    return;
  }
  // Parenthesised: `yield (a, b)` has a sequence as its argument.
  edited.appendLeft(argument.start, `__suspendAt(${site}, (`);
  edited.appendLeft(argument.end, "))");
}

/**
 * `yield receiver.method(argument?)` becomes
 * `((__awaitResult = __awaitCallWith(__receiver = receiver, __receiver.method, argument)) !== __notNow ? __awaitResult : yield __awaitLater(site))`
 * (`__awaitCallWith(__receiver = receiver, __receiver.method, void 0, false)` without the
 * argument: the helper calls the method with none): the receiver, the method and the argument
 * are still evaluated once each and in that order. A function imported by name, which esbuild calls as
 * `(0, import_asyncio.sleep)(argument)`, becomes `__awaitCallWith(void 0, (0, import_asyncio.sleep), argument)`.
 * Gives false, having edited nothing, for any other shape.
 */
function rewriteMethodCall(code: string, edited: MagicString, node: AnyNode, site: number): boolean {
  const call = node.argument as AnyNode;
  const args = call.arguments as AnyNode[] | undefined;
  if (args === undefined || args.length > 1 || args[0]?.type === "SpreadElement") return false;
  // No parenthesis or comment between the yield and the call either.
  if (!onlySpace(code, node.start + "yield".length, call.start)) return false;
  const layout = callLayout(code, call);
  if (layout === null) return false;
  edited.overwrite(node.start, node.start + "yield".length, `((__awaitResult = __awaitCallWith(${layout.receiver}`);
  if (layout.dot >= 0) edited.appendLeft(layout.dot, ", __receiver");
  if (args.length === 0) {
    edited.overwrite(layout.openParen, call.end, ", void 0, false");
  } else {
    edited.overwrite(layout.openParen, layout.openParen + 1, ", ");
    edited.overwrite(call.end - 1, call.end, "");
  }
  edited.appendLeft(node.end, afterCall(site));
  return true;
}

/** The generator functions that are lowered async function bodies. */
export function loweredBodies(program: AnyNode): Set<AnyNode> {
  const bodies = new Set<AnyNode>();
  const hoistedNames = new Set<string>();
  const declarations: AnyNode[] = [];
  visit(program, null, (node) => {
    if (node.type === "CallExpression") {
      const callee = node.callee as AnyNode;
      const args = node.arguments as AnyNode[];
      if (callee.type !== "Identifier") return;
      if (LOWERING_CALLS.has(callee.name as string)) {
        const body = args[args.length - 1];
        if (body?.type === "FunctionExpression" && body.generator) bodies.add(body);
      } else if (callee.name === HOISTED_CALL && args[1]?.type === "Identifier") {
        hoistedNames.add(args[1].name as string);
      }
    } else if (node.type === "FunctionDeclaration" && node.generator) {
      declarations.push(node);
    }
  });
  for (const declaration of declarations) {
    if (hoistedNames.has((declaration.id as AnyNode).name as string)) bodies.add(declaration);
  }
  return bodies;
}
