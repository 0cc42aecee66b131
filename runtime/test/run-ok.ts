// runSnippet for snippets that must end without an uncaught error: fails the test with that
// error's stack (more useful than a diff of outputs) and returns the run.

import assert from "node:assert/strict";
import type { RuntimeOptions } from "../src/index.js";
import { runSnippet, type SnippetRun } from "./harness.js";

export async function runOk(source: string, options: RuntimeOptions & { events?: boolean } = {}): Promise<SnippetRun> {
  const run = await runSnippet(source, options);
  if (run.error !== undefined) {
    const error = run.error as Error;
    assert.fail(`the snippet raised ${error?.stack ?? String(error)}\nstdout so far:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return run;
}

/** The snippet ends without error, prints exactly `expected` and nothing on stderr. */
export async function expectOutput(source: string, expected: string): Promise<void> {
  const { stdout, stderr, error } = await runSnippet(source);
  assert.equal(error, undefined, String(error));
  assert.equal(stderr, "");
  assert.equal(stdout, expected);
}

/** Printed lines, each ended by a newline as print() ends them. */
export function lines(...printed: string[]): string {
  return printed.map((line) => `${line}\n`).join("");
}
