// A program run's wall budget, kept by the main thread: counted from when the run was handed
// to its worker, with time paused for backpressure and blocked in time.sleep included (the
// worker bounds those too, but a worker stuck in a native call cannot). Past the budget the
// run is asked to stop, and ends with the wall-time limit; past the grace period as well, its
// worker is terminated, the run ends with the same limit, and a fresh worker takes its place.

import type { EngineWorkerHandle } from "./engine-worker-handle.js";
import { lostToWatchdog } from "./operation-ends.js";

export class RunWallClock {
  private readonly handedAt = performance.now();
  private stopAsked = false;

  constructor(
    private readonly runId: number,
    private readonly worker: EngineWorkerHandle,
    private readonly wallMs: number,
    private readonly graceMs: number,
  ) {}

  /** Called by the pool's watchdog while the run is going. */
  check(now: number): void {
    const held = now - this.handedAt;
    if (held <= this.wallMs) return;
    const control = this.worker.control;
    if (!this.stopAsked) {
      this.stopAsked = true;
      control.requestStop(this.runId, "wall-time");
    }
    if (held > this.wallMs + this.graceMs) {
      const cpuMs = Math.round(control.activeCpuMilliseconds() ?? 0);
      this.worker.terminate(lostToWatchdog(this.runId, "wall-time", cpuMs, "after a run held it past its wall-time limit"));
    }
  }
}
