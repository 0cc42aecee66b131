// Cancellations as the timeline marks them, from the run's cancel events: each request at the
// step that made it (on the canceller's lane), joined to the step that delivered it into the
// cancelled task. Grown in place as events arrive, like the step index.

import type { CancelRequester, RunEvent } from "@looplab/server/protocol";

export interface CancelRequestMark {
  /** The task asked to cancel. */
  taskId: number;
  /** The task behind the request (the running code's, or a TaskGroup's or timeout's owner); absent when none. */
  byTaskId?: number;
  by: CancelRequester;
  /** The step number it happened in, 0 between steps. */
  step: number;
  /** Where it happened on the step axis: the middle of its step's slot, or the boundary between steps. */
  position: number;
  time: number;
  /** The delivering step's slot and time, once a step delivered it. */
  delivery: { position: number; step: number; time: number } | null;
}

export class CancelMarks {
  readonly requests: CancelRequestMark[] = [];
  /**
   * The positions of the steps that delivered a requested cancellation. A step can also throw a
   * CancelledError into a task that nobody asked to cancel (it awaited a cancelled task): that is
   * no delivery.
   */
  readonly deliveries: number[] = [];
  private readonly delivering = new Set<number>();
  private scanned = 0;
  private stepsSeen = 0;
  /** Per task, its requests not yet delivered nor taken back. */
  private readonly waiting = new Map<number, CancelRequestMark[]>();

  /** Reads the events that arrived since the last call. */
  update(events: readonly RunEvent[]): this {
    for (; this.scanned < events.length; this.scanned++) {
      const event = events[this.scanned]!;
      if (event.type === "step") this.stepsSeen++;
      if (event.type !== "cancel") continue;
      // A step's events come after its step event: the latest step seen is the one it happened in.
      const inStep = event.step > 0 && this.stepsSeen > 0;
      const position = inStep ? this.stepsSeen - 0.5 : this.stepsSeen;
      if (event.action === "requested") {
        const mark: CancelRequestMark = {
          taskId: event.taskId,
          by: event.by ?? "task",
          step: event.step,
          position,
          time: event.time,
          delivery: null,
        };
        if (event.byTaskId !== undefined) mark.byTaskId = event.byTaskId;
        this.requests.push(mark);
        const waiting = this.waiting.get(event.taskId);
        if (waiting === undefined) this.waiting.set(event.taskId, [mark]);
        else waiting.push(mark);
      } else if (event.action === "delivered" || (event.action === "uncancelled" && event.cancelling === 0)) {
        const delivery = event.action === "delivered" ? { position: Math.floor(position), step: event.step, time: event.time } : null;
        if (delivery !== null && !this.delivering.has(delivery.position)) {
          this.delivering.add(delivery.position);
          this.deliveries.push(delivery.position);
        }
        for (const mark of this.waiting.get(event.taskId) ?? []) mark.delivery = delivery;
        this.waiting.delete(event.taskId);
      }
    }
    return this;
  }

  /** Whether the step at `position` delivered a requested cancellation. */
  delivers(position: number): boolean {
    return this.delivering.has(position);
  }
}
