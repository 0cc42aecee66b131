// Runs a workload's timed repetitions in a child process, Node's or CPython's, and reads back
// the times. A child that fails, hangs past its time limit or dies becomes an error result.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { NodeRunReply, NodeRunRequest } from "./node-runner.js";

export interface Repetitions {
  warmups: number;
  repetitions: number;
  timeLimitMs: number;
}

/** Wall milliseconds of each timed run and, where the runner reports it, CPU milliseconds. */
export type Measurement =
  | { timesMs: number[]; cpuMs?: number[]; firstMs?: number; firstCpuMs?: number; output: string }
  | { error: string };

const NODE_RUNNER = fileURLToPath(new URL("./node-runner.ts", import.meta.url));
const CPYTHON_RUNNER = fileURLToPath(new URL("./cpython_runner.py", import.meta.url));
const RUNTIME_DIRECTORY = fileURLToPath(new URL("..", import.meta.url));
export const PYTHON = "python3";

interface CPythonReply {
  times_ms?: number[];
  cpu_ms?: number[];
  output?: string;
  error?: string;
}

function runChild(command: string, args: string[], request: unknown, timeLimitMs: number): unknown {
  const child = spawnSync(command, args, {
    cwd: RUNTIME_DIRECTORY,
    input: JSON.stringify(request),
    encoding: "utf8",
    timeout: timeLimitMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error) {
    const timedOut = (child.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
    return { error: timedOut ? `no result within ${timeLimitMs / 1000} s` : child.error.message };
  }
  try {
    return JSON.parse(child.stdout);
  } catch {
    const reason = child.signal ? `killed by ${child.signal}` : `exit code ${child.status}`;
    const lastLine = child.stderr.trim().split("\n").pop() ?? "";
    return { error: `${reason}${lastLine ? `: ${lastLine}` : ""}` };
  }
}

export function measureNode(code: string, plan: Repetitions, record: NodeRunRequest["record"] = "none"): Measurement {
  const request: NodeRunRequest = { code, warmups: plan.warmups, repetitions: plan.repetitions, record };
  return runChild(process.execPath, ["--import", "tsx", NODE_RUNNER], request, plan.timeLimitMs) as NodeRunReply;
}

export function measureCPython(source: string, plan: Repetitions): Measurement {
  const request = { source, warmups: plan.warmups, repetitions: plan.repetitions };
  const reply = runChild(PYTHON, [CPYTHON_RUNNER], request, plan.timeLimitMs) as CPythonReply;
  if (reply.times_ms === undefined) return { error: reply.error ?? "no times reported" };
  return { timesMs: reply.times_ms, cpuMs: reply.cpu_ms, output: reply.output ?? "" };
}

/** The CPython version, or null when no python3 can be started. */
export function cpythonVersion(): string | null {
  const child = spawnSync(PYTHON, ["-c", "import platform; print(platform.python_version())"], { encoding: "utf8" });
  return child.status === 0 ? child.stdout.trim() : null;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
