import { acceptCommerceShipment, accountContext, syncNow } from '@saleschannel/core';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { errorResponse } from '../errors.js';
import { requireScope } from '../middleware/auth.js';

/**
 * POST /v1/events/commerce/shipment?account=ID — a Commerce webhook or Adobe I/O event for a saved shipment
 * (the shipment entity, bare or as `{value}` / `{data:{value}}`). The shipment confirmation is recorded at once
 * (the same one polling would record: never twice) and a sync is queued to send it. Polling stays the backstop.
 */
export function registerCommerceEvents(app: Hono<AppEnv>): void {
  app.post('/v1/events/commerce/shipment', requireScope('notifications:write'), async (c) => {
    const accountId = c.req.query('account');
    if (!accountId) {
      return errorResponse(c, 400, 'invalid_input', 'The "account" query parameter names the account.');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, 400, 'invalid_input', 'The body is not JSON.');
    }
    const runtime = c.get('runtime');
    const action = await acceptCommerceShipment(await accountContext(runtime, accountId), body);
    if (!action) {
      return c.json({ status: 'ignored' as const }, 200);
    }
    await syncNow(await runtime.jobs(), accountId);
    return c.json({ status: 'queued' as const, ...action }, 202);
  });
}
