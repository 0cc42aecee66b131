// Times one compiled snippet in its own Node process: warm-up runs, then timed ones. Its own
// process keeps each workload's heap apart and lets the bench stop a run that hangs or dies.
// Reads a NodeRunRequest as JSON on stdin, prints a NodeRunReply as JSON on stdout.

import { createRuntime } from "../src/index.js";

export interface NodeRunRequest {
  code: string;
  warmups: number;
  repetitions: number;
}

export type NodeRunReply = { timesMs: number[]; output: string } | { error: string };

/** One run the way a host runs a snippet: a fresh runtime, the script, then finish(). */
function runOnce(code: string): { elapsedMs: number; output: string } {
  let output = "";
  const started = performance.now();
  const live = createRuntime({ write: (_stream, text) => (output += text) });
  new Function(...live.scopeNames, code)(...live.scopeValues);
  live.finish();
  return { elapsedMs: performance.now() - started, output };
}

function measure({ code, warmups, repetitions }: NodeRunRequest): NodeRunReply {
  try {
    for (let run = 0; run < warmups; run++) runOnce(code);
    const timesMs: number[] = [];
    let output = "";
    for (let run = 0; run < repetitions; run++) {
      const result = runOnce(code);
      timesMs.push(result.elapsedMs);
      output = result.output;
    }
    return { timesMs, output };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(measure(JSON.parse(input) as NodeRunRequest))));
