// A program run that waits for its turn in the run scheduler, then runs in the sandbox. stop()
// ends it wherever it is: a waiting run leaves the queue at once, one still compiling never
// reaches a worker, and a running one is stopped in its worker if it has not ended within a
// moment. (Returning the sandbox's event iterator acts only at the run's next event, which a busy
// loop or a long sleep may not produce until a limit ends it.)

import { type RunEvent, run, type WorkerPool } from "@looplab/sandbox";
import type { ResolvedRunOptions } from "./run-options.js";
import type { RunScheduler, RunTicket } from "./run-scheduler.js";

type RunHandle = Awaited<ReturnType<WorkerPool["startRun"]>>;

/**
 * How long a stopped run may go on before its worker is told to stop it. A stop that reaches a
 * worker just after the run ended there (before the pool heard of the end) would interrupt the
 * worker's next run; waiting lets a run that was ending anyway end first.
 */
const STOP_IN_WORKER_AFTER_MS = 100;

export interface ScheduledRun {
  /** The run's events; iterate it once. Its slot is freed when the iteration ends. */
  readonly events: AsyncIterable<RunEvent>;
  /** Withdraws or stops the run; its events then end (a stopped run's last is its end event). */
  stop(): void;
}

/** Thrown into the sandbox's run when it was stopped before it reached a worker. */
class StoppedBeforeStart extends Error {}

/** What one run's view of the pool reports back. */
interface RunWatch {
  stopped(): boolean;
  started(handle: RunHandle): void;
  /** The worker reported the run's end (and is free again): its handle must not be used after this. */
  ended(): void;
}

/**
 * The pool as the sandbox sees it for one run: it reports that run's handle and end, and does
 * not start a run stopped in the meantime (a worker drops a stop asked before it begins a run).
 */
function poolWatchingRun(pool: WorkerPool, watch: RunWatch): WorkerPool {
  const startRun: WorkerPool["startRun"] = async (code, settings, listener) => {
    if (watch.stopped()) throw new StoppedBeforeStart("stopped before it started");
    const handle = await pool.startRun(code, settings, {
      ...listener,
      ended: (end) => {
        watch.ended();
        listener.ended(end);
      },
    });
    watch.started(handle);
    return handle;
  };
  return new Proxy(pool, {
    get(target, property) {
      if (property === "startRun") return startRun;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
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
  let stopped = false;
  let begun = false;
  /** The run's handle while it is in a worker; a stop asked of a worker after the run's end would hit the worker's next run. */
  let handle: RunHandle | null = null;
  let ended = false;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;
  const stopInWorker = () => {
    if (handle === null || stopTimer !== null) return;
    stopTimer = setTimeout(() => {
      if (!ended) handle?.stop();
    }, STOP_IN_WORKER_AFTER_MS);
  };
  const runPool = poolWatchingRun(pool, {
    stopped: () => stopped,
    started: (started) => {
      if (ended) return;
      handle = started;
      if (stopped) stopInWorker();
    },
    ended: () => {
      ended = true;
      handle = null;
      if (stopTimer !== null) clearTimeout(stopTimer);
    },
  });

  async function* events(): AsyncGenerator<RunEvent> {
    begun = true;
    try {
      if (!(await ticket.admitted) || stopped) return;
      yield* run(code, { ...options, pool: runPool });
    } catch (error) {
      if (!(error instanceof StoppedBeforeStart)) throw error;
    } finally {
      ticket.release();
    }
  }

  return {
    events: { [Symbol.asyncIterator]: () => events() },
    stop() {
      if (stopped) return;
      stopped = true;
      // An iteration that never began would never reach its finally: free the slot here.
      if (!begun || ticket.waiting) ticket.release();
      stopInWorker();
    },
  };
}
