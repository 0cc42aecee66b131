// A limit's sentence in the page's language, with the facts the server's English sentence names
// (sandbox/src/limits.ts): the limit's figure and, for the CPU limit, what it read and which
// clock decided. English shows the server's own sentence; other languages word the end event's
// `limitFigures`. An end without them (a run cached before they existed) keeps its limit's name.

import type { LimitFigures, LimitName } from "@looplab/sandbox/protocol-events";
import type { EndEvent } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";

type Sentence = (inputs: { detail: string }) => string;

/** Each limit's sentence without its figure. */
const LIMIT_SENTENCES: Record<LimitName, Sentence> = {
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

/** How each limit's `allowed` figure (protocol-events.ts, LimitFigures) is shown, as the server's sentence shows it. */
const UNITS: Record<LimitName, "megabytes" | "kilobytes" | "milliseconds" | "seconds" | "count"> = {
  cpu: "milliseconds",
  "wall-time": "milliseconds",
  memory: "megabytes",
  stack: "kilobytes",
  output: "megabytes",
  "event-bytes": "megabytes",
  events: "count",
  tasks: "count",
  "virtual-time": "seconds",
  "snippet-size": "kilobytes",
};

const count = (value: number) => Math.round(value).toLocaleString("en-US");

function milliseconds(value: number): string {
  return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${count(value)} ms`;
}

function figure(limit: LimitName, value: number): string {
  switch (UNITS[limit]) {
    case "megabytes":
      return `${Math.round((value / (1024 * 1024)) * 10) / 10} MB`;
    case "kilobytes":
      return `${Math.round((value / 1024) * 10) / 10} KB`;
    case "milliseconds":
      return milliseconds(value);
    case "seconds":
      return `${count(value)} s`;
    case "count":
      return count(value);
  }
}

function cpuWords(detail: string, figures: LimitFigures): string {
  const limit = milliseconds(figures.allowed);
  const reading = figures.cpu;
  if (reading === undefined) return m.end_limit_cpu_no_reading({ detail, limit });
  const used = `${count(reading.cpuMs)} ms`;
  if (reading.clock === "cpu") return m.end_limit_cpu_on_cpu_clock({ detail, used, limit });
  return m.end_limit_cpu_on_wall_clock({
    detail,
    held: milliseconds(reading.wallMs),
    allowed: milliseconds(reading.wallLimitMs),
    limit,
    used,
  });
}

/** Which limit ended a run, in the page's language, with the figures the server gave. */
export function limitSentence(end: EndEvent): string {
  const detail = end.message ?? end.limit ?? "";
  // A limit this page does not know (a newer server) keeps the server's words.
  if (end.limit === undefined || !Object.hasOwn(LIMIT_SENTENCES, end.limit)) return detail;
  const figures = end.limitFigures;
  if (figures === undefined || !Number.isFinite(figures.allowed)) return LIMIT_SENTENCES[end.limit]({ detail });
  if (end.limit === "cpu") return cpuWords(detail, figures);
  return m.end_limit_with_figure({ detail, sentence: LIMIT_SENTENCES[end.limit]({ detail }), allowed: figure(end.limit, figures.allowed) });
}
