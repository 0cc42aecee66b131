// Which declarations of an earlier input come back when a session starts again after it ended
// (a limit, Ctrl-C on a computing input, a lost connection). Replay must not run anything
// twice that the person saw happen: no print, no task spawned, no await. So the rule is, for
// each top-level statement of the input, in order:
// - `import` declarations and `function` declarations come back: they only bind names, and run
//   first in their input (hoisted), so they existed even when the input failed;
// - a `class` comes back when evaluating it runs no code of the snippet: its `extends`, computed
//   keys and static fields are side-effect free (see `sideEffectFree`) and it has no static block;
// - `const`/`let`/`var` come back when every initializer is side-effect free: literals, names,
//   functions and arrows, object and array literals, templates, operators, member reads;
//   a call, `new`, `await`, `yield`, an assignment or a spread makes it not come back, its names
//   listed as not restored with the reason;
// - classes and variables come back only from an input that completed: one that raised or hit a
//   limit may have stopped before them;
// - everything else (expressions, loops, `using`) is not replayed.

import type { Node } from "acorn";
import { parse } from "acorn";
import { strippedInput } from "./compile-input.js";

/** An input the session ran, and whether it completed (no error, no limit). */
export interface PastInput {
  source: string;
  completed: boolean;
}

/** A name an earlier input declared that replay leaves out, and why, in words. */
export interface NotRestored {
  name: string;
  reason: string;
}

export interface InputDeclarations {
  /** JavaScript (types stripped) that declares what comes back; "" when nothing does. */
  code: string;
  restored: string[];
  notRestored: NotRestored[];
}

type AnyNode = Node & Record<string, unknown>;

const NOTHING: InputDeclarations = { code: "", restored: [], notRestored: [] };

/** The declarations of `input` that replay brings back; an input that does not compile brings back nothing. */
export async function declarationsOf(input: PastInput): Promise<InputDeclarations> {
  // The source is the client's: bounded like any input before acorn (and the walk below) recurse through it.
  const code = await strippedInput(input.source, "<replay>");
  if (code === null) return NOTHING;
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true }) as unknown as AnyNode;
  } catch {
    return NOTHING;
  }
  const kept: string[] = [];
  const restored: string[] = [];
  const notRestored: NotRestored[] = [];
  const keep = (statement: AnyNode, names: string[]) => {
    kept.push(code.slice(statement.start, statement.end));
    restored.push(...names);
  };
  const leaveOut = (names: string[], reason: string) => {
    for (const name of names) notRestored.push({ name, reason });
  };
  for (const statement of program.body as AnyNode[]) {
    switch (statement.type) {
      case "ImportDeclaration":
        keep(
          statement,
          (statement.specifiers as AnyNode[]).map((specifier) => (specifier.local as AnyNode).name as string),
        );
        break;
      case "FunctionDeclaration":
        keep(statement, [(statement.id as AnyNode).name as string]);
        break;
      case "ClassDeclaration": {
        const name = (statement.id as AnyNode).name as string;
        if (!input.completed) leaveOut([name], "its input did not complete");
        else if (!classIsInert(statement))
          leaveOut([name], "defining it runs code (a static block, or a call in extends, a key or a static field)");
        else keep(statement, [name]);
        break;
      }
      case "VariableDeclaration": {
        const kind = statement.kind as string;
        if (kind !== "const" && kind !== "let" && kind !== "var") break;
        const declarators = statement.declarations as AnyNode[];
        const names = declarators.flatMap((declarator) => boundNames(declarator.id as AnyNode));
        if (!input.completed) leaveOut(names, "its input did not complete");
        else if (
          !declarators.every((declarator) => patternIsInert(declarator.id as AnyNode) && sideEffectFree(declarator.init as AnyNode | null))
        )
          leaveOut(names, "its value came from a call, new, await or an assignment, which replay does not run again");
        else keep(statement, names);
        break;
      }
    }
  }
  return { code: kept.join("\n"), restored, notRestored };
}

