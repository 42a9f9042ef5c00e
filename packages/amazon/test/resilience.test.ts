/** Faults injected by the stand-in: retries are bounded, typed, observable, and safe for createFeed. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SpApiAuthenticationError,
  SpApiInvalidInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiServerError,
  SpApiThrottledError,
} from '../src/errors.js';
import type { RetryEvent } from '../src/transport.js';
import { ago, type Pair, startPair, US } from './helpers.js';

let pair: Pair;
beforeAll(async () => {
  pair = await startPair({ speed: 50, orders: { count: 10, seed: 2 } });
});
afterAll(() => pair.standIn.close());
beforeEach(() => {
  pair.standIn.faults.clear();
  pair.standIn.resetRateLimits();
  pair.standIn.resetStats();
});

const firstOrderId = () => [...pair.standIn.store.orders.values()][0]?.amazonOrderId ?? '';

function clientWithRetries(retries: RetryEvent[], extra = {}) {
  return pair.makeClient({ hooks: { onRetry: (e) => retries.push(e) }, ...extra });
}

describe('retries', () => {
  for (const kind of ['server-error', 'unavailable', 'drop', 'malformed'] as const) {
    it(`recovers from ${kind} by retrying, and says so`, async () => {
      const retries: RetryEvent[] = [];
      const client = clientWithRetries(retries);
      pair.standIn.faults.inject({ kind, operation: 'orders-v0.getOrder', count: 2 });
      const order = await client.ordersV0.getOrder(firstOrderId());
      expect(order.AmazonOrderId).toBe(firstOrderId());
      expect(retries).toHaveLength(2);
      expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
      expect(retries[1]?.delayMs).toBeGreaterThan(0);
      expect(pair.standIn.faults.pending).toBe(0);
    });
  }

  it('gives up on a request that never answers after its timeout, retrying first', async () => {
    const retries: RetryEvent[] = [];
    const client = clientWithRetries(retries, { timeoutMs: 200, retry: { maxRetries: 1, baseDelayMs: 10 } });
    pair.standIn.faults.inject({ kind: 'timeout', operation: 'orders-v0.getOrder', count: 2 });
    const error = await client.ordersV0.getOrder(firstOrderId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNetworkError);
    expect((error as SpApiNetworkError).code).toBe('Timeout');
    expect(retries).toHaveLength(1);
  });

  it('is bounded: after maxRetries a server error surfaces, typed, with Amazon’s request id', async () => {
    const retries: RetryEvent[] = [];
    const client = clientWithRetries(retries, { retry: { maxRetries: 2, baseDelayMs: 10 } });
    pair.standIn.faults.inject({ kind: 'server-error', operation: 'orders-v0.getOrder', count: 10 });
    const error = await client.ordersV0.getOrder(firstOrderId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiServerError);
    expect((error as SpApiServerError).status).toBe(500);
    expect((error as SpApiServerError).code).toBe('InternalFailure');
    expect((error as SpApiServerError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retries).toHaveLength(2);
    expect(pair.standIn.stats()['orders-v0.getOrder']?.requests).toBe(3);
  });

  it('never repeats createFeed after a server error (a second refund feed would refund twice)', async () => {
    const retries: RetryEvent[] = [];
    const client = clientWithRetries(retries);
    const doc = await client.feeds.createFeedDocument('text/xml; charset=UTF-8');
    await client.feeds.uploadFeedDocument(doc.url, '<AmazonEnvelope/>', 'text/xml; charset=UTF-8');
    pair.standIn.faults.inject({ kind: 'server-error', operation: 'feeds.createFeed' });
    const error = await client.feeds
      .createFeed({
        feedType: 'POST_PAYMENT_ADJUSTMENT_DATA',
        marketplaceIds: [US],
        inputFeedDocumentId: doc.feedDocumentId,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiServerError);
    expect(retries).toHaveLength(0);
    expect(pair.standIn.stats()['feeds.createFeed']?.requests).toBe(1);
  });

  it('retries uploads to the pre-signed URL', async () => {
    const client = pair.makeClient();
    const doc = await client.feeds.createFeedDocument('text/xml; charset=UTF-8');
    pair.standIn.faults.inject({ kind: 'unavailable', operation: 'documents.upload' });
    await client.feeds.uploadFeedDocument(doc.url, '<AmazonEnvelope/>', 'text/xml; charset=UTF-8');
    expect(pair.standIn.store.documents.get(doc.feedDocumentId)?.content?.toString()).toBe(
      '<AmazonEnvelope/>',
    );
  });

  it('refreshes an expired access token once and repeats the call', async () => {
    const client = pair.makeClient();
    await client.ordersV0.getOrder(firstOrderId());
    const before = client.auth.requests;
    pair.standIn.faults.inject({ kind: 'expired-token', operation: 'orders-v0.getOrder' });
    await client.ordersV0.getOrder(firstOrderId());
    expect(client.auth.requests).toBe(before + 1);
    expect(pair.standIn.stats()['orders-v0.getOrder']?.statuses).toEqual({ 200: 2, 403: 1 });
  });

  it('replaces a Restricted Data Token Amazon refuses, once', async () => {
    const client = pair.makeClient();
    await client.ordersV0.getOrder(firstOrderId(), { pii: true });
    pair.standIn.faults.inject({ kind: 'expired-token', operation: 'orders-v0.getOrder' });
    const order = await client.ordersV0.getOrder(firstOrderId(), { pii: true });
    expect(order.AmazonOrderId).toBe(firstOrderId());
    const stats = pair.standIn.stats();
    expect(stats['tokens.createRestrictedDataToken']?.requests).toBe(2);
    expect(stats['orders-v0.getOrder']?.statuses).toEqual({ 200: 2, 403: 1 });
  });

  it('retries a 429 after emptying its bucket, and reports the throttle', async () => {
    // At 5× the stand-in's bucket barely refills while the other instance's burst is processed.
    const slow = await startPair({ speed: 5, orders: { count: 3, seed: 8 } });
    try {
      const orderId = [...slow.standIn.store.orders.keys()][0] ?? '';
      const throttles: string[] = [];
      const client = slow.makeClient({ hooks: { onThrottle: (e) => throttles.push(e.source) } });
      // Another instance of the application used up the seller's getOrder quota behind our back.
      const other = slow.makeClient();
      await Promise.all(Array.from({ length: 30 }, () => other.ordersV0.getOrder(orderId)));
      const order = await client.ordersV0.getOrder(orderId);
      expect(order.AmazonOrderId).toBe(orderId);
      expect(throttles[0]).toBe('server');
      expect(slow.standIn.stats()['orders-v0.getOrder']?.statuses).toEqual({ 200: 31, 429: 1 });
    } finally {
      await slow.standIn.close();
    }
  });

  it('surfaces a lasting 429 as SpApiThrottledError after its bounded retries', async () => {
    const client = pair.makeClient({ retry: { maxRetries: 2, baseDelayMs: 10 } });
    pair.standIn.faults.inject({ kind: 'throttle', operation: 'orders-v0.getOrder', count: 3 });
    const error = await client.ordersV0.getOrder(firstOrderId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiThrottledError);
    expect((error as SpApiThrottledError).code).toBe('QuotaExceeded');
    expect((error as SpApiThrottledError).message).toBe(
      'You exceeded your quota for the requested resource.',
    );
    expect(pair.standIn.stats()['orders-v0.getOrder']?.statuses).toEqual({ 429: 3 });
  });
});

describe('typed errors', () => {
  it('404 → SpApiNotFoundError', async () => {
    const error = await pair.client.ordersV0.getOrder('111-0000000-0000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNotFoundError);
    expect((error as SpApiNotFoundError).code).toBe('NotFound');
  });

  it('400 from Amazon → SpApiInvalidInputError with details', async () => {
    const error = await pair.client.ordersV0
      .confirmShipment(firstOrderId(), {
        marketplaceId: 'A1PA6795UKMFR9',
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'UPS',
          trackingNumber: '1Z',
          shipDate: ago(pair.standIn, 60_000),
          orderItems: [{ orderItemId: '1', quantity: 1 }],
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiInvalidInputError);
    expect((error as SpApiInvalidInputError).status).toBe(400);
    expect((error as SpApiInvalidInputError).message).toContain('marketplaceId');
  });

  it('a wrong refresh token → SpApiAuthenticationError from LWA (invalid_grant), not retried', async () => {
    const client = pair.makeClient({ refreshToken: 'Atzr|wrong' });
    const error = await client.ordersV0.getOrder(firstOrderId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiAuthenticationError);
    expect((error as SpApiAuthenticationError).code).toBe('invalid_grant');
    expect(client.auth.requests).toBe(1);
  });

  it('a forged access token → 403 Unauthorized, typed as authentication', async () => {
    const error = await pair.client.ordersV0
      .getOrder(firstOrderId(), {})
      .then(() =>
        pair.client.transport.request('orders-v0.getOrder', {
          pathParams: { orderId: firstOrderId() },
          restrictedDataToken: 'Atz.sprdt|forged',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiAuthenticationError);
    expect((error as SpApiAuthenticationError).status).toBe(403);
    expect((error as SpApiAuthenticationError).code).toBe('Unauthorized');
  });
});
