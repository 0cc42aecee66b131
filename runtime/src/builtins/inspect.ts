// JavaScript-style formatting for console.log, close to Node's util.inspect for plain data.

export function inspect(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (typeof value === "string") return depth === 0 ? value : quoteString(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Object.is(value, -0)) return "-0";
  if (typeof value === "function") return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
  if (value === null || typeof value !== "object") return String(value);
  if (seen.has(value)) return "[Circular *1]";
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (depth > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.length === 0 ? "[]" : `[ ${value.map((item) => inspect(item, depth + 1, seen)).join(", ")} ]`;
    }
    if (value instanceof Map) {
      const entries = [...value].map(([key, item]) => `${inspect(key, depth + 1, seen)} => ${inspect(item, depth + 1, seen)}`);
      return `Map(${value.size}) {${entries.length ? ` ${entries.join(", ")} ` : ""}}`;
    }
    if (value instanceof Set) {
      const entries = [...value].map((item) => inspect(item, depth + 1, seen));
      return `Set(${value.size}) {${entries.length ? ` ${entries.join(", ")} ` : ""}}`;
    }
    const entries = Object.entries(value).map(
      ([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${inspect(item, depth + 1, seen)}`,
    );
    const prototype = Object.getPrototypeOf(value);
    const prefix = prototype && prototype !== Object.prototype && prototype.constructor?.name ? `${prototype.constructor.name} ` : "";
    return entries.length === 0 ? `${prefix}{}` : `${prefix}{ ${entries.join(", ")} }`;
  } finally {
    seen.delete(value);
  }
}

const CONTROL_ESCAPES: Record<string, string> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\\": "\\\\" };

/** Node's util.inspect of a string: single quotes, else double, else backticks; control characters escaped. */
function quoteString(text: string): string {
  const escaped = text.replace(/[\p{Cc}\\]/gu, (char) => {
    return CONTROL_ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  });
  if (!escaped.includes("'")) return `'${escaped}'`;
  if (!escaped.includes('"')) return `"${escaped}"`;
  if (!escaped.includes("`") && !escaped.includes("${")) return `\`${escaped}\``;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

export function formatConsoleArguments(values: unknown[]): string {
  return values.map((value) => inspect(value)).join(" ");
}
