// The pool of engine workers. Program runs take an idle run worker each (a run blocks its
// worker's thread) and queue when none is idle; REPL sessions share separate session workers,
// so a long program run never delays a session's background tasks, and each session's worker
// bounds its share (engine/session-share.ts). A watchdog terminates a worker whose guest
// operation ran past its CPU budget plus a grace period (natives ignore the interrupt handler):
// that operation ends with the CPU limit, the other sessions on the worker start afresh
// elsewhere, and a fresh worker takes its place. It also keeps each program run's wall budget.

import { availableParallelism } from "node:os";
import { guestBundle } from "../bundle/guest-bundle.js";
import type { CpuVerdict } from "../engine/cpu-verdict.js";
import type { EngineName, OperationSettings } from "../engine/messages.js";
import { DEFAULT_SESSION_SHARE, type ShareBound } from "../engine/session-share.js";
import { EngineWorkerHandle, type OperationListener } from "./engine-worker-handle.js";
import { lostToWatchdog, NO_COUNTERS } from "./operation-ends.js";
import { RunWallClock } from "./run-wall-clock.js";

export interface PoolOptions {
  /** Workers for program runs (default: the number of cores, at least 2; 0 for a pool of REPL sessions only). */
  workers?: number;
  /** The QuickJS build (see sandbox/README.md for why the default was chosen). */
  engine?: EngineName;
  /** Contexts each worker keeps ready with the runtime evaluated. */
  spareContexts?: number;
  /** "evaluate": each context evaluates the guest bundle itself instead of being restored from a snapshot (slow; for the bench's comparison). */
  contextStart?: "snapshot" | "evaluate";
  /** Milliseconds past its CPU budget (or a run's wall budget) before a stuck operation's worker is terminated. */
  watchdogGraceMs?: number;
  /** REPL sessions hosted by one session worker. */
  sessionsPerWorker?: number;
  /** How much of any window a session may hold its worker while other sessions wait (default a quarter of 10 s). */
  sessionShare?: Partial<ShareBound>;
  /** The most memory one worker's QuickJS module may take, whatever a run asks for. */
  moduleMemoryBytes?: number;
}

export const DEFAULT_ENGINE: EngineName = "quickjs";
const WATCHDOG_INTERVAL_MS = 50;
/** Wall time, as a multiple of the CPU budget, after which a worker is stopped even if it used no CPU. */
const WALL_BACKSTOP_FACTOR = 5;

export interface RunHandle {
  /** Tells the worker that the consumer took a batch of records (backpressure). */
  batchTaken(): void;
  /** Asks the run to stop; it ends with reason "stopped". */
  stop(): void;
}

export interface SessionHandle {
  evaluate(inputId: number, code: string): void;
  cancel(taskId: number): Promise<boolean>;
  /**
   * Interrupts the session's operation running now, if one is (Ctrl-C): where the session can go
   * on (engine/interrupt-landing.ts), or, with `endsSession` or when it cannot, ending it. False when none runs.
   */
  interrupt(endsSession?: boolean): boolean;
  close(message: string): void;
}

export class WorkerPool {
  readonly engine: EngineName;
  private readonly size: number;
  private readonly spareContexts: number;
  private readonly contextStart: "snapshot" | "evaluate";
  private readonly graceMs: number;
  private readonly sessionsPerWorker: number;
  private readonly moduleMemoryBytes: number;
  private readonly sessionShare: ShareBound;
  /** The wall budgets of the program runs going, by run id. */
  private readonly runClocks = new Map<number, RunWallClock>();
  private readonly runWorkers = new Set<EngineWorkerHandle>();
  private readonly idleWorkers: EngineWorkerHandle[] = [];
  private readonly waiting: ((worker: EngineWorkerHandle) => void)[] = [];
  private readonly sessionWorkers = new Set<EngineWorkerHandle>();
  private bundle: Promise<string> | null = null;
  private started: Promise<void> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private nextId = 1;

  constructor(options: PoolOptions = {}) {
    this.engine = options.engine ?? DEFAULT_ENGINE;
    this.size = options.workers ?? Math.max(2, availableParallelism());
    this.spareContexts = options.spareContexts ?? 2;
    this.contextStart = options.contextStart ?? "snapshot";
    this.graceMs = options.watchdogGraceMs ?? 1000;
    this.sessionsPerWorker = options.sessionsPerWorker ?? 64;
    this.moduleMemoryBytes = options.moduleMemoryBytes ?? 512 * 1024 * 1024;
    this.sessionShare = { ...DEFAULT_SESSION_SHARE, ...options.sessionShare };
    const { windowMs, fraction, fractionAlone } = this.sessionShare;
    if (!(windowMs > 0 && fraction > 0 && fraction <= fractionAlone && fractionAlone <= 1))
      throw new RangeError(
        `sessionShare needs windowMs > 0 and 0 < fraction <= fractionAlone <= 1, got ${windowMs}, ${fraction} and ${fractionAlone}`,
      );
  }

