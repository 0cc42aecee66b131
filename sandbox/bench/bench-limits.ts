/** Limits out of the way: the workloads measure speed, not the sandbox's bounds. */
export const BENCH_LIMITS = {
  cpuMs: 300_000,
  wallMs: 600_000,
  memoryBytes: 1024 * 1024 * 1024,
  events: 10_000_000,
  eventBytes: 2 ** 31,
  tasks: 10_000_000,
};
