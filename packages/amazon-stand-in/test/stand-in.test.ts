import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmazonStandIn, loadModels, QUOTA_EXCEEDED_BODY, startAmazonStandIn } from '../src/index.js';

let standIn: AmazonStandIn;

async function token(grant: Record<string, string> = {}): Promise<string> {
  const a = standIn.account;
  const response = await fetch(standIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: a.refreshToken,
      client_id: a.clientId,
      client_secret: a.clientSecret,
      ...grant,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

const get = (path: string, accessToken: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, standIn.url), { headers: { 'x-amz-access-token': accessToken, ...headers } });

beforeAll(async () => {
  standIn = await startAmazonStandIn({ orders: { count: 20, seed: 1 } });
});
afterAll(() => standIn.close());

describe('models', () => {
  it('load every operation with the usage plan of its description', () => {
    const models = loadModels();
    expect(models.operations).toHaveLength(29);
    expect(models.byName.get('orders-2026-01-01.searchOrders')).toMatchObject({ rate: 0.0056, burst: 20 });
    expect(models.byName.get('orders-v0.confirmShipment')).toMatchObject({ rate: 2, burst: 10 });
    expect(models.match('GET', '/orders/v0/orders/1/orderItems/buyerInfo')?.operation.operationId).toBe(
      'getOrderItemsBuyerInfo',
    );
  });
});

describe('LWA', () => {
  it('issues bearer tokens for a known refresh token and rejects others', async () => {
    expect(await token()).toMatch(/^Atza\|/);
    const bad = await fetch(standIn.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: standIn.account.clientId,
        client_secret: standIn.account.clientSecret,
      }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('SP-API', () => {
  it('answers 403 Unauthorized without a valid token', async () => {
    const response = await get('/orders/v0/orders/111-1111111-1111111', 'Atza|nope');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [
        {
          code: 'Unauthorized',
          message: 'Access to requested resource is denied.',
          details: 'The access token you provided is revoked, malformed or invalid.',
        },
      ],
    });
  });

  it('validates requests against the models', async () => {
    const response = await get('/orders/v0/orders?CreatedAfter=2026-01-01T00:00:00Z', await token());
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      'missing required query parameter MarketplaceIds',
    );
  });

  it('enforces the burst and answers Amazon’s exact 429 body', async () => {
    standIn.resetRateLimits();
    const t = await token();
    const path = `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${new Date(standIn.clock.now() - 86_400_000).toISOString()}`;
    const responses = await Promise.all(Array.from({ length: 25 }, () => get(path, t)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(20);
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(5);
    expect(await throttled[0]?.text()).toBe(QUOTA_EXCEEDED_BODY);
    expect(standIn.stats()['orders-v0.getOrders']?.throttled).toBe(5);
  });

  it('replays a static sandbox case when asked with x-amzn-api-sandbox', async () => {
    const response = await get('/orders/v0/orders/TEST_CASE_400', await token(), {
      'x-amzn-api-sandbox': 'static',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ code: 'InvalidInput', message: 'Invalid Input' }] });
  });

  it('injects faults', async () => {
    standIn.faults.inject({ kind: 'server-error', operation: 'orders-2026-01-01.getOrder' });
    const id = [...standIn.store.orders.keys()][0] ?? '';
    const t = await token();
    expect((await get(`/orders/2026-01-01/orders/${id}`, t)).status).toBe(500);
    expect((await get(`/orders/2026-01-01/orders/${id}`, t)).status).toBe(200);
    standIn.faults.inject({ kind: 'drop', operation: 'orders-2026-01-01.getOrder' });
    await expect(get(`/orders/2026-01-01/orders/${id}`, t)).rejects.toThrow();
  });
});
