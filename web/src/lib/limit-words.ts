// A limit's sentence in the page's language, with the facts the server's sentence names
// (sandbox/src/limits.ts): the limit's figure and, for the CPU limit, what it read and which
// clock decided, worded from the end event's `limitFigures`. An end without them (a run cached
// before they existed) shows the server's sentence in English and the limit's name otherwise.

import type { LimitFigures, LimitName } from "@looplab/sandbox/protocol-events";
import type { EndEvent } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";

/** Each limit's sentence without its figure: the server's own in English. */
const LIMIT_SENTENCES: Record<LimitName, (inputs: { detail: string }) => string> = {
  cpu: m.end_limit_cpu,
  "wall-time": m.end_limit_wall_time,
  memory: m.end_limit_memory,
  stack: m.end_limit_stack,
  output: m.end_limit_output,
  "event-bytes": m.end_limit_event_bytes,
  events: m.end_limit_events,
  tasks: m.end_limit_tasks,
  "virtual-time": m.end_limit_virtual_time,
  "snippet-size": m.end_limit_snippet_size,
};

const count = (value: number) => Math.round(value).toLocaleString("en-US");
const megabytes = (value: number) => `${Math.round((value / (1024 * 1024)) * 10) / 10} MB`;
const kilobytes = (value: number) => `${value / 1024} KB`;
const seconds = (milliseconds: number) => `${Math.round(milliseconds / 100) / 10} s`;

/** Each limit but the CPU's with its figure, shown as the server's sentence shows it. */
const FIGURE_SENTENCES: Record<Exclude<LimitName, "cpu">, (allowed: number) => string> = {
  "wall-time": (allowed) => m.end_figure_wall_time({ allowed: `${allowed / 1000} s` }),
  memory: (allowed) => m.end_figure_memory({ allowed: megabytes(allowed) }),
  stack: (allowed) => m.end_figure_stack({ allowed: kilobytes(allowed) }),
  output: (allowed) => m.end_figure_output({ allowed: megabytes(allowed) }),
  "event-bytes": (allowed) => m.end_figure_event_bytes({ allowed: megabytes(allowed) }),
  events: (allowed) => m.end_figure_events({ allowed: count(allowed) }),
  tasks: (allowed) => m.end_figure_tasks({ allowed: count(allowed) }),
  "virtual-time": (allowed) => m.end_figure_virtual_time({ allowed: count(allowed) }),
  "snippet-size": (allowed) => m.end_figure_snippet_size({ allowed: kilobytes(allowed) }),
};

function cpuWords(figures: LimitFigures): string {
  const limit = `${figures.allowed / 1000} s`;
  const reading = figures.cpu;
  if (reading === undefined) return m.end_limit_cpu_no_reading({ limit });
  const used = `${count(reading.cpuMs)} ms`;
  if (reading.clock === "cpu") return m.end_limit_cpu_on_cpu_clock({ used, limit });
  return m.end_limit_cpu_on_wall_clock({ held: seconds(reading.wallMs), allowed: seconds(reading.wallLimitMs), limit, used });
}

/** Which limit ended a run, in the page's language, with the figures the server gave. */
export function limitSentence(end: EndEvent): string {
  const detail = end.message ?? end.limit ?? "";
  // A limit this page does not know (a newer server) keeps the server's words.
  if (end.limit === undefined || !Object.hasOwn(LIMIT_SENTENCES, end.limit)) return detail;
  const figures = end.limitFigures;
  if (figures === undefined || !Number.isFinite(figures.allowed)) return LIMIT_SENTENCES[end.limit]({ detail });
  return end.limit === "cpu" ? cpuWords(figures) : FIGURE_SENTENCES[end.limit](figures.allowed);
}
