// The runtime's test harness, run through the sandbox: the same snippet, compiled the same
// way, but executed inside QuickJS in a worker with the runtime bundle. conformance.test.ts
// puts it in place of runtime/test/harness.ts, so the runtime's own tests check QuickJS too.

import type { DeadlockGraph, RuntimeEvent, RuntimeOptions } from "@looplab/runtime";
import { CompileError } from "@looplab/runtime/compile";
import type { SnippetRun } from "../../runtime/test/harness.js";
import { run } from "../src/run.js";
import { testPool } from "./helpers.js";

export * from "../../runtime/test/harness.js";

/**
 * An error as the Node harness would return it: its class name, message and (TypeScript)
 * traceback, and a DeadlockError's `graph` from the error event's `deadlock`.
 */
function rebuiltError(name: string, message: string, traceback: string, deadlock?: DeadlockGraph): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = traceback;
  if (deadlock !== undefined) Object.assign(error, { graph: deadlock });
  return error;
}

/**
 * The Node harness has no limits; a few examples (a ten-million-step BigInt loop) need more than
 * the default 2 s of CPU inside QuickJS, so the suite checks semantics with room to spare.
 */
const CONFORMANCE_LIMITS = { cpuMs: 30_000 };

export async function runSnippet(source: string, options: RuntimeOptions & { events?: boolean } = {}): Promise<SnippetRun> {
  let stdout = "";
  let stderr = "";
  let error: unknown;
  const events: RuntimeEvent[] = [];
  const runOptions = { pool: testPool(), clock: options.clock, seed: options.seed, events: true, limits: CONFORMANCE_LIMITS };
  for await (const event of run(source, runOptions)) {
    switch (event.type) {
      case "output":
        if (event.stream === "stdout") stdout += event.text;
        else stderr += event.text;
        if (options.events) events.push(event);
        break;
      case "task-spawned":
      case "task-state":
      case "step":
      case "resource":
      case "cancel":
        if (options.events) events.push(event);
        break;
      case "compile-error":
        throw new CompileError(event.diagnostics);
      case "error":
        error = rebuiltError(event.name, event.message, event.traceback, event.deadlock);
        break;
      case "end":
        if (event.reason === "limit" || event.reason === "stopped") error = rebuiltError("SandboxLimit", event.message ?? "", "");
        break;
    }
  }
  return { stdout, stderr, error, events };
}
