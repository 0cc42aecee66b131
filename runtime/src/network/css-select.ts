// CSS selectors for pyquery: groups separated by commas, compounds joined by descendant (space)
// or child (>) combinators; a compound is a tag or *, #id, .class, [attr], [attr=value],
// [attr^=value], [attr$=value], [attr*=value], and :first-child, :last-child, :first, :last.

import { ValueError } from "../asyncio/exceptions.js";
import { descendants, type HtmlElement } from "./html-tree.js";

interface AttributeTest {
  name: string;
  op: "" | "=" | "^=" | "$=" | "*=" | "~=";
  value: string;
}

interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
  attributes: AttributeTest[];
  pseudo: string[];
}

type Step = { combinator: " " | ">"; compound: Compound };

const TOKEN =
  /\s*(>)\s*|\s+|([a-zA-Z][\w-]*|\*)|#([\w-]+)|\.([\w-]+)|\[\s*([\w-]+)\s*(?:([~^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+)))?\s*\]|:([\w-]+)/y;

function emptyCompound(): Compound {
  return { tag: null, id: null, classes: [], attributes: [], pseudo: [] };
}

function parseGroup(selector: string): Step[] {
  const steps: Step[] = [];
  let compound = emptyCompound();
  /** What joins the compound being read to the one before it, and what will join the next. */
  let combinator: " " | ">" = " ";
  let next: " " | ">" = " ";
  let reading = false;
  const finish = () => {
    if (reading) steps.push({ combinator, compound });
    compound = emptyCompound();
    reading = false;
  };
  const text = selector.trim();
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null || match[0] === "")
      throw new ValueError(`Unsupported or invalid selector: ${JSON.stringify(selector)} at ${JSON.stringify(text.slice(start))}`);
    if (match[1] === ">") {
      finish();
      next = ">";
      continue;
    }
    if (/^\s+$/.test(match[0])) {
      if (reading) next = " ";
      finish();
      continue;
    }
    if (!reading) {
      combinator = next;
      next = " ";
      reading = true;
    }
    if (match[2] !== undefined) compound.tag = match[2] === "*" ? null : match[2].toLowerCase();
    else if (match[3] !== undefined) compound.id = match[3];
    else if (match[4] !== undefined) compound.classes.push(match[4]);
    else if (match[5] !== undefined) {
      compound.attributes.push({
        name: match[5].toLowerCase(),
        op: (match[6] ?? "") as AttributeTest["op"],
        value: match[7] ?? match[8] ?? match[9] ?? "",
      });
    } else if (match[10] !== undefined) compound.pseudo.push(match[10]);
  }
  finish();
  if (steps.length === 0) throw new ValueError(`Empty selector: ${JSON.stringify(selector)}`);
  return steps;
}

function matchesAttribute(element: HtmlElement, test: AttributeTest): boolean {
  const value = element.attributes.get(test.name);
  if (value === undefined) return false;
  switch (test.op) {
    case "":
      return true;
    case "=":
      return value === test.value;
    case "^=":
      return value.startsWith(test.value);
    case "$=":
      return value.endsWith(test.value);
    case "*=":
      return value.includes(test.value);
    case "~=":
      return value.split(/\s+/).includes(test.value);
  }
}

function elementSiblings(element: HtmlElement): HtmlElement[] {
  return (element.parent?.children ?? []).filter((child): child is HtmlElement => child.kind === "element");
}

function matchesCompound(element: HtmlElement, compound: Compound): boolean {
  if (compound.tag !== null && element.tag !== compound.tag) return false;
  if (compound.id !== null && element.attributes.get("id") !== compound.id) return false;
  const classes = (element.attributes.get("class") ?? "").split(/\s+/);
  if (!compound.classes.every((name) => classes.includes(name))) return false;
  if (!compound.attributes.every((test) => matchesAttribute(element, test))) return false;
  for (const pseudo of compound.pseudo) {
    const siblings = elementSiblings(element);
    if (pseudo === "first-child" && siblings[0] !== element) return false;
    if (pseudo === "last-child" && siblings[siblings.length - 1] !== element) return false;
    if (!["first-child", "last-child", "first", "last"].includes(pseudo)) throw new ValueError(`Unsupported selector :${pseudo}`);
  }
  return true;
}

/** Whether `element` matches the steps, matched right to left through its ancestors. */
function matchesSteps(element: HtmlElement, steps: Step[], index: number, scope: HtmlElement): boolean {
  const step = steps[index] as Step;
  if (!matchesCompound(element, step.compound)) return false;
  if (index === 0) return true;
  if (step.combinator === ">") {
    const parent = element.parent;
    return parent !== null && parent !== scope && matchesSteps(parent, steps, index - 1, scope);
  }
  for (let ancestor = element.parent; ancestor !== null && ancestor !== scope; ancestor = ancestor.parent) {
    if (matchesSteps(ancestor, steps, index - 1, scope)) return true;
  }
  return false;
}

/** The elements under `roots` matching `selector`, in document order, without duplicates. */
export function select(roots: HtmlElement[], selector: string): HtmlElement[] {
  const groups = selector.split(",").map(parseGroup);
  const found = new Set<HtmlElement>();
  for (const root of roots) {
    for (const element of descendants(root)) {
      if (groups.some((steps) => matchesSteps(element, steps, steps.length - 1, root))) found.add(element);
    }
  }
  let result = [...found];
  for (const steps of groups) {
    const pseudo = (steps[steps.length - 1] as Step).compound.pseudo;
    if (pseudo.includes("first")) result = result.slice(0, 1);
    if (pseudo.includes("last")) result = result.slice(-1);
  }
  return result;
}
