import { ingestOrderChangeNotification } from '@saleschannel/core';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { errorResponse } from '../errors.js';
import { requireScope } from '../middleware/auth.js';

/**
 * POST /v1/notifications/amazon/order-change — where an EventBridge API destination (or an SQS consumer)
 * forwards Amazon's ORDER_CHANGE notifications. 202 when the order's fetch is queued, 200 for a duplicate or a
 * notification for no connected account, 400 with the schema problems for anything else.
 */
export function registerNotifications(app: Hono<AppEnv>): void {
  app.post('/v1/notifications/amazon/order-change', requireScope('notifications:write'), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, 400, 'invalid_input', 'The body is not JSON.');
    }
    const result = await ingestOrderChangeNotification(c.get('runtime'), body);
    return c.json(result, result.status === 'queued' ? 202 : 200);
  });
}
