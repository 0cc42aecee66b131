// The process's shared pool, created on first use. A process that wants its own size or
// engine makes a WorkerPool and passes it in the options.

import { WorkerPool } from "./pool/worker-pool.js";

let pool: WorkerPool | null = null;

export function defaultPool(): WorkerPool {
  pool ??= new WorkerPool();
  return pool;
}

/** Terminates the shared pool's workers (a short-lived process calls this before exiting). */
export async function closeDefaultPool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close();
}
