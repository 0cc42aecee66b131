// @looplab/sandbox: a snippet's TypeScript in, a run inside QuickJS out, as a stream of events.

export { closeDefaultPool, defaultPool } from "./default-pool.js";
export { INTERRUPTED } from "./engine/guest-context.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export { DEFAULT_ENGINE, type PoolOptions, WorkerPool } from "./pool/worker-pool.js";
export type * from "./protocol-events.js";
export { MAX_REPLAY_INPUTS } from "./protocol-events.js";
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  type EvalOutcome,
  type NotRestored,
  openSession,
  type PastInput,
  type ReplaySummary,
  type Session,
  type SessionOptions,
} from "./repl/session.js";
export { type RunOptions, run } from "./run.js";