  /** Starts the workers and waits until each has its spare contexts ready. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the sandbox pool is closed"));
    this.started ??= (async () => {
      const workers: EngineWorkerHandle[] = [];
      for (let index = 0; index < this.size; index++) workers.push(await this.spawnRunWorker());
      await Promise.all(workers.map((worker) => worker.ready));
      this.watchdog = setInterval(() => this.checkWorkers(), WATCHDOG_INTERVAL_MS);
      this.watchdog.unref();
    })();
    return this.started;
  }

  async startRun(code: string, settings: OperationSettings, listener: OperationListener): Promise<RunHandle> {
    await this.start();
    const worker = await this.takeIdleWorker();
    const id = this.nextId++;
    this.runClocks.set(id, new RunWallClock(id, worker, settings.limits.wallMs, this.graceMs));
    worker.send(
      { type: "run", id, code, ...settings },
      {
        records: (records) => listener.records(records),
        ended: (end) => {
          this.runClocks.delete(id);
          this.release(worker);
          listener.ended(end);
        },
      },
    );
    let stopped = false;
    return {
      batchTaken: () => worker.control.batchTaken(),
      stop: () => {
        if (stopped) return;
        stopped = true;
        worker.control.requestStop(id);
      },
    };
  }

  async openSession(settings: OperationSettings, listener: OperationListener): Promise<SessionHandle> {
    await this.start();
    const worker = await this.sessionWorker();
    const id = this.nextId++;
    const cancellations = new Map<number, (cancelled: boolean) => void>();
    let requests = 0;
    worker.send(
      { type: "open-session", id, ...settings },
      {
        records: (records) => listener.records(records),
        ended: (end) => {
          for (const resolve of cancellations.values()) resolve(false);
          cancellations.clear();
          listener.ended(end);
        },
        cancelled: (requestId, cancelled) => {
          cancellations.get(requestId)?.(cancelled);
          cancellations.delete(requestId);
        },
        interruptMissed: () => listener.interruptMissed?.(),
      },
    );
    return {
      evaluate: (inputId, code) => worker.send({ type: "evaluate", id, inputId, code }),
      cancel: (taskId) =>
        new Promise((resolve) => {
          if (!worker.alive) return resolve(false);
          const requestId = ++requests;
          cancellations.set(requestId, resolve);
          worker.send({ type: "cancel", id, requestId, taskId });
        }),
      interrupt: (endsSession) => worker.alive && worker.control.requestInterrupt(id, endsSession),
      close: (message) => {
        if (worker.alive) worker.send({ type: "close-session", id, message });
      },
    };
  }

  /** Terminates every worker; runs and sessions still going end as stopped. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog !== null) clearInterval(this.watchdog);
    const workers = [...this.runWorkers, ...this.sessionWorkers];
    for (const worker of workers) {
      worker.terminate(() => ({ stop: { kind: "stopped", message: "the sandbox pool was closed" }, failure: null, counters: NO_COUNTERS }));
    }
    await Promise.all(workers.map((worker) => worker.gone));
  }

  private async spawnRunWorker(): Promise<EngineWorkerHandle> {
    const worker = await this.spawn((gone) => {
      this.runWorkers.delete(gone);
      const index = this.idleWorkers.indexOf(gone);
      if (index >= 0) this.idleWorkers.splice(index, 1);
      if (!this.closed && gone.started) void this.spawnRunWorker();
    }, this.spareContexts);
    this.runWorkers.add(worker);
    worker.ready.then(
      () => this.release(worker),
      () => {},
    );
    return worker;
  }

  /** `spareContexts`: program-run contexts kept ready; a session worker needs none. */
  private async spawn(onExit: (worker: EngineWorkerHandle) => void, spareContexts: number): Promise<EngineWorkerHandle> {
    this.bundle ??= guestBundle();
    const bundle = await this.bundle;
    const options = {
      engine: this.engine,
      bundle,
      spareContexts,
      contextStart: this.contextStart,
      moduleMemoryBytes: this.moduleMemoryBytes,
      sessionShare: this.sessionShare,
    };
    return new EngineWorkerHandle(options, onExit);
  }

  private takeIdleWorker(): Promise<EngineWorkerHandle> {
    const worker = this.idleWorkers.shift();
    if (worker !== undefined) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: EngineWorkerHandle): void {
    if (!worker.reusable || this.closed) return;
    const next = this.waiting.shift();
    if (next !== undefined) next(worker);
    else this.idleWorkers.push(worker);
  }

  private async sessionWorker(): Promise<EngineWorkerHandle> {
    for (const worker of this.sessionWorkers) {
      if (worker.reusable && worker.operations < this.sessionsPerWorker) {
        await worker.ready;
        return worker;
      }
    }
    const worker = await this.spawn((gone) => this.sessionWorkers.delete(gone), 0);
    this.sessionWorkers.add(worker);
    await worker.ready;
    return worker;
  }

  /**
   * A worker is stuck when its operation used more CPU than its budget plus the grace period
   * (a native call that never polls the interrupt handler), or, where CPU time cannot be read or
   * the thread does not even run, when the wall clock passed a far larger bound.
   */
  private checkWorkers(): void {
    const now = performance.now();
    for (const clock of this.runClocks.values()) clock.check(now);
    for (const worker of [...this.runWorkers, ...this.sessionWorkers]) {
      const active = worker.control.activeMilliseconds();
      if (active === null) continue;
      const budget = worker.control.budget();
      const cpu = worker.control.activeCpuMilliseconds();
      const overCpu = (cpu ?? active) > budget + this.graceMs;
      const overWall = active > WALL_BACKSTOP_FACTOR * budget + this.graceMs;
      if (!overCpu && !overWall) continue;
      const stuck = worker.control.operationId();
      const cpuMs = Math.round(cpu ?? active);
      const clock = overCpu && cpu !== null ? "cpu" : "wall";
      const verdict: CpuVerdict = { clock, cpuMs, wallMs: active, wallLimitMs: WALL_BACKSTOP_FACTOR * budget + this.graceMs };
      worker.terminate(lostToWatchdog(stuck, "cpu", cpuMs, "after another session's snippet ran past its CPU limit", verdict));
    }
  }
}
