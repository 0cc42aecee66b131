// Python's json.dumps, for the JSON the simulated services send: ", " and ": " between items
// (or newlines with `indent`), non-ASCII escaped as \uXXXX (ensure_ascii), so a body is the
// same bytes Python would send.

import { ValueError } from "../asyncio/exceptions.js";
import { typeName } from "./bytes.js";

export interface DumpOptions {
  indent?: number | null;
  sortKeys?: boolean;
  ensureAscii?: boolean;
}

export function jsonDumps(value: unknown, options: DumpOptions = {}): string {
  return dump(value, options, 0);
}

function dump(value: unknown, options: DumpOptions, depth: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return dumpString(value, options.ensureAscii ?? true);
  if (Array.isArray(value))
    return container(
      "[",
      "]",
      value.map((item) => dump(item, options, depth + 1)),
      options,
      depth,
    );
  if (value instanceof Map) value = Object.fromEntries(value);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(`Object of type ${typeName(value)} is not JSON serializable`);
  }
  let keys = Object.keys(value as object);
  if (options.sortKeys) keys = keys.sort();
  const items = keys.map(
    (key) => `${dumpString(key, options.ensureAscii ?? true)}: ${dump((value as Record<string, unknown>)[key], options, depth + 1)}`,
  );
  return container("{", "}", items, options, depth);
}

function container(open: string, close: string, items: string[], options: DumpOptions, depth: number): string {
  if (items.length === 0) return `${open}${close}`;
  const indent = options.indent;
  if (indent === null || indent === undefined) return `${open}${items.join(", ")}${close}`;
  if (indent < 0) throw new ValueError("indent must be >= 0");
  const inner = `\n${" ".repeat(indent * (depth + 1))}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${" ".repeat(indent * depth)}${close}`;
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

function dumpString(text: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const code = text.charCodeAt(i);
    if (char in ESCAPES) out += ESCAPES[char];
    else if (code < 0x20 || (ensureAscii && code > 0x7f)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}
