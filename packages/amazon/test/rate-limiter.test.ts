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
    const request = async () => {
      const waited = await bucket.take();
      bucket.settle(); // answered at once
      return waited;
    };
    for (let i = 0; i < 3; i++) {
      expect(await request()).toBe(0);
    }
    expect(await request()).toBe(2000);
    expect(await request()).toBe(2000);
    expect(clock.now()).toBe(4000);
  });

  it('counts a request as in flight until it settles: refill before Amazon took its token is not counted', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(1, 2, clock);
    await bucket.take();
    await bucket.take();
    expect(bucket.state).toMatchObject({ tokens: 0, inFlight: 2 });
    // 5 s pass before the answers: Amazon may have taken its tokens just before answering, its bucket was
    // full until then, so no refill can be counted for that time.
    await clock.sleep(5000);
    expect(bucket.state.tokens).toBe(0);
    bucket.settle();
    bucket.settle();
    expect(bucket.state).toMatchObject({ tokens: 0, inFlight: 0 });
    await clock.sleep(1000);
    expect(bucket.state.tokens).toBe(1);
  });

  it('serves concurrent waiters first come, first served, at the rate', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(2, 1, clock);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        bucket.take().then(() => {
          order.push(i);
          bucket.settle();
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBe(1500);
  });

  it('adopts a new rate and empties on drain', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(10, 1, clock);
    await bucket.take();
    bucket.settle();
    bucket.setRate(0.5);
    expect(bucket.waitTime()).toBe(2000);
    bucket.setRate(Number.NaN);
    expect(bucket.state.rate).toBe(0.5);
    await clock.sleep(10_000);
    expect(bucket.state.tokens).toBe(1);
    bucket.drain();
    expect(bucket.state.tokens).toBe(0);
  });

  it('adds the margin to every wait', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(1, 1, clock, 50);
    await bucket.take();
    bucket.settle();
    expect(await bucket.take()).toBe(1050);
  });

  it('runs prepare once, just before taking', async () => {
    const clock = virtualClock();
    const bucket = new TokenBucket(1, 1, clock);
    const events: string[] = [];
    await bucket.take(undefined, async () => {
      events.push(`prepare@${clock.now()}`);
    });
    bucket.settle();
    await bucket.take(undefined, async () => {
      events.push(`prepare@${clock.now()}`);
    });
    expect(events).toEqual(['prepare@0', 'prepare@1000']);
  });
});
