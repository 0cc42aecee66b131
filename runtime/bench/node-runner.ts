// Times one compiled snippet in its own Node process: warm-up runs, then timed ones. Its own
// process keeps each workload's heap apart and lets the bench stop a run that hangs or dies.
// Reads a NodeRunRequest as JSON on stdin, prints a NodeRunReply as JSON on stdout.
// The runtime is the bundle the product ships (see runtime-bundle.ts), not tsx-compiled source.

import { pathToFileURL } from "node:url";
import type { createRuntime as CreateRuntime } from "../src/index.js";
import { runtimeBundle } from "./runtime-bundle.js";

export interface NodeRunRequest {
  code: string;
  warmups: number;
  repetitions: number;
  /**
   * "full": a listener that takes every event, the full record the sandbox streams (issue 12);
   * "tasks": only the task events from before it (task-spawned, task-state, output); "none": no listener.
   */
  record: "none" | "tasks" | "full";
}

/**
 * Wall and CPU (user + system, whole process) milliseconds of each timed run, and of the very
 * first run, warm-up or not: the one V8 runs while it is still compiling the hot code.
 */
export type NodeRunReply = { timesMs: number[]; cpuMs: number[]; firstMs: number; firstCpuMs: number; output: string } | { error: string };

const { createRuntime } = (await import(pathToFileURL(await runtimeBundle()).href)) as { createRuntime: typeof CreateRuntime };

/** One run the way a host runs a snippet: a fresh runtime, the script, then finish(). */
function runOnce(code: string, record: NodeRunRequest["record"]): { elapsedMs: number; cpuMs: number; output: string } {
  let output = "";
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  // The listener takes each event and keeps only the output: what the runtime spends making the
  // record, not what a consumer spends keeping it.
  const live =
    record === "none"
      ? createRuntime({ write: (_stream, text) => (output += text) })
      : createRuntime(
          {
            onEvent: (event) => {
              if (event.type === "output") output += event.text;
            },
          },
          { record },
        );
  new Function(...live.scopeNames, code)(...live.scopeValues);
  live.finish();
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, output };
}

function measure({ code, warmups, repetitions, record }: NodeRunRequest): NodeRunReply {
  try {
    const timesMs: number[] = [];
    const cpuMs: number[] = [];
    let first: { elapsedMs: number; cpuMs: number } | null = null;
    let output = "";
    for (let run = 0; run < warmups + repetitions; run++) {
      const result = runOnce(code, record);
      first ??= result;
      if (run < warmups) continue;
      timesMs.push(result.elapsedMs);
      cpuMs.push(result.cpuMs);
      output = result.output;
    }
    return { timesMs, cpuMs, firstMs: first?.elapsedMs ?? Number.NaN, firstCpuMs: first?.cpuMs ?? Number.NaN, output };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(measure(JSON.parse(input) as NodeRunRequest))));
