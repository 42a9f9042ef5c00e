import { startApi } from '@saleschannel/api';
import { createApiToken } from '@saleschannel/core';
import {
  type ConnectedStandIns,
  connectStandIns,
  orderChangeNotification,
  testRuntime,
  unshippedMfnOrder,
} from '@saleschannel/core/stand-ins';
import { amazonOrders } from '@saleschannel/db';
import { createTestDatabase } from '@saleschannel/db/testing';
import { startWorker } from '@saleschannel/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The product as an integrator meets it: the API and the worker running on one database, an Amazon seller and a
 * Commerce shop (the stand-ins), and Amazon's change notification arriving over HTTP.
 */
describe('an ORDER_CHANGE notification over HTTP', () => {
  let standIns: ConnectedStandIns;
  let runtime: ReturnType<typeof testRuntime>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let token: string;

  beforeAll(async () => {
    const database = await createTestDatabase();
    runtime = testRuntime(database);
    // All history is older than the account: only the notification brings the order in.
    standIns = await connectStandIns(database, {
      amazon: { orders: { count: 8, seed: 99, historyMs: 3 * 24 * 3600_000 } },
    });
    await database.executeSql(`update accounts set created_at = now() + interval '7 days'`);
    ({ token } = await createApiToken(database.db, { name: 'eventbridge', scopes: ['notifications:write'] }));
    api = await startApi(runtime, { host: '127.0.0.1', port: 0 });
    worker = await startWorker(runtime, { pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await standIns?.close();
    await runtime?.close();
  });

  it('turns the Amazon order into a Commerce order within seconds, once', async () => {
    const order = unshippedMfnOrder(standIns);
    const notification = orderChangeNotification({
      sellerId: standIns.amazon.account.sellerId,
      amazonOrderId: order.amazonOrderId,
    });
    const send = () =>
      fetch(`${api.url}/v1/notifications/amazon/order-change`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(notification),
      });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(200);

    const inCommerce = () =>
      [...standIns.commerce.store.orders.values()].filter((o) => o.ext_order_id === order.amazonOrderId);
    const stored = async () => {
      const [row] = await runtime.database.db
        .select()
        .from(amazonOrders)
        .where(eq(amazonOrders.amazonOrderId, order.amazonOrderId));
      return row;
    };
    // The Commerce order is created first and linked in the database just after: wait for the link.
    await expect
      .poll(async () => (await stored())?.importState, { timeout: 20_000, interval: 200 })
      .toBe('imported');
    expect(inCommerce()).toHaveLength(1);
    expect(await stored()).toMatchObject({ commerceOrderId: inCommerce()[0]?.entity_id });
    const metrics = async () => (await fetch(`${api.url}/metrics`)).text();
    await expect
      .poll(metrics, { timeout: 5_000 })
      .toContain(`saleschannel_orders_imported_total{account="${standIns.accountId}"} 1`);
    expect(standIns.commerce.store.orders.size).toBe(1);
  });
});
