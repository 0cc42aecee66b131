// Records and counters to JSON text for the host. JSON.stringify consults `toJSON` on objects, which a
// snippet can define on Object.prototype or Array.prototype (and some libraries do); records
// are plain objects, arrays and primitives, so while no such toJSON exists the captured
// stringify is exact, and otherwise a walk that reads only own data does the same job.

import { arrayPrototype, isArray, keysOf, objectPrototype, stringify } from "./captured-intrinsics.js";

export function encodeJson(value: unknown): string {
  // `in` on Array.prototype also finds a toJSON on Object.prototype or a replaced prototype chain.
  if (!("toJSON" in objectPrototype) && !("toJSON" in arrayPrototype)) return stringify(value);
  return encodeValue(value);
}

function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return stringify(value);
    case "object":
      break;
    default:
      return "null";
  }
  let text = "";
  if (isArray(value)) {
    for (let index = 0; index < value.length; index++) text += `${index === 0 ? "" : ","}${encodeValue(value[index])}`;
    return `[${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = keysOf(record);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const field = record[key];
    if (field === undefined) continue;
    text += `${text === "" ? "" : ","}${stringify(key)}:${encodeValue(field)}`;
  }
  return `{${text}}`;
}
