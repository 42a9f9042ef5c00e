import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** GET /metrics — Prometheus text format: orders imported, import errors, sync lag, SP-API calls and throttles. */
export function registerMetrics(app: Hono<AppEnv>): void {
  app.get('/metrics', async (c) => {
    const { metrics } = c.get('runtime');
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType });
  });
}
