// A client's run options, checked against the server's limits and turned into the sandbox's.
// A client may lower a limit, never raise it.

import type { Limits, RunOptions as SandboxRunOptions } from "@looplab/sandbox";
import type { RunOptions } from "./protocol.js";
import type { InvalidField } from "./validation.js";

export type ResolvedRunOptions = Required<Pick<SandboxRunOptions, "clock" | "events" | "limits">> & { seed: number | undefined };

export function resolveRunOptions(options: RunOptions = {}, serverLimits: Limits): ResolvedRunOptions | InvalidField {
  const limits: Limits = { ...serverLimits };
  for (const [name, value] of Object.entries(options.limits ?? {}) as [keyof Limits, number | undefined][]) {
    if (value === undefined) continue;
    if (value > serverLimits[name]) {
      const field = `options.limits.${name}`;
      return { field, message: `${field}: must be at most the server's limit, ${serverLimits[name]}` };
    }
    limits[name] = value;
  }
  return { clock: options.clock ?? "virtual", events: options.events ?? true, seed: options.seed, limits };
}

export function isInvalid(value: ResolvedRunOptions | InvalidField): value is InvalidField {
  return "field" in value;
}
