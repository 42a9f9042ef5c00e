import type { Clock } from './clock.js';

export interface BucketState {
  readonly rate: number;
  readonly burst: number;
  /** Tokens available to a new request now (settled tokens minus requests in flight). */
  readonly tokens: number;
  /** Requests that took a token and have not been answered yet. */
  readonly inFlight: number;
}

/**
 * Client-side token bucket mirroring Amazon's usage plan for one operation: `rate` tokens per second are added
 * up to `burst`; each request takes one. Requests wait (first come, first served) until a token is there, so
 * the client never spends a request on a 429.
 *
 * Amazon takes its token when a request arrives, somewhere between our send and its answer. This bucket
 * counts a request as in flight from `take()` and consumes its token in `settle()`, when the answer (or the
 * failure) comes back, i.e. never earlier than Amazon did. With a capped bucket, consuming later can only
 * leave fewer tokens at every moment, so our count of available tokens (settled minus in flight) is never
 * higher than Amazon's, whatever the latency. No timing margin is needed for correctness.
 */
export class TokenBucket {
  #rate: number;
  #burst: number;
  #tokens: number;
  #inFlight = 0;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    rate: number,
    burst: number,
    private readonly clock: Clock,
    /** Extra wait after each computed refill time, to absorb clock jitter. */
    private readonly marginMs = 0,
  ) {
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updatedAt = clock.now();
  }

  get state(): BucketState {
    this.#refill();
    return {
      rate: this.#rate,
      burst: this.#burst,
      tokens: this.#tokens - this.#inFlight,
      inFlight: this.#inFlight,
    };
  }

  /** Adopts the rate Amazon reports in `x-amzn-RateLimit-Limit`. */
  setRate(rate: number): void {
    if (Number.isFinite(rate) && rate > 0 && rate !== this.#rate) {
      this.#refill();
      this.#rate = rate;
    }
  }

  /** Consumes the token of a request taken with {@link take}, once its answer or failure is in. */
  settle(): void {
    this.#refill();
    if (this.#inFlight > 0) {
      this.#inFlight -= 1;
    }
    this.#tokens -= 1;
  }

  /** After a 429 Amazon's bucket is empty whatever ours says: empty ours too. */
  drain(): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0);
  }

  /** Milliseconds until a token is available (0 when one is there now). */
  waitTime(): number {
    this.#refill();
    const available = this.#tokens - this.#inFlight;
    return available >= 1 ? 0 : Math.ceil(((1 - available) / this.#rate) * 1000) + this.marginMs;
  }

  /**
   * Takes one token for a request, waiting for it if needed; call {@link settle} when the request is over.
   * Resolves with how long it waited (ms). Waiters are served in order, so a burst of concurrent calls is
   * spread at the bucket's rate. `prepare` runs once the token is due, just before it is taken.
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
            // request leaves right after taking it.
            await prepare?.();
            prepared = true;
            continue;
          }
          this.#inFlight += 1;
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
