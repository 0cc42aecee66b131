// Messages between the main thread and an engine worker. Each program run and each REPL
// session has an id, unique in its pool, that its messages carry.

import type { CheckedBatch } from "../boundary/read-guest-records.js";
import type { GuestError, GuestRunConfig } from "../guest/guest-protocol.js";
import type { EngineLimits, EngineStop } from "./guest-context.js";
import type { ShareBound } from "./session-share.js";

export type EngineName = "quickjs" | "quickjs-ng";

export interface EngineWorkerData {
  engine: EngineName;
  bundle: string;
  controlBuffer: SharedArrayBuffer;
  /** How a context gets the bundle's state: copied from the worker's snapshot, or evaluated afresh (only to measure the difference). */
  contextStart: "snapshot" | "evaluate";
  /** Contexts kept ready, with the bundle evaluated, for the next runs or sessions. */
  spareContexts: number;
  /** The most memory the worker's QuickJS module may ever have: a hard cap under the per-run limits. */
  moduleMemoryBytes: number;
  /** A REPL session may hold its worker, while others wait, for `fraction` of any `windowMs` (engine/session-share.ts). */
  sessionShare: ShareBound;
}

export interface OperationSettings {
  config: GuestRunConfig;
  limits: EngineLimits;
}

export type ToWorker =
  | ({ type: "run"; id: number; code: string } & OperationSettings)
  | ({ type: "open-session"; id: number } & OperationSettings)
  | { type: "evaluate"; id: number; inputId: number; code: string }
  | { type: "cancel"; id: number; requestId: number; taskId: number }
  | { type: "close-session"; id: number; message: string };

export interface EngineCounters {
  cpuMs: number;
  peakMemoryBytes: number;
  tasks: number;
  steps: number;
  virtualSeconds: number;
}

/** How a run or session ended as the engine saw it; the guest's own error arrives as a record. */
export interface EngineEnd {
  stop: EngineStop | null;
  /** The guest driver failed (not the snippet: its errors are records). */
  failure: GuestError | null;
  counters: EngineCounters;
  /** Said instead of the limit's own sentence (a session ended for taking more than its share of its worker). */
  message?: string;
  /** Lost with its worker through no fault of its own: a session opens afresh and shows this notice. */
  restartNotice?: string;
}

export type FromWorker =
  | { type: "ready" }
  /** A batch of records the worker validated (boundary/read-guest-records.ts), read again into records by the main thread. */
  | { type: "records"; id: number; batch: CheckedBatch }
  | { type: "ended"; id: number; end: EngineEnd }
  | { type: "cancelled"; id: number; requestId: number; cancelled: boolean }
  /** A Ctrl-C reached an operation of the session that ended before it could land: the session cancels its running input instead. */
  | { type: "interrupt-missed"; id: number }
  /** `whileFreeing`: it aborted freeing the runtime of an operation that had already ended. */
  | { type: "poisoned"; message: string; whileFreeing: boolean }
  /** The worker exits after its current run: its module's memory, which never shrinks, grew too large. */
  | { type: "retiring" };
