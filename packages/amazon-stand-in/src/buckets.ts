import type { StandInClock } from './clock.js';

/**
 * Amazon's usage plans, server side: one token bucket per (selling partner, operation). A request with no token
 * is answered 429. `toleranceRealMs` forgives that much real-time jitter (loopback scheduling), never more:
 * the bucket may go below zero by that amount, so the long-run rate still cannot exceed the plan.
 */
export class ServerBuckets {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number; rate: number; burst: number }>();

  constructor(
    private readonly clock: StandInClock,
    private readonly toleranceRealMs = 2,
  ) {}

  /** Takes a token; false when the caller must be throttled. */
  take(key: string, rate: number, burst: number): boolean {
    const now = this.clock.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: burst, updatedAt: now, rate, burst };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    const tolerance = Math.min(0.5, ((this.toleranceRealMs * this.clock.speed) / 1000) * rate);
    if (bucket.tokens >= 1 - tolerance) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }

  reset(): void {
    this.#buckets.clear();
  }
}

/** Amazon's 429 body, exactly. */
export const QUOTA_EXCEEDED_BODY =
  '{"errors":[{"code":"QuotaExceeded","message":"You exceeded your quota for the requested resource.","details":""}]}';
