// A forgiving HTML parser for pyquery: elements with attributes and children, text, entities,
// void elements, comments, raw text in <script> and <style>, end tags that close what is left
// open. Enough for the pages of the demo web and for pages a snippet writes itself.

export interface HtmlText {
  kind: "text";
  text: string;
  parent: HtmlElement | null;
}

export interface HtmlElement {
  kind: "element";
  tag: string;
  attributes: Map<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const RAW_TEXT = new Set(["script", "style"]);
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  rarr: "→",
  larr: "←",
  copy: "©",
  mdash: "—",
  ndash: "–",
  hellip: "…",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

function element(tag: string, parent: HtmlElement | null): HtmlElement {
  return { kind: "element", tag, attributes: new Map(), children: [], parent };
}

// Sticky: each matches exactly at lastIndex, without copying the rest of the document.
const CLOSING_TAG = /<\/\s*([a-zA-Z][\w:-]*)\s*>/y;
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/** Parses a document into a root element (tag "#document") holding its top-level nodes. */
export function parseHtml(html: string): HtmlElement {
  const root = element("#document", null);
  let current = root;
  let i = 0;
  const appendText = (text: string) => {
    if (text !== "") current.children.push({ kind: "text", text: decodeEntities(text), parent: current });
  };
  while (i < html.length) {
    const open = html.indexOf("<", i);
    if (open === -1) {
      appendText(html.slice(i));
      break;
    }
    appendText(html.slice(i, open));
    if (html.startsWith("<!--", open)) {
      const end = html.indexOf("-->", open + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith("<!", open) || html.startsWith("<?", open)) {
      const end = html.indexOf(">", open);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    CLOSING_TAG.lastIndex = open;
    const closing = CLOSING_TAG.exec(html);
    if (closing !== null) {
      const tag = (closing[1] as string).toLowerCase();
      // Close up to the nearest open element of this tag; a stray end tag is ignored.
      for (let node: HtmlElement | null = current; node !== null && node !== root; node = node.parent) {
        if (node.tag === tag) {
          current = node.parent ?? root;
          break;
        }
      }
      i = open + closing[0].length;
      continue;
    }
    START_TAG.lastIndex = open;
    const start = START_TAG.exec(html);
    if (start === null) {
      appendText("<");
      i = open + 1;
      continue;
    }
    const tag = (start[1] as string).toLowerCase();
    const node = element(tag, current);
    for (const match of (start[2] ?? "").matchAll(ATTRIBUTE)) {
      node.attributes.set((match[1] as string).toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
    }
    current.children.push(node);
    i = open + start[0].length;
    if (VOID.has(tag) || start[3] === "/") continue;
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, i);
      const stop = end === -1 ? html.length : end;
      if (stop > i) node.children.push({ kind: "text", text: html.slice(i, stop), parent: node });
      const close = end === -1 ? html.length : html.indexOf(">", end) + 1;
      i = close === 0 ? html.length : close;
      continue;
    }
    current = node;
  }
  return root;
}

/** Every element under `root`, in document order. */
export function descendants(root: HtmlElement): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (node: HtmlElement) => {
    for (const child of node.children) {
      if (child.kind === "element") {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tr",
  "ul",
]);

/** An element's text as pyquery's text() gives it: spaces squashed, block elements on lines of their own. */
export function textOf(node: HtmlNode): string {
  let out = "";
  const visit = (current: HtmlNode) => {
    if (current.kind === "text") {
      out += current.text;
      return;
    }
    if (RAW_TEXT.has(current.tag)) return;
    const block = BLOCK.has(current.tag);
    if (block) out += "\n";
    for (const child of current.children) visit(child);
    if (block) out += "\n";
  };
  visit(node);
  return out
    .split("\n")
    .map((line) => line.replace(/[ \t\r\f\v]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The markup of a node, as pyquery's outer_html() writes it. */
export function serialize(node: HtmlNode): string {
  if (node.kind === "text") return node.parent !== null && RAW_TEXT.has(node.parent.tag) ? node.text : escapeText(node.text);
  const attributes = [...node.attributes]
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
    .join("");
  if (VOID.has(node.tag)) return `<${node.tag}${attributes}/>`;
  return `<${node.tag}${attributes}>${node.children.map(serialize).join("")}</${node.tag}>`;
}
