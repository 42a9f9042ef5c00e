import type { Runtime } from '@saleschannel/core';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './context.js';
import { errorResponse, handleError } from './errors.js';
import { registerCommerceEvents } from './routes/commerce-events.js';
import { registerHealth } from './routes/health.js';
import { registerMetrics } from './routes/metrics.js';
import { registerNotifications } from './routes/notifications.js';

/** The API as a Hono app: every route validates, calls a service of @saleschannel/core, and answers. */
export function createApp(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('runtime', runtime);
    c.set('logger', runtime.logger);
    await next();
  });
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`));
  registerHealth(app);
  registerMetrics(app);
  registerNotifications(app);
  registerCommerceEvents(app);
  return app;
}
