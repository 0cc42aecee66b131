// CPU time of one thread, so the CPU limit means CPU seconds even on a busy machine, where the
// wall clock runs far ahead of the time a worker actually gets. Linux reports it per thread in
// /proc (schedstat: nanoseconds on CPU); elsewhere the wall clock stands in for it.

import { readFileSync, readlinkSync } from "node:fs";

/** The calling thread's id as the kernel knows it, or null without /proc. */
export function currentThreadId(): number | null {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return null;
  }
}

function readSchedstat(path: string): number | null {
  try {
    return Number(readFileSync(path, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU the calling thread has used (about 20 µs a call). */
export function threadCpuMilliseconds(): number {
  return readSchedstat("/proc/thread-self/schedstat") ?? performance.now();
}

/** Milliseconds of CPU another thread of this process has used, or null when it cannot be read. */
export function otherThreadCpuMilliseconds(threadId: number): number | null {
  return readSchedstat(`/proc/self/task/${threadId}/schedstat`);
}
