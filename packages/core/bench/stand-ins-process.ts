/**
 * The bench's stand-ins, in a process of their own: their CPU time and memory (100,000 orders held by the
 * Amazon stand-in, every request logged by the Commerce one) stay out of the figures measured for the sync.
 *
 * Protocol (IPC): the parent sends `{ type: 'start', amazon, skus }`; this process answers
 * `{ type: 'ready', endpoints }`. Then `{ type: 'stats' }` → `{ type: 'stats', ... }` and
 * `{ type: 'close' }` → `{ type: 'closed' }` before it exits.
 */
import { type StandInOptions, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import type { StandInEndpoints } from '../src/stand-ins.js';

export type ParentMessage =
  | { readonly type: 'start'; readonly amazon: StandInOptions; readonly skus: readonly string[] }
  | { readonly type: 'stats' }
  | { readonly type: 'close' };

export type ChildMessage =
  | { readonly type: 'ready'; readonly endpoints: StandInEndpoints }
  | {
      readonly type: 'stats';
      readonly amazon: Record<string, { requests: number; throttled: number }>;
      readonly commerceOrders: number;
      readonly commerceRequests: number;
      /** Commerce requests by method and path (ids as :id). */
      readonly commerceRoutes: Record<string, number>;
      /** This process's CPU time since it started, µs. */
      readonly cpu: NodeJS.CpuUsage;
      /** The Amazon stand-in's (virtual) time. */
      readonly virtualNow: number;
    }
  | { readonly type: 'closed' };

const send = (message: ChildMessage) => process.send?.(message);

process.once('message', async (start: ParentMessage) => {
  if (start.type !== 'start') {
    throw new Error(`expected a start message, got ${start.type}`);
  }
  const amazon = await startAmazonStandIn(start.amazon);
  const commerce = await startCommerceStandIn({
    // Stock that never runs out: the bench measures the sync, not the stand-in's stock rules.
    products: start.skus.map((sku) => ({ sku, qty: 1_000_000_000, price: '10.00' })),
  });
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'stats') {
      send({
        type: 'stats',
        amazon: amazon.stats(),
        commerceOrders: commerce.store.orders.size,
        commerceRequests: commerce.requests.length,
        commerceRoutes: commerce.requests.reduce<Record<string, number>>((routes, request) => {
          const route = `${request.method} ${request.path.replace(/\/\d+/g, '/:id')}`;
          routes[route] = (routes[route] ?? 0) + 1;
          return routes;
        }, {}),
        cpu: process.cpuUsage(),
        virtualNow: amazon.clock.now(),
      });
    } else if (message.type === 'close') {
      await amazon.close();
      await commerce.close();
      send({ type: 'closed' });
      process.disconnect();
    }
  });
  send({
    type: 'ready',
    endpoints: {
      amazon: { url: amazon.url, tokenUrl: amazon.tokenUrl, account: amazon.account },
      commerce: { url: commerce.url, integration: commerce.integration },
    },
  });
});
