// A resource at a step, in words for the loop panel: "Lock #1 — held by Task-2; waiting: Task-3".

import { m } from "../../paraglide/messages.js";
import type { ResourceAtStep } from "./step-state.ts";

const KIND_NAMES: Record<ResourceAtStep["kind"], string> = {
  lock: "Lock",
  semaphore: "Semaphore",
  event: "Event",
  condition: "Condition",
  barrier: "Barrier",
  queue: "Queue",
};

/** The panel lists at most this many of a queue's items or an object's waiters; a count says how many more. */
const MAX_ITEMS_LISTED = 8;

export function resourceName(resource: Pick<ResourceAtStep, "kind" | "id">): string {
  return `${KIND_NAMES[resource.kind]} #${resource.id}`;
}

/** What the resource holds after the step, without its waiters. */
export function resourceState(resource: ResourceAtStep, nameOf: (taskId: number) => string): string {
  switch (resource.kind) {
    case "lock":
    case "condition":
      return resource.holder === undefined ? m.resource_free() : m.resource_held_by({ name: nameOf(resource.holder) });
    case "semaphore":
      return resource.value === undefined ? "" : m.resource_value({ value: resource.value });
    case "event":
      return resource.isSet ? m.resource_set() : m.resource_not_set();
    case "barrier":
      return resource.value === undefined ? "" : m.resource_arrived({ count: resource.value });
    case "queue": {
      const size = resource.size ?? resource.items.length;
      const shown = resource.items.slice(0, MAX_ITEMS_LISTED).join(", ");
      const more =
        resource.items.length > MAX_ITEMS_LISTED ? m.resource_more_items({ count: resource.items.length - MAX_ITEMS_LISTED }) : "";
      if (size === 0) return m.resource_empty();
      const count = size === 1 ? m.resource_one_item() : m.resource_items({ count: size });
      return `${count}${shown === "" ? "" : `: ${shown}${more}`}`;
    }
  }
}

/** Who waits on it, first come first, or "" when nobody does. */
export function resourceWaiters(resource: ResourceAtStep, nameOf: (taskId: number) => string): string {
  const waiters = resource.waiters;
  if (waiters.length === 0) return "";
  const listed = waiters.slice(0, MAX_ITEMS_LISTED).map(nameOf).join(", ");
  const more = waiters.length > MAX_ITEMS_LISTED ? m.resource_more_waiters({ count: waiters.length - MAX_ITEMS_LISTED }) : "";
  return m.resource_waiting({ names: `${listed}${more}` });
}
