// The CPU limit's end says which clock decided and what it read, and a program run's cpuMs
// counter carries the same figure: a message of "more than 2 s" beside cpuMs 1561 left a
// reader to guess that the wall clock had ended the run on a busy machine.

import assert from "node:assert/strict";
import { test } from "node:test";
import { describeLimit, resolveLimits } from "../src/limits.js";
import { collect } from "./helpers.js";

const LIMITS = resolveLimits({ cpuMs: 2000 });

/** The CPU figure a CPU limit's message names, in ms, and the clock it names. */
function readMessage(message: string): { clock: "cpu" | "wall"; cpuMs: number; wallSeconds: number | null } {
  const onCpu = /ran for ([\d,]+) ms of CPU time, more than [\d.]+ s \(read on its thread's CPU clock\)$/.exec(message);
  if (onCpu !== null) return { clock: "cpu", cpuMs: Number(onCpu[1]!.replaceAll(",", "")), wallSeconds: null };
  const onWall = /held its sandbox for ([\d.]+) s of wall time, .* gave it ([\d,]+) ms of CPU time \(the wall clock decided\)$/.exec(
    message,
  );
  assert.ok(onWall !== null, `the message names no clock: ${message}`);
  return { clock: "wall", cpuMs: Number(onWall[2]!.replaceAll(",", "")), wallSeconds: Number(onWall[1]) };
}

test("a run the CPU limit ends names the clock that decided, and its cpuMs counter is the figure the message gives", async () => {
  const cpuMs = 300;
  const { end } = await collect("while (true) {}", { limits: { cpuMs } });
  assert.equal(end.reason, "limit");
  assert.equal(end.limit, "cpu");
  const read = readMessage(end.message ?? "");
  assert.equal(read.cpuMs, end.counters.cpuMs, `message: ${end.message}; counters: ${JSON.stringify(end.counters)}`);
  // The thread's clock decides when it reads the budget spent; the wall clock only on a machine too busy to give it that.
  if (read.clock === "cpu") assert.ok(read.cpuMs >= cpuMs, end.message);
  else assert.ok(read.cpuMs < cpuMs && (read.wallSeconds ?? 0) >= (3 * cpuMs) / 1000 - 0.05, end.message);
});

test("the message for each clock", () => {
  assert.equal(
    describeLimit("cpu", LIMITS, { clock: "cpu", cpuMs: 2004.4, wallMs: 2100, wallLimitMs: 6000 }),
    "CPU time limit exceeded: the snippet ran for 2,004 ms of CPU time, more than 2 s (read on its thread's CPU clock)",
  );
  assert.equal(
    describeLimit("cpu", LIMITS, { clock: "wall", cpuMs: 1561, wallMs: 6012, wallLimitMs: 6000 }),
    "CPU time limit exceeded: the snippet held its sandbox for 6 s of wall time, past the 6 s a 2 s CPU limit allows, " +
      "while the busy machine gave it 1,561 ms of CPU time (the wall clock decided)",
  );
  assert.equal(describeLimit("cpu", LIMITS), "CPU time limit exceeded: the snippet ran for more than 2 s of CPU time");
});
