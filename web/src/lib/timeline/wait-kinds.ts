// What kind of thing a wait is on, in the few families a learner tells apart: each family has
// one colour on the timeline and one line in its legend.

import type { WaitTarget } from "@looplab/server/protocol";
import { m } from "../../paraglide/messages.js";

/** The families, in the legend's order. */
export const WAIT_FAMILIES = ["sleep", "yield", "future", "lock", "queue", "event", "io"] as const;
export type WaitFamily = (typeof WAIT_FAMILIES)[number];

/** Each family's line in the legend, in the page's language. */
export const WAIT_FAMILY_LABELS: Record<WaitFamily, () => string> = {
  sleep: m.wait_family_sleep,
  yield: m.wait_family_yield,
  future: m.wait_family_future,
  lock: m.wait_family_lock,
  queue: m.wait_family_queue,
  event: m.wait_family_event,
  io: m.wait_family_io,
};

const FAMILY_OF_KIND: Record<WaitTarget["kind"], WaitFamily> = {
  sleep: "sleep",
  yield: "yield",
  task: "future",
  tasks: "future",
  future: "future",
  promise: "future",
  lock: "lock",
  semaphore: "lock",
  condition: "lock",
  barrier: "lock",
  queue: "queue",
  event: "event",
  network: "io",
  executor: "io",
  greenlet: "io",
};

/** A wait's family; a lane that handed control over without a recorded wait counts as a yield. */
export function waitFamily(waitingOn: WaitTarget | undefined): WaitFamily {
  return waitingOn === undefined ? "yield" : FAMILY_OF_KIND[waitingOn.kind];
}

/** The CSS variable holding a family's colour (TimelinePanel defines them for both themes). */
export function waitColourVariable(family: WaitFamily): string {
  return `--wait-${family}`;
}
