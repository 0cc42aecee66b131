// The one log line each run gets when it ends, however it ends.

import type { EndEvent } from "@looplab/sandbox";
import type { Logger } from "./log.js";

export interface RunLogFields {
  via: "http" | "ws";
  client: string;
  id?: string;
  cache?: "hit" | "miss";
}

export function logRunEnd(
  logger: Logger,
  fields: RunLogFields,
  startedAt: number,
  end: EndEvent | null,
  events: number,
  stopped?: string,
): void {
  logger.line("run", {
    ...fields,
    reason: end?.reason ?? `stopped:${stopped ?? "unknown"}`,
    limit: end?.limit,
    events,
    cpuMs: end?.counters.cpuMs,
    virtualSeconds: end?.counters.virtualSeconds,
    tasks: end?.counters.tasks,
    steps: end?.counters.steps,
    ms: Math.round(performance.now() - startedAt),
  });
}
