import { describe, expect, it } from 'vitest';
import { SellingPartnerClient } from '../src/client.js';
import { MARKETPLACES, marketplaceById, REGIONS } from '../src/regions.js';

function recordingClient(options: Partial<ConstructorParameters<typeof SellingPartnerClient>[0]>) {
  const urls: string[] = [];
  const client = new SellingPartnerClient({
    clientId: 'c',
    clientSecret: 's',
    refreshToken: 'Atzr|r',
    retry: { maxRetries: 0 },
    fetch: async (input) => {
      urls.push(String(input));
      return /token$/.test(String(input))
        ? Response.json({ access_token: 'Atza|x', expires_in: 3600 })
        : Response.json({ payload: { subscriptionId: 's', payloadVersion: '1.0', destinationId: 'd' } });
    },
    ...options,
  });
  return { client, urls };
}

describe('regions and hosts', () => {
  it('uses the production host of the region and the LWA token URL by default', async () => {
    const { client, urls } = recordingClient({ region: 'eu' });
    await client.notifications.getSubscription('ORDER_CHANGE');
    expect(urls).toEqual([
      'https://api.amazon.com/auth/o2/token',
      'https://sellingpartnerapi-eu.amazon.com/notifications/v1/subscriptions/ORDER_CHANGE',
    ]);
  });

  it('uses the sandbox host and the sandbox plan (5/s, burst 15) with sandbox: true', async () => {
    const { client, urls } = recordingClient({ region: 'fe', sandbox: true });
    await client.notifications.getSubscription('ORDER_CHANGE');
    expect(urls[1]).toBe(
      'https://sandbox.sellingpartnerapi-fe.amazon.com/notifications/v1/subscriptions/ORDER_CHANGE',
    );
    expect(client.transport.bucket('orders-2026-01-01.searchOrders').state).toMatchObject({
      rate: 5,
      burst: 15,
    });
  });

  it('lets endpoint and token URL be overridden', async () => {
    const { client, urls } = recordingClient({
      endpoint: 'http://127.0.0.1:1',
      tokenUrl: 'http://127.0.0.1:2/token',
    });
    await client.notifications.getSubscription('ORDER_CHANGE');
    expect(urls).toEqual([
      'http://127.0.0.1:2/token',
      'http://127.0.0.1:1/notifications/v1/subscriptions/ORDER_CHANGE',
    ]);
  });

  it('knows every marketplace id, its region and currency', () => {
    expect(Object.keys(MARKETPLACES)).toHaveLength(23);
    expect(marketplaceById('A1PA6795UKMFR9')).toMatchObject({
      countryCode: 'DE',
      region: 'eu',
      currency: 'EUR',
    });
    expect(marketplaceById('A1VC38T7YXB528')).toMatchObject({
      countryCode: 'JP',
      region: 'fe',
      currency: 'JPY',
    });
    expect(new Set(Object.values(MARKETPLACES).map((m) => m.id)).size).toBe(23);
    expect(Object.keys(REGIONS)).toEqual(['na', 'eu', 'fe']);
  });
});
