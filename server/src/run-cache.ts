// POST /api/run's cache. A program run on the virtual clock is deterministic, so its answer is
// kept by the hash of its code and effective options, up to a byte budget, least recently used
// first out. Identical requests that arrive while the first is still running share its run, which
// is stopped only once every one of them has gone away.

import { createHash } from "node:crypto";
import type { ResolvedRunOptions } from "./run-options.js";

export interface CachedRun {
  /** The serialized RunResponse, sent as is. */
  body: string;
  /** Whether a later identical run would give the same events (false for CPU-time limits, stops). */
  deterministic: boolean;
}

export function runCacheKey(code: string, options: ResolvedRunOptions): string {
  const limits = Object.fromEntries(Object.entries(options.limits).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify([code, options.clock, options.events, options.seed ?? null, limits]);
  return createHash("sha256").update(canonical).digest("base64url");
}

/** A computation under way, shared by every identical request waiting for it. */
interface InFlight {
  result: Promise<CachedRun>;
  controller: AbortController;
  waiters: number;
}

const ABORTED = Symbol("aborted");

/** `promise`'s value, or ABORTED as soon as `signal` aborts. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  let onAbort: () => void = () => {};
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

export class RunCache {
  private readonly entries = new Map<string, string>();
  private readonly inFlight = new Map<string, InFlight>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether `key` is cached or being computed (so asking for it starts no new run). */
  has(key: string): boolean {
    return this.entries.has(key) || this.inFlight.has(key);
  }

  /**
   * The cached body for `key`, else `compute()`'s, sharing a computation already under way.
   * `compute` starts synchronously. A waiter whose `signal` aborts gets null at once; the
   * computation's own signal aborts when its last waiter has gone, and it is then not cached.
   */
  async get(
    key: string,
    compute: (signal: AbortSignal) => Promise<CachedRun>,
    signal: AbortSignal,
  ): Promise<{ body: string; hit: boolean } | null> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { body: cached, hit: true };
    }
    if (signal.aborted) return null;
    const flight = this.inFlight.get(key) ?? this.start(key, compute);
    flight.waiters++;
    const outcome = await unlessAborted(flight.result, signal);
    if (outcome === ABORTED) {
      this.leave(key, flight);
      return null;
    }
    return { body: outcome.body, hit: false };
  }

  private start(key: string, compute: (signal: AbortSignal) => Promise<CachedRun>): InFlight {
    const controller = new AbortController();
    const flight: InFlight = { result: compute(controller.signal), controller, waiters: 0 };
    this.inFlight.set(key, flight);
    const settled = (computed: CachedRun | null) => {
      if (this.inFlight.get(key) !== flight) return;
      this.inFlight.delete(key);
      if (computed?.deterministic && !controller.signal.aborted) this.store(key, computed.body);
    };
    flight.result.then(settled, () => settled(null));
    return flight;
  }

  /** A waiter went away; the last one takes the computation with it. */
  private leave(key: string, flight: InFlight): void {
    flight.waiters--;
    if (flight.waiters > 0) return;
    flight.controller.abort();
    if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
  }

  private store(key: string, body: string): void {
    if (body.length > this.budgetBytes) return;
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, oldBody] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldBody.length;
    }
  }
}
