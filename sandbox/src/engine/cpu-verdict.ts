// What the CPU limit read when it ended an operation, and on which clock, so that the end's
// message names the figure that decided and the run's counters can carry the same figure.

export interface CpuVerdict {
  /**
   * "cpu": the thread's own CPU time passed the budget. "wall": the operation held its worker
   * for `wallLimitMs` of wall time first, on a machine too busy to give it its CPU (or where
   * CPU time cannot be read), and the wall clock ended it.
   */
  clock: "cpu" | "wall";
  /** CPU milliseconds the operation used (time blocked in a charged time.sleep included). */
  cpuMs: number;
  /** Wall milliseconds the operation held its worker, pauses for a slow reader excluded. */
  wallMs: number;
  /** The wall time the operation may hold its worker, however little CPU it gets. */
  wallLimitMs: number;
}
