// A program run that waits for its turn in the run scheduler, then runs in the sandbox. stop()
// ends it wherever it is: a waiting run leaves the queue at once, and one compiling or running
// is stopped through the sandbox's abort signal (a stop that names its run, so it never reaches
// another run on the same worker).

import { type RunEvent, run, type WorkerPool } from "@looplab/sandbox";
import type { ResolvedRunOptions } from "./run-options.js";
import type { RunScheduler, RunTicket } from "./run-scheduler.js";

export interface ScheduledRun {
  /** The run's events; iterate it once. Its slot is freed when the iteration ends. */
  readonly events: AsyncIterable<RunEvent>;
  /** Withdraws or stops the run; its events then end (a stopped run's last is its end event). */
  stop(): void;
}

/** Queues the run for `client`; null when that client's queue is full. */
export function scheduleRun(
  pool: WorkerPool,
  scheduler: RunScheduler,
  client: string,
  code: string,
  options: ResolvedRunOptions,
): ScheduledRun | null {
  const queued = scheduler.enqueue(client);
  if (queued === null) return null;
  const ticket: RunTicket = queued;
  const stopping = new AbortController();
  let begun = false;

  async function* events(): AsyncGenerator<RunEvent> {
    begun = true;
    try {
      if (!(await ticket.admitted) || stopping.signal.aborted) return;
      yield* run(code, { ...options, pool, signal: stopping.signal });
    } finally {
      ticket.release();
    }
  }

  return {
    events: { [Symbol.asyncIterator]: () => events() },
    stop() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      // An iteration that never began would never reach its finally: free the slot here.
      if (!begun || ticket.waiting) ticket.release();
    },
  };
}
