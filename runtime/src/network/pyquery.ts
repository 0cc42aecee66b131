// The `pyquery` module, jQuery-like HTML queries as the seeds' crawler uses them:
// `pq = PyQuery(html)`, `pq("#content").text()`, `pq.items("dd a")`, `item.attr("href")`.
// A PyQuery object is callable, as in Python, and holds a list of elements.

import { ValueError } from "../asyncio/exceptions.js";
import { makeModule } from "../asyncio/module.js";
import { addSnakeCaseAliases } from "../python-names.js";
import { typeName } from "./bytes.js";
import { select } from "./css-select.js";
import { type HtmlElement, parseHtml, serialize, textOf } from "./html-tree.js";

export interface PyQueryObject extends PyQueryMethods {
  (selector: string): PyQueryObject;
}

class PyQueryMethods {
  declare readonly elements: HtmlElement[];

  /** Each matched element (or each under `selector`) as a PyQuery of its own. */
  items(selector?: string): PyQueryObject[] {
    const elements = selector === undefined ? this.elements : select(this.elements, selector);
    return elements.map((element) => wrap([element]));
  }

  find(selector: string): PyQueryObject {
    return wrap(select(this.elements, selector));
  }

  /** The text of the elements, joined by spaces; inside each, spaces squashed and blocks on lines. */
  text(): string {
    return this.elements.map(textOf).join(" ");
  }

  /** attr(name): the first element's attribute, or None; attr(name, value) sets it on every element. */
  attr(name: string, value?: string): string | null | PyQueryObject {
    if (value !== undefined) {
      for (const element of this.elements) element.attributes.set(name.toLowerCase(), String(value));
      return this as unknown as PyQueryObject;
    }
    return this.elements[0]?.attributes.get(name.toLowerCase()) ?? null;
  }

  /** The inner HTML of the first element, or None. */
  html(): string | null {
    const first = this.elements[0];
    return first === undefined ? null : first.children.map(serialize).join("");
  }

  outerHtml(): string | null {
    const first = this.elements[0];
    return first === undefined ? null : serialize(first);
  }

  eq(index: number): PyQueryObject {
    const element = this.elements.at(index);
    return wrap(element === undefined ? [] : [element]);
  }

  children(selector?: string): PyQueryObject {
    const children = this.elements.flatMap((element) => element.children.filter((child): child is HtmlElement => child.kind === "element"));
    if (selector === undefined) return wrap(children);
    const wanted = new Set(select(this.elements, selector));
    return wrap(children.filter((child) => wanted.has(child)));
  }

  parent(): PyQueryObject {
    const parents = this.elements
      .map((element) => element.parent)
      .filter((parent): parent is HtmlElement => parent !== null && parent.tag !== "#document");
    return wrap([...new Set(parents)]);
  }

  get length(): number {
    return this.elements.length;
  }

  [Symbol.iterator](): Iterator<PyQueryObject> {
    return this.items()[Symbol.iterator]();
  }

  __repr__(): string {
    const describe = (element: HtmlElement) => {
      const id = element.attributes.get("id");
      const classes = (element.attributes.get("class") ?? "").split(/\s+/).filter((name) => name !== "");
      return `<${element.tag}${id === undefined ? "" : `#${id}`}${classes.map((name) => `.${name}`).join("")}>`;
    };
    return `[${this.elements
      .filter((element) => element.tag !== "#document")
      .map(describe)
      .join(", ")}]`;
  }
}
addSnakeCaseAliases(PyQueryMethods);

function wrap(elements: HtmlElement[]): PyQueryObject {
  const query = ((selector: string) => wrap(select(elements, selector))) as PyQueryObject;
  Object.setPrototypeOf(query, PyQueryMethods.prototype);
  Object.defineProperty(query, "elements", { value: elements });
  // A function has a length of its own (its parameter count); a PyQuery's is its element count.
  Object.defineProperty(query, "length", { get: () => elements.length });
  return query;
}

/** PyQuery(html): the document, to query with pq(selector). */
export function PyQuery(html: unknown): PyQueryObject {
  if (typeof html !== "string") {
    throw new ValueError(
      `PyQuery() needs HTML text, got ${typeName(html)}${html === null || html === undefined ? " (did the request fail?)" : ""}`,
    );
  }
  return wrap([parseHtml(html)]);
}

export const pyquery = makeModule({ PyQuery });
