// JavaScript-style formatting for console.log, close to Node's util.inspect for plain data.

export function inspect(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (typeof value === "string") return depth === 0 ? value : `'${value.replace(/'/g, "\\'")}'`;
  if (typeof value === "bigint") return `${value}n`;
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

export function formatConsoleArguments(values: unknown[]): string {
  return values.map((value) => inspect(value)).join(" ");
}
