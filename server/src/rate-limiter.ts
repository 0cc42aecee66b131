// Per-client token buckets: each client may spend `count` tokens per `perSeconds`, refilled
// continuously; a refusal says how many seconds until the next token.

import type { RateLimit } from "./config.js";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Buckets untouched this long are full again and can be forgotten. */
const SWEEP_INTERVAL_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSweep = now();
  }

  private get refillPerMs(): number {
    return this.limit.count / (this.limit.perSeconds * 1000);
  }

  /** Takes one token for `client` if it has one. */
  take(client: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.limit.count, updatedAt: now };
    bucket.tokens = Math.min(this.limit.count, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = this.limit.count === 0 ? this.limit.perSeconds * 1000 : (1 - bucket.tokens) / this.refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    const fullAfterMs = this.limit.perSeconds * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.updatedAt >= fullAfterMs) this.buckets.delete(client);
  }
}
