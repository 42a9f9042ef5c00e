import type { Clock } from './clock.js';

export interface BucketState {
  readonly rate: number;
  readonly burst: number;
  readonly tokens: number;
}

/**
 * Client-side token bucket mirroring Amazon's usage plan for one operation: `rate` tokens per second are added
 * up to `burst`; each request takes one. Requests wait (first come, first served) until a token is there, so
 * the client never spends a request on a 429.
 */
export class TokenBucket {
  #rate: number;
  #burst: number;
  #tokens: number;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    rate: number,
    burst: number,
    private readonly clock: Clock,
    /** Extra wait after the computed refill time, to absorb clock and network jitter. */
    private readonly marginMs = 0,
  ) {
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updatedAt = clock.now();
  }

  get state(): BucketState {
    this.#refill();
    return { rate: this.#rate, burst: this.#burst, tokens: this.#tokens };
  }

  /** Adopts the rate Amazon reports in `x-amzn-RateLimit-Limit`. */
  setRate(rate: number): void {
    if (Number.isFinite(rate) && rate > 0 && rate !== this.#rate) {
      this.#refill();
      this.#rate = rate;
    }
  }

  /**
   * Called when the response to a request that took a token at `takenAt` arrives. Amazon took its token at
   * some moment between our send and its answer, so the refill we counted since `takenAt` may not exist on
   * Amazon's side: take it back. Our bucket then never runs ahead of Amazon's, whatever the latency.
   */
  settle(takenAt: number): void {
    this.#refill();
    const latency = Math.max(0, this.clock.now() - takenAt);
    this.#tokens -= (latency / 1000) * this.#rate;
  }

  /** After a 429 the server's bucket is empty whatever ours says: empty ours too. */
  drain(): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0);
  }

  /** Milliseconds until a token is available (0 when one is there now). */
  waitTime(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / this.#rate) * 1000) + this.marginMs;
  }

  /**
   * Takes one token, waiting for it if needed. Resolves with how long it waited (ms). Waiters are served in
   * order, so a burst of concurrent calls is spread at exactly the bucket's rate. `prepare` runs once the
   * token is due, just before it is taken.
   */
  take(signal?: AbortSignal, prepare?: () => Promise<void>): Promise<number> {
    const turn = this.#queue.then(async () => {
      let waited = 0;
      let prepared = !prepare;
      for (;;) {
        const wait = this.waitTime();
        if (wait === 0) {
          if (!prepared) {
            // Last-moment work (e.g. an access-token refresh) happens before the token is taken, so the
            // request leaves right after taking it and our bucket stays in step with Amazon's.
            await prepare?.();
            prepared = true;
            continue;
          }
          this.#tokens -= 1;
          return waited;
        }
        await this.clock.sleep(wait, signal);
        waited += wait;
      }
    });
    // The next waiter starts after this one, whether it succeeded or was aborted.
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  #refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#rate);
    this.#updatedAt = now;
  }
}
