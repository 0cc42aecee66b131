// A plain function "running on a worker thread" (ThreadPoolExecutor, run_in_executor, to_thread).
// The runtime has one real thread, so the function runs to completion at the instant a worker
// picks it up; what would make a real thread take time is kept on the thread's own clock:
// time.sleep() inside it adds to `elapsed` instead of blocking the loop, time readings inside it
// include `elapsed`, and what it prints after sleeping is written when the loop's clock reaches
// that moment, or as a blocking sleep of the loop's thread passes it (Runtime.blockingSleep).
// The call then finishes `elapsed` seconds after it started while the loop runs on.
// The limitation: the code between two sleeps runs at the start instant, not spread over time,
// so it cannot observe what the loop does meanwhile.

import type { EventLoop } from "./loop.js";

let current: WorkerThread | null = null;

/** The worker thread whose function is executing now, or null on the loop's own thread. */
export function currentWorkerThread(): WorkerThread | null {
  return current;
}

export class WorkerThread {
  /** Seconds this thread has slept since it started the function. */
  elapsed = 0;

  constructor(
    private readonly loop: EventLoop,
    readonly startedAt: number,
  ) {}

  /** The thread's own clock: the start instant plus the time it has slept. */
  get now(): number {
    return this.startedAt + this.elapsed;
  }

  sleep(seconds: number): void {
    if (seconds > 0) this.elapsed += seconds;
  }

  /** Runs `body` as this thread: no running loop (as in a real worker thread), output deferred. */
  run<T>(body: () => T): T {
    const runtime = this.loop.runtime;
    const previous = { thread: current, loop: runtime.runningLoop, deferOutput: runtime.deferOutput };
    current = this;
    runtime.runningLoop = null;
    runtime.deferOutput = (stream, text) => this.defer(stream, text);
    try {
      return body();
    } finally {
      current = previous.thread;
      runtime.runningLoop = previous.loop;
      runtime.deferOutput = previous.deferOutput;
    }
  }

  private defer(stream: "stdout" | "stderr", text: string): boolean {
    if (this.now <= this.loop.time() || this.loop.isClosed()) return false;
    const runtime = this.loop.runtime;
    const output = runtime.deferThreadOutput(this.now, stream, text);
    this.loop.callAt(this.now, () => runtime.writeThreadOutput(output));
    return true;
  }
}
