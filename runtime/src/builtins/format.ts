// Python's str() and repr() for JavaScript values, so print() shows what Python would:
// strings bare at top level and quoted inside containers, None/True/False, Error('boom').

import { isPythonClass } from "../python-class.js";
import { exceptionName } from "./exception-name.js";

export function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object") {
    const custom = (value as { __str__?: unknown }).__str__;
    if (typeof custom === "function") return String(custom.call(value));
    if (value instanceof Error && !hasCustomRepr(value)) return value.message;
  }
  return repr(value);
}

/** `seen`: the containers being printed, to print a cycle as Python does; made only for a container. */
export function repr(value: unknown, seen?: Set<object>): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return formatNumber(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "None";
    case "symbol":
      return value.toString();
    case "function":
      return isClass(value) ? `<class '${value.name}'>` : `<function ${value.name || "<lambda>"}>`;
  }
  if (value === null) return "None";
  const object = value as object;
  if (hasCustomRepr(object)) return String((object as { __repr__: () => unknown }).__repr__());
  const printing = seen ?? new Set<object>();
  if (printing.has(object)) return Array.isArray(object) ? "[...]" : "{...}";
  printing.add(object);
  try {
    return reprObject(object, printing);
  } finally {
    printing.delete(object);
  }
}

function reprObject(object: object, seen: Set<object>): string {
  if (Array.isArray(object)) return `[${object.map((item) => repr(item, seen)).join(", ")}]`;
  if (object instanceof Error) return reprError(object, seen);
  if (object instanceof Uint8Array) return bytesRepr(object);
  if (object instanceof Map) {
    const entries = [...object].map(([key, item]) => `${repr(key, seen)}: ${repr(item, seen)}`);
    return `{${entries.join(", ")}}`;
  }
  if (object instanceof Set) {
    if (object.size === 0) return "set()";
    return `{${[...object].map((item) => repr(item, seen)).join(", ")}}`;
  }
  if (object instanceof Date) return object.toISOString();
  if (Object.prototype.toString.call(object) === "[object Generator]") {
    // The compiler leaves a generator function's name on its prototype (compile/rewrite-helpers.ts).
    const name = (object as { __name__?: unknown }).__name__;
    return typeof name === "string" ? `<generator object ${name}>` : "<generator object>";
  }
  const prototype = Object.getPrototypeOf(object);
  if (prototype === Object.prototype || prototype === null) {
    const entries = Object.entries(object).map(([key, item]) => `${quote(key)}: ${repr(item, seen)}`);
    return `{${entries.join(", ")}}`;
  }
  if (typeof (object as { toString?: unknown }).toString === "function" && object.toString !== Object.prototype.toString) {
    return object.toString();
  }
  return `<${prototype?.constructor?.name ?? "object"} object>`;
}

function reprError(error: Error, seen: Set<object>): string {
  const name = exceptionName(error);
  const group = error as Error & { exceptions?: unknown[]; groupMessage?: string };
  if (Array.isArray(group.exceptions) && typeof group.groupMessage === "string") {
    return `${name}(${quote(group.groupMessage)}, ${repr(group.exceptions, seen)})`;
  }
  // Python keeps an empty message given as one: CancelledError('') is not CancelledError().
  // JavaScript's Error constructor leaves out the own `message` when given none.
  const message = error.message;
  return message === "" && !Object.hasOwn(error, "message") ? `${name}()` : `${name}(${quote(String(message))})`;
}

function hasCustomRepr(value: object): boolean {
  return typeof (value as { __repr__?: unknown }).__repr__ === "function";
}

function isClass(value: { prototype?: unknown; toString(): string }): boolean {
  return isPythonClass(value) || /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (Number.isInteger(value) || Math.abs(value) >= 1e-4) return String(value);
  // Python's float repr uses an exponent below 1e-4, with at least two digits: 1e-05.
  return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\" };
/** What Python's str.isprintable() rejects: categories C and Z, except the ASCII space. */
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Python's string repr: single quotes unless the text holds ' and no ". */
export function quote(text: string): string {
  const delimiter = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = delimiter;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char in ESCAPES) out += ESCAPES[char];
    else if (char === delimiter) out += `\\${char}`;
    else if (char !== " " && NOT_PRINTABLE.test(char)) out += escapeCodePoint(code);
    else out += char;
  }
  return out + delimiter;
}

/** Python's bytes repr: b'hi\n', printable ASCII as is, the rest as \xNN. */
export function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of bytes) {
    if (byte === 0x27) hasSingle = true;
    if (byte === 0x22) hasDouble = true;
  }
  const delimiter = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${delimiter}`;
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (char in ESCAPES) out += ESCAPES[char];
    else if (char === delimiter) out += `\\${char}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out + delimiter;
}