/** Whether evaluating `node` runs no code of the snippet and changes nothing. */
export function sideEffectFree(node: AnyNode | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  switch (node.type) {
    case "Literal":
    case "Identifier":
    case "ThisExpression":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return true;
    case "TemplateLiteral":
      return (node.expressions as AnyNode[]).every(sideEffectFree);
    case "ArrayExpression":
      return (node.elements as (AnyNode | null)[]).every(
        (element) => element === null || (element.type !== "SpreadElement" && sideEffectFree(element)),
      );
    case "ObjectExpression":
      return (node.properties as AnyNode[]).every(
        (property) =>
          property.type === "Property" &&
          (!property.computed || sideEffectFree(property.key as AnyNode)) &&
          sideEffectFree(property.value as AnyNode),
      );
    case "UnaryExpression":
      return node.operator !== "delete" && sideEffectFree(node.argument as AnyNode);
    case "BinaryExpression":
    case "LogicalExpression":
      return sideEffectFree(node.left as AnyNode) && sideEffectFree(node.right as AnyNode);
    case "ConditionalExpression":
      return (
        sideEffectFree(node.test as AnyNode) && sideEffectFree(node.consequent as AnyNode) && sideEffectFree(node.alternate as AnyNode)
      );
    case "MemberExpression":
      return sideEffectFree(node.object as AnyNode) && (!node.computed || sideEffectFree(node.property as AnyNode));
    case "ChainExpression":
    case "ParenthesizedExpression":
      return sideEffectFree(node.expression as AnyNode);
    case "SequenceExpression":
      return (node.expressions as AnyNode[]).every(sideEffectFree);
    case "ClassExpression":
      return classIsInert(node);
    default:
      // Calls, new, await, yield, assignments, updates, tagged templates, import(): they run code.
      return false;
  }
}

function classIsInert(node: AnyNode): boolean {
  if (!sideEffectFree(node.superClass as AnyNode | null)) return false;
  return ((node.body as AnyNode).body as AnyNode[]).every((member) => {
    if (member.type === "StaticBlock") return false;
    if (member.computed === true && !sideEffectFree(member.key as AnyNode)) return false;
    // Instance fields run when an instance is made, later; static ones run now.
    return member.type !== "PropertyDefinition" || member.static !== true || sideEffectFree(member.value as AnyNode | null);
  });
}

/** Destructuring with defaults or computed keys may run code too. */
function patternIsInert(pattern: AnyNode): boolean {
  switch (pattern.type) {
    case "Identifier":
      return true;
    case "ObjectPattern":
      return (pattern.properties as AnyNode[]).every((property) =>
        property.type === "RestElement"
          ? patternIsInert(property.argument as AnyNode)
          : (!property.computed || sideEffectFree(property.key as AnyNode)) && patternIsInert(property.value as AnyNode),
      );
    case "ArrayPattern":
      // Array destructuring iterates, which may run a snippet's iterator.
      return false;
    case "AssignmentPattern":
      return patternIsInert(pattern.left as AnyNode) && sideEffectFree(pattern.right as AnyNode);
    default:
      return false;
  }
}

function boundNames(pattern: AnyNode | null): string[] {
  if (pattern === null) return [];
  switch (pattern.type) {
    case "Identifier":
      return [pattern.name as string];
    case "ObjectPattern":
      return (pattern.properties as AnyNode[]).flatMap((property) =>
        boundNames((property.type === "RestElement" ? property.argument : property.value) as AnyNode),
      );
    case "ArrayPattern":
      return (pattern.elements as (AnyNode | null)[]).flatMap((element) => boundNames(element));
    case "RestElement":
      return boundNames(pattern.argument as AnyNode);
    case "AssignmentPattern":
      return boundNames(pattern.left as AnyNode);
    default:
      return [];
  }
}
