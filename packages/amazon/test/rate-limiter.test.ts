import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/clock.js';
import { TokenBucket } from '../src/rate-limiter.js';

/** A virtual clock whose sleeps advance time instantly (in order). */
function virtualClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('lets the burst through, then waits exactly 1/rate per request', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(0.5, 3, clock);
    for (let i = 0; i < 3; i++) {
      expect(await bucket.take()).toBe(0);
    }
    expect(await bucket.take()).toBe(2000);
    expect(await bucket.take()).toBe(2000);
    expect(clock.now()).toBe(4000);
  });

  it('serves concurrent waiters first come, first served, at the rate', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(2, 1, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBe(1500);
  });

  it('adopts a new rate, empties on drain, and settles latency', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(10, 1, clock);
    await bucket.take();
    bucket.setRate(0.5);
    expect(bucket.waitTime()).toBe(2000);
    bucket.setRate(Number.NaN);
    expect(bucket.state.rate).toBe(0.5);
    await clock.sleep(10_000);
    expect(bucket.state.tokens).toBe(1);
    bucket.drain();
    expect(bucket.state.tokens).toBe(0);
    const takenAt = clock.now();
    await clock.sleep(1000);
    bucket.settle(takenAt);
    // The 0.5 token refilled during the 1 s in flight is taken back.
    expect(bucket.state.tokens).toBe(0);
  });

  it('adds the margin to every wait', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(1, 1, clock, 50);
    await bucket.take();
    expect(await bucket.take()).toBe(1050);
  });

  it('runs prepare once, just before taking', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(1, 1, clock);
    const events: string[] = [];
    await bucket.take(undefined, async () => {
      events.push(`prepare@${clock.now()}`);
    });
    await bucket.take(undefined, async () => {
      events.push(`prepare@${clock.now()}`);
    });
    expect(events).toEqual(['prepare@0', 'prepare@1000']);
  });
});
