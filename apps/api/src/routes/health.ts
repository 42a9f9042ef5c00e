import { checkHealth } from '@saleschannel/core';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** GET /health: 200 when the database answers, 503 (same body) when it does not. */
export function registerHealth(app: Hono<AppEnv>): void {
  app.get('/health', async (c) => {
    const report = await checkHealth(c.get('runtime').database);
    return c.json(report, report.status === 'ok' ? 200 : 503);
  });
}
