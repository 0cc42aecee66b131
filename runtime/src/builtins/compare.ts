// Python's `<` and `==` for the values a snippet puts in a PriorityQueue: numbers and booleans,
// strings by code point, arrays element by element as Python compares tuples, objects through
// their own __lt__/__eq__. Other pairs raise TypeError with Python's message.

export function lessThan(left: unknown, right: unknown): boolean {
  if (isNumeric(left) && isNumeric(right)) return left < right;
  if (typeof left === "string" && typeof right === "string") return compareCodePoints(left, right) < 0;
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.min(left.length, right.length);
    for (let index = 0; index < length; index++) {
      if (!equals(left[index], right[index])) return lessThan(left[index], right[index]);
    }
    return left.length < right.length;
  }
  const ownLessThan = dunder(left, "__lt__");
  if (ownLessThan) return Boolean(ownLessThan.call(left, right));
  const reflected = dunder(right, "__gt__");
  if (reflected) return Boolean(reflected.call(right, left));
  throw new TypeError(`'<' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`);
}

export function equals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  // biome-ignore lint/suspicious/noDoubleEquals: 1 == 1n == true, as in Python
  if (isNumeric(left) && isNumeric(right)) return left == right;
  if (left == null || right == null) return left == null && right == null;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => equals(item, right[index]));
  }
  const ownEquals = dunder(left, "__eq__");
  if (ownEquals) return Boolean(ownEquals.call(left, right));
  return false;
}

/** Python's type(value).__name__ for a JavaScript value, as error messages show it. */
export function typeName(value: unknown): string {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "string":
      return "str";
    case "undefined":
      return "NoneType";
    case "function":
      return "function";
  }
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (value instanceof Map) return "dict";
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return "dict";
  return prototype.constructor?.name ?? "object";
}

function isNumeric(value: unknown): value is number | bigint | boolean {
  return typeof value === "number" || typeof value === "bigint" || typeof value === "boolean";
}

function dunder(value: unknown, name: "__lt__" | "__gt__" | "__eq__"): ((other: unknown) => unknown) | null {
  if (value === null || typeof value !== "object") return null;
  const method = (value as Record<string, unknown>)[name];
  return typeof method === "function" ? (method as (other: unknown) => unknown) : null;
}

function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftUnit = left.charCodeAt(index);
    const rightUnit = right.charCodeAt(index);
    if (leftUnit !== rightUnit) return codePointOrder(leftUnit) - codePointOrder(rightUnit);
  }
  return left.length - right.length;
}

// UTF-16 sorts surrogates (code points above U+FFFF) before U+E000..U+FFFF; Python sorts by
// code point, so surrogates move above the rest of the BMP.
function codePointOrder(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
