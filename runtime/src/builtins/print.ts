// Python's print(): values through str(), joined by `sep`, ended by `end`. Python's keyword
// arguments come as a trailing options object, recognised only when every key is one of
// print's own (sep, end, file, flush), so print({ a: 1 }) still prints the object.

import { isOptionsObject } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { str } from "./format.js";

const PRINT_OPTIONS = new Set(["sep", "end", "file", "flush"]);

interface PrintOptions {
  sep?: string | null;
  end?: string | null;
  file?: "stdout" | "stderr" | { write(text: string): unknown } | null;
  flush?: boolean;
}

function isPrintOptions(value: unknown): value is PrintOptions {
  if (!isOptionsObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => PRINT_OPTIONS.has(key));
}

export function print(...values: unknown[]): void {
  const options: PrintOptions = values.length > 0 && isPrintOptions(values[values.length - 1]) ? (values.pop() as PrintOptions) : {};
  const text = values.map(str).join(options.sep ?? " ") + (options.end ?? "\n");
  const file = options.file;
  if (file !== null && typeof file === "object" && typeof file.write === "function") {
    file.write(text);
    return;
  }
  activeRuntime().write(file === "stderr" ? "stderr" : "stdout", text);
}
