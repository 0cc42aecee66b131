// console.log/info/debug to stdout and console.warn/error to stderr, JavaScript style.

import { activeRuntime } from "../runtime.js";
import { formatConsoleArguments } from "./inspect.js";

function writer(stream: "stdout" | "stderr") {
  return (...values: unknown[]) => activeRuntime().write(stream, `${formatConsoleArguments(values)}\n`);
}

export const console = {
  log: writer("stdout"),
  info: writer("stdout"),
  debug: writer("stdout"),
  warn: writer("stderr"),
  error: writer("stderr"),
};
