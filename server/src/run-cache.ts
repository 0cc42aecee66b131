// POST /api/run's cache. A program run on the virtual clock is deterministic, so its answer is
// kept by the hash of its code and effective options, up to a byte budget, least recently used
// first out. Identical requests that arrive while the first is still running share its run.

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

export class RunCache {
  private readonly entries = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<CachedRun>>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether `key` is cached or being computed (so asking for it starts no new run). */
  has(key: string): boolean {
    return this.entries.has(key) || this.inFlight.has(key);
  }

  /** The cached body for `key`, else `compute()`'s, sharing a computation already under way. */
  async get(key: string, compute: () => Promise<CachedRun>): Promise<{ body: string; hit: boolean }> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { body: cached, hit: true };
    }
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      pending = compute().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
      const result = await pending;
      if (result.deterministic) this.store(key, result.body);
      return { body: result.body, hit: false };
    }
    return { body: (await pending).body, hit: false };
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
