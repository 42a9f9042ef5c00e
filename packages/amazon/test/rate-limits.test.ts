/**
 * Amazon's real usage plans, time-compressed: the stand-in and the client run on clocks 2000× faster than
 * real time, so searchOrders' 0.0056 req/s (one request per ~179 s) takes ~90 ms of real time per request.
 */
import { QUOTA_EXCEEDED_BODY } from '@saleschannel/amazon-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrottleEvent } from '../src/transport.js';
import { ago, type Pair, startPair, US } from './helpers.js';

const SPEED = 2000;

let pair: Pair;

beforeAll(async () => {
  pair = await startPair({ speed: SPEED, orders: { count: 1200, seed: 11, historyMs: 30 * 86_400_000 } });
});
afterAll(() => pair.standIn.close());

describe('paging through 1,000+ orders under the real limits', () => {
  it('our client gets zero 429s, and waits for its tokens instead', async () => {
    const throttles: ThrottleEvent[] = [];
    const client = pair.makeClient({ hooks: { onThrottle: (e) => throttles.push(e) } });
    pair.standIn.resetStats();
    const started = client.clock.now();

    const ids = new Set<string>();
    let pages = 0;
    for await (const page of client.orders.searchOrdersPages({
      createdAfter: ago(pair.standIn, 31 * 86_400_000),
      marketplaceIds: [US],
      maxResultsPerPage: 20,
      includedData: ['FULFILLMENT', 'PROCEEDS'],
    })) {
      pages += 1;
      for (const order of page.orders) {
        ids.add(order.orderId);
      }
    }
    const v0Ids = new Set<string>();
    for await (const order of client.ordersV0.getOrdersAll({
      MarketplaceIds: [US],
      CreatedAfter: ago(pair.standIn, 31 * 86_400_000),
    })) {
      v0Ids.add(order.AmazonOrderId);
    }
    const elapsed = client.clock.now() - started;

    expect(ids.size).toBeGreaterThanOrEqual(1000);
    expect(v0Ids).toEqual(ids);
    expect(pages).toBe(Math.ceil(ids.size / 20));

    const stats = pair.standIn.stats();
    const throttled = Object.values(stats).reduce((n, s) => n + s.throttled, 0);
    expect(throttled, JSON.stringify(stats)).toBe(0);
    // Every page was fetched once and never throttled (a rare 403 from a token that expired in flight at
    // this speed would be refreshed and repeated, which is fine).
    expect(stats['orders-2026-01-01.searchOrders']?.statuses[200]).toBe(pages);
    expect(throttles.filter((t) => t.source === 'server')).toEqual([]);
    expect(throttles.filter((t) => t.source === 'client').length).toBeGreaterThan((pages - 20) / 2);
    // A client keeping to 0.0056 req/s after a burst of 20 cannot be faster than this (virtual time).
    expect(elapsed).toBeGreaterThanOrEqual(((pages - 20) / 0.0056) * 1000 * 0.99);
  });

  it('spreads 100 concurrent getOrderItems calls at 0.5 req/s (burst 30) without a 429', async () => {
    // 1 token = 2 s, i.e. 20 ms of real time at 100×.
    const slow = await startPair({ speed: 100, orders: { count: 100, seed: 5 } });
    try {
      const page = await slow.client.ordersV0.getOrders({
        MarketplaceIds: [US],
        CreatedAfter: ago(slow.standIn, 8 * 86_400_000),
      });
      const client = slow.makeClient();
      slow.standIn.resetStats();
      const started = client.clock.now();
      const items = await Promise.all(page.Orders.map((o) => client.ordersV0.getOrderItems(o.AmazonOrderId)));
      const elapsed = client.clock.now() - started;
      expect(items).toHaveLength(100);
      expect(items.every((i) => i.OrderItems.length > 0)).toBe(true);
      const stats = slow.standIn.stats()['orders-v0.getOrderItems'];
      expect(stats?.throttled).toBe(0);
      expect(stats?.requests).toBe(100);
      expect(elapsed).toBeGreaterThanOrEqual(((100 - 30) / 0.5) * 1000 * 0.99);
    } finally {
      await slow.standIn.close();
    }
  });

  it('adopts x-amzn-RateLimit-Limit: a client told a far too high rate converges on the real one', async () => {
    pair.standIn.resetRateLimits();
    pair.standIn.resetStats();
    const client = pair.makeClient({
      rateLimits: { 'orders-2026-01-01.searchOrders': { rate: 50, burst: 20 } },
    });
    let pages = 0;
    for await (const _ of client.orders.searchOrdersPages({
      createdAfter: ago(pair.standIn, 31 * 86_400_000),
      marketplaceIds: [US],
      maxResultsPerPage: 40,
    })) {
      pages += 1;
    }
    expect(pages).toBe(30);
    expect(client.transport.bucket('orders-2026-01-01.searchOrders').state.rate).toBe(0.0056);
    // At 50 req/s the 10 requests after the burst would all be throttled; with the header's rate adopted, at
    // most the one request sent while our bucket still held the wrongly refilled burst is, and it is retried.
    const stats = pair.standIn.stats()['orders-2026-01-01.searchOrders'];
    expect(stats?.throttled).toBeLessThanOrEqual(1);
    expect(stats?.statuses[200]).toBe(30);
  });

  it('the stand-in does answer 429, with Amazon’s exact body, to a client that ignores the limits', async () => {
    pair.standIn.resetRateLimits();
    pair.standIn.resetStats();
    const token = await pair.client.auth.getAccessToken();
    const url = new URL('/orders/2026-01-01/orders', pair.standIn.url);
    url.searchParams.set('createdAfter', ago(pair.standIn, 31 * 86_400_000));
    url.searchParams.set('marketplaceIds', US);
    const started = pair.standIn.clock.now();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => fetch(url, { headers: { 'x-amz-access-token': token } })),
    );
    // The burst of 20, plus what the bucket refilled (0.0056/s of compressed time) while the 40 were in flight:
    // on a busy machine they take longer, and Amazon too would have let the refilled ones through.
    const refilled = Math.ceil((0.0056 * (pair.standIn.clock.now() - started)) / 1000);
    const allowed = 20 + refilled + 1;
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const throttled = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(allowed);
    expect(throttled.length).toBeGreaterThanOrEqual(40 - allowed);
    expect(throttled.length).toBeGreaterThan(0);
    expect(
      bodies.filter((_, i) => responses[i]?.status === 429).every((b) => b === QUOTA_EXCEEDED_BODY),
    ).toBe(true);
    expect(throttled.every((r) => r.headers.get('x-amzn-ratelimit-limit') === null)).toBe(true);
    expect(responses.find((r) => r.status === 200)?.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
    expect(pair.standIn.stats()['orders-2026-01-01.searchOrders']?.throttled).toBe(throttled.length);
  });
});
