// The CPU limit's sentence in the page's language, with the facts the server's names: the figure
// the limit read, the limit, and which clock decided (sandbox/src/limits.ts). The end event
// carries them only in its English sentence, so its three shapes are read here; a sentence of
// another shape (a newer server) is null, and the caller keeps the server's words.

import { m } from "../paraglide/messages.js";

/** A figure as the server writes it: "1,234 ms", "2.5 s". */
const FIGURE = String.raw`([\d,.]+ m?s)`;

const ON_CPU_CLOCK = new RegExp(
  String.raw`^CPU time limit exceeded: the snippet ran for ${FIGURE} of CPU time, more than ${FIGURE} \(read on its thread's CPU clock\)$`,
);
const ON_WALL_CLOCK = new RegExp(
  String.raw`^CPU time limit exceeded: the snippet held its sandbox for ${FIGURE} of wall time, past the ${FIGURE} a ${FIGURE} CPU limit allows, while the busy machine gave it ${FIGURE} of CPU time \(the wall clock decided\)$`,
);
const NO_READING = new RegExp(String.raw`^CPU time limit exceeded: the snippet ran for more than ${FIGURE} of CPU time$`);

export function cpuLimitWords(sentence: string): string | null {
  const onCpu = ON_CPU_CLOCK.exec(sentence);
  if (onCpu !== null) return m.end_limit_cpu_on_cpu_clock({ used: onCpu[1]!, limit: onCpu[2]! });
  const onWall = ON_WALL_CLOCK.exec(sentence);
  if (onWall !== null) return m.end_limit_cpu_on_wall_clock({ held: onWall[1]!, allowed: onWall[2]!, limit: onWall[3]!, used: onWall[4]! });
  const unread = NO_READING.exec(sentence);
  return unread === null ? null : m.end_limit_cpu_no_reading({ limit: unread[1]! });
}
