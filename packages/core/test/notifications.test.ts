import { amazonOrders, inboundNotifications } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import { QUEUES } from '../src/jobs.js';
import { ingestOrderChangeNotification } from '../src/notifications.js';
import type { Runtime } from '../src/runtime.js';
import {
  type ConnectedStandIns,
  connectStandIns,
  orderChangeNotification,
  testRuntime,
  unshippedMfnOrder,
} from '../src/stand-ins.js';
import { syncOrder } from '../src/sync/sync-account.js';

let database: TestDatabase;
let runtime: Runtime;
let standIns: ConnectedStandIns;

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = testRuntime(database);
  standIns = await connectStandIns(database, {
    amazon: { orders: { count: 10, seed: 11, historyMs: 3600_000 } },
  });
});
afterEach(async () => {
  await standIns.close();
  await runtime.close();
});

describe('ORDER_CHANGE notifications', () => {
  it('queue a fetch of that order once; a second delivery is a duplicate', async () => {
    const order = unshippedMfnOrder(standIns);
    const notification = orderChangeNotification({
      sellerId: standIns.amazon.account.sellerId,
      amazonOrderId: order.amazonOrderId,
      notificationId: 'n-1',
    });
    expect(await ingestOrderChangeNotification(runtime, notification)).toEqual({
      status: 'queued',
      accountId: standIns.accountId,
      amazonOrderId: order.amazonOrderId,
    });
    // EventBridge wraps the same notification in an event; it is recognised as the same one.
    expect(
      await ingestOrderChangeNotification(runtime, { 'detail-type': 'ORDER_CHANGE', detail: notification }),
    ).toEqual({
      status: 'duplicate',
      notificationId: 'n-1',
    });
    const queue = await runtime.jobs();
    expect(await queue.boss.getQueueSize(QUEUES.orderChange)).toBe(1);
  });

  it('for no connected account are recorded and ignored', async () => {
    const result = await ingestOrderChangeNotification(
      runtime,
      orderChangeNotification({ sellerId: 'AOTHERSELLER', amazonOrderId: '111-1111111-1111111' }),
    );
    expect(result).toMatchObject({ status: 'ignored' });
    const [row] = await database.db.select().from(inboundNotifications);
    expect(row?.processedAt).toBeInstanceOf(Date);
  });

  it("that do not match Amazon's schema are refused with the problems", async () => {
    const bad = orderChangeNotification({ sellerId: 'A1', amazonOrderId: '111-1111111-1111111' });
    const { SellerId: _dropped, ...payload } = bad.Payload.OrderChangeNotification;
    const error = await ingestOrderChangeNotification(runtime, {
      ...bad,
      Payload: { OrderChangeNotification: payload },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain('SellerId');
  });

  it('a notification racing the scheduled sync for the same order still makes one Commerce order', async () => {
    const order = unshippedMfnOrder(standIns);
    const reports = await Promise.all([
      syncOrder(runtime, standIns.accountId, order.amazonOrderId),
      syncOrder(runtime, standIns.accountId, order.amazonOrderId),
      syncOrder(runtime, standIns.accountId, order.amazonOrderId),
    ]);
    expect(reports.reduce((n, r) => n + r.imported, 0)).toBe(1);
    expect(
      [...standIns.commerce.store.orders.values()].filter((o) => o.ext_order_id === order.amazonOrderId),
    ).toHaveLength(1);
  });

  it('syncOrder imports the one order right away', async () => {
    const order = unshippedMfnOrder(standIns);
    const report = await syncOrder(runtime, standIns.accountId, order.amazonOrderId);
    expect(report).toMatchObject({ fetched: 1, created: 1, imported: 1 });
    const [row] = await database.db
      .select()
      .from(amazonOrders)
      .where(eq(amazonOrders.amazonOrderId, order.amazonOrderId));
    expect(row?.importState).toBe('imported');
    expect(
      [...standIns.commerce.store.orders.values()].filter((o) => o.ext_order_id === order.amazonOrderId),
    ).toHaveLength(1);
    const again = await syncOrder(runtime, standIns.accountId, order.amazonOrderId);
    expect(again).toMatchObject({ created: 0, imported: 0 });
  });
});
