// Node and CPython run the runtime bench's own runners (runtime/bench), with the clock they time
// with swapped for the process's CPU clock: the sandbox reports CPU time, so all three columns
// count CPU time, which a busy machine does not inflate the way it inflates wall time.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Measurement, Repetitions } from "../../runtime/bench/measure.js";
import type { NodeRunRequest } from "../../runtime/bench/node-runner.js";

const RUNTIME = fileURLToPath(new URL("../../runtime/", import.meta.url));
const NODE_RUNNER = fileURLToPath(new URL("../../runtime/bench/node-runner.ts", import.meta.url));
const CPYTHON_RUNNER = fileURLToPath(new URL("../../runtime/bench/cpython_runner.py", import.meta.url));
const NODE_CPU_CLOCK = new URL("./node-cpu-clock.mjs", import.meta.url).href;
const PYTHON_CPU_CLOCK = `import runpy, time; time.perf_counter = time.process_time; runpy.run_path(${JSON.stringify(CPYTHON_RUNNER)}, run_name="__main__")`;

function runChild(command: string, args: string[], request: unknown, timeLimitMs: number): Record<string, unknown> {
  const child = spawnSync(command, args, {
    cwd: RUNTIME,
    input: JSON.stringify(request),
    encoding: "utf8",
    timeout: timeLimitMs,
    maxBuffer: 1 << 24,
  });
  try {
    return JSON.parse(child.stdout);
  } catch {
    return { error: child.error?.message ?? (child.stderr.trim().split("\n").pop() || `exit code ${child.status}`) };
  }
}

/** `record`: none, only the task events from before issue 12, or the full record (see node-runner.ts). */
export function nodeCpu(code: string, plan: Repetitions, record: NodeRunRequest["record"] = "none"): Measurement {
  const reply = runChild(
    process.execPath,
    ["--import", "tsx", "--import", NODE_CPU_CLOCK, NODE_RUNNER],
    { code, ...plan, record },
    plan.timeLimitMs,
  );
  return "error" in reply ? { error: String(reply.error) } : { timesMs: reply.timesMs as number[], output: String(reply.output) };
}

export function cpythonCpu(source: string, plan: Repetitions): Measurement {
  const reply = runChild("python3", ["-c", PYTHON_CPU_CLOCK], { source, ...plan }, plan.timeLimitMs);
  return "error" in reply ? { error: String(reply.error) } : { timesMs: reply.times_ms as number[], output: String(reply.output) };
}
