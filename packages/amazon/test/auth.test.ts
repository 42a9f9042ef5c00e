import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LwaAuth } from '../src/auth.js';
import { userAgent } from '../src/client.js';
import type { Clock } from '../src/clock.js';
import { type Pair, startPair } from './helpers.js';

/** A clock moved by hand. */
function manualClock(start = 1_800_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

function lwaFetch(calls: URLSearchParams[], expiresIn = 3600): typeof fetch {
  return async (_input, init) => {
    const form = new URLSearchParams(String(init?.body));
    calls.push(form);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return Response.json({
      access_token: `Atza|${calls.length}`,
      token_type: 'bearer',
      expires_in: expiresIn,
    });
  };
}

describe('LwaAuth', () => {
  it('shares one request among concurrent callers and caches the token', async () => {
    const calls: URLSearchParams[] = [];
    const auth = new LwaAuth({
      clientId: 'c',
      clientSecret: 's',
      refreshToken: 'Atzr|r',
      fetch: lwaFetch(calls),
      clock: manualClock(),
    });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['Atza|1']));
    expect(await auth.getAccessToken()).toBe('Atza|1');
    expect(calls).toHaveLength(1);
    expect(Object.fromEntries(calls[0] ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|r',
      client_id: 'c',
      client_secret: 's',
    });
  });

  it('refreshes 60 s before expiry, not earlier', async () => {
    const calls: URLSearchParams[] = [];
    const clock = manualClock();
    const auth = new LwaAuth({
      clientId: 'c',
      clientSecret: 's',
      refreshToken: 'Atzr|r',
      fetch: lwaFetch(calls),
      clock,
    });
    await auth.getAccessToken();
    clock.advance(3600_000 - 61_000);
    expect(await auth.getAccessToken()).toBe('Atza|1');
    clock.advance(2_000);
    expect(await auth.getAccessToken()).toBe('Atza|2');
    expect(calls).toHaveLength(2);
  });

  it('uses the client-credentials grant with the scope for grantless calls, cached apart', async () => {
    const calls: URLSearchParams[] = [];
    const auth = new LwaAuth({
      clientId: 'c',
      clientSecret: 's',
      fetch: lwaFetch(calls),
      clock: manualClock(),
    });
    expect(await auth.getAccessToken('sellingpartnerapi::notifications')).toBe('Atza|1');
    expect(Object.fromEntries(calls[0] ?? [])).toEqual({
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: 'c',
      client_secret: 's',
    });
    // No refresh token: seller calls are refused before any request.
    await expect(auth.getAccessToken()).rejects.toThrow(/refresh token/);
    expect(calls).toHaveLength(1);
  });
});

describe('User-Agent', () => {
  it('has Amazon’s form and stays under 500 characters', () => {
    expect(userAgent('my app', '2.1.0')).toMatch(
      /^my-app\/2\.1\.0 \(Language=TypeScript; Platform=Node\.js\/[\d.]+ \w+; Library=saleschannel-amazon\/[\d.]+\)$/,
    );
    expect(userAgent('x'.repeat(600), '1').length).toBeLessThanOrEqual(500);
  });
});

describe('against the stand-in', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair({ orders: { count: 5 } });
  });
  afterAll(() => pair.standIn.close());

  it('sends x-amz-access-token and the User-Agent; notifications destinations use a grantless token', async () => {
    const seen: Headers[] = [];
    const client = pair.makeClient({
      fetch: async (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await client.notifications.getDestinations();
    await client.orders.getOrder([...pair.standIn.store.orders.keys()][0] ?? '');
    const api = seen.filter((h) => h.has('x-amz-access-token'));
    expect(api).toHaveLength(2);
    expect(
      api.every((h) => h.get('user-agent')?.startsWith('saleschannel-tests/1.0.0 (Language=TypeScript;')),
    ).toBe(true);
    // Two different tokens: one grantless, one for the seller.
    expect(api[0]?.get('x-amz-access-token')).not.toBe(api[1]?.get('x-amz-access-token'));
    expect(pair.standIn.stats()['lwa.token']?.requests).toBe(2);
  });

  it('a grantless token cannot call seller operations', async () => {
    const token = await pair.client.auth.getAccessToken('sellingpartnerapi::notifications');
    const response = await fetch(new URL('/orders/2026-01-01/orders/111-1111111-1111111', pair.standIn.url), {
      headers: { 'x-amz-access-token': token },
    });
    expect(response.status).toBe(403);
  });
});
