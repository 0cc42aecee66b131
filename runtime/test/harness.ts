// Runs a snippet the way Looplab does, in Node: compile through the real compile path, then
// evaluate with a fresh runtime. Conformance tests compare its output with what CPython prints.

import { compile } from "../src/compile/index.js";
import type { RuntimeEvent, RuntimeOptions } from "../src/index.js";
import { createRuntime } from "../src/index.js";

export interface SnippetRun {
  stdout: string;
  stderr: string;
  /** The uncaught error that ended the snippet, if any. */
  error: unknown;
  events: RuntimeEvent[];
}

export async function runSnippet(source: string, options: RuntimeOptions & { events?: boolean } = {}): Promise<SnippetRun> {
  const { code } = await compile(source);
  let stdout = "";
  let stderr = "";
  const events: RuntimeEvent[] = [];
  const live = createRuntime(
    {
      write: (stream, text) => {
        if (stream === "stdout") stdout += text;
        else stderr += text;
      },
      onEvent: options.events ? (event) => events.push(event) : undefined,
    },
    options,
  );
  let error: unknown;
  try {
    new Function(...live.scopeNames, code)(...live.scopeValues);
    live.finish();
  } catch (caught) {
    error = caught;
  }
  return { stdout, stderr, error, events };
}

/** Dedents a template literal so snippets can be indented inside tests. */
export function ts(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values);
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^\s*/.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join("\n");
}
