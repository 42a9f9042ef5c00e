import { amazonOrders, stockReservations } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../src/runtime.js';
import { updateOrderSettings } from '../src/settings.js';
import { type ConnectedStandIns, connectStandIns, STAND_IN_SKUS, testRuntime } from '../src/stand-ins.js';
import { syncAccount, syncOrder } from '../src/sync/sync-account.js';

let database: TestDatabase;
let runtime: Runtime;
let standIns: ConnectedStandIns;

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = testRuntime(database);
  // Orders of the last 25 minutes: Amazon has not authorised their payment yet (Pending for 30 minutes).
  standIns = await connectStandIns(database, {
    amazon: { orders: { count: 12, seed: 5, historyMs: 25 * 60_000, afnShare: 0, canceledShare: 0 } },
  });
  await updateOrderSettings(database.db, standIns.accountId, {
    pendingOrders: 'reserve',
    reservationDays: 2,
  });
});
afterEach(async () => {
  await standIns.close();
  await runtime.close();
});

const sourceQty = () =>
  Object.fromEntries(STAND_IN_SKUS.map((sku) => [sku, standIns.commerce.store.sourceQty(sku)]));

async function pendingRows() {
  return (await database.db.select().from(amazonOrders)).filter((row) => row.amazonStatus === 'Pending');
}

function amazonOrder(amazonOrderId: string) {
  const order = standIns.amazon.store.visibleOrder(standIns.amazon.account.sellerId, amazonOrderId);
  if (!order) {
    throw new Error(`no stand-in order ${amazonOrderId}`);
  }
  return order;
}

/** Commerce stock equals the starting 1,000 less what the applied, unreleased reservations hold — always. */
async function expectStockMatchesReservations() {
  const held: Record<string, number> = {};
  for (const r of await database.db.select().from(stockReservations)) {
    if (r.appliedAt && !r.releasedAt) {
      held[r.sku] = (held[r.sku] ?? 0) + r.quantity;
    }
  }
  for (const sku of STAND_IN_SKUS) {
    expect(sourceQty()[sku], sku).toBe(1000 - (held[sku] ?? 0));
  }
  return Object.values(held).reduce((a, b) => a + b, 0);
}

describe('Pending Orders: Reserve Quantity', () => {
  it("holds a Pending order's quantity, gives it back on creation, cancellation and expiry, once each", async () => {
    await syncAccount(runtime, standIns.accountId);
    const pending = await pendingRows();
    expect(pending.length).toBeGreaterThanOrEqual(3);
    expect(standIns.commerce.store.orders.size).toBe(0);
    // Every stored Pending order holds its whole quantity.
    const reserved = await database.db.select().from(stockReservations);
    for (const row of pending) {
      const ordered = amazonOrder(row.amazonOrderId).items.reduce((n, item) => n + item.quantityOrdered, 0);
      const held = reserved
        .filter((r) => r.orderId === row.id && r.appliedAt)
        .reduce((n, r) => n + r.quantity, 0);
      expect(held).toBe(ordered);
    }
    expect(await expectStockMatchesReservations()).toBeGreaterThan(0);
    // A second sync reserves nothing twice.
    await syncAccount(runtime, standIns.accountId);
    await expectStockMatchesReservations();

    const [authorised, cancelled, waiting] = pending as [
      (typeof pending)[number],
      (typeof pending)[number],
      (typeof pending)[number],
    ];
    // Amazon authorises one: its reservation is released and its Commerce order created.
    const first = amazonOrder(authorised.amazonOrderId);
    first.timeline = [{ at: standIns.amazon.clock.now(), change: 'unshipped' }];
    standIns.amazon.store.tick();
    await syncOrder(runtime, standIns.accountId, authorised.amazonOrderId);
    // The buyer cancels another.
    standIns.amazon.store.cancel(amazonOrder(cancelled.amazonOrderId), 'BuyerCanceled');
    await syncOrder(runtime, standIns.accountId, cancelled.amazonOrderId);
    const reasons = async (orderId: string) =>
      (await database.db.select().from(stockReservations).where(eq(stockReservations.orderId, orderId))).map(
        (r) => r.releaseReason,
      );
    expect(new Set(await reasons(authorised.id))).toEqual(new Set(['created']));
    expect(new Set(await reasons(cancelled.id))).toEqual(new Set(['cancelled']));
    expect([...standIns.commerce.store.orders.values()].map((o) => o.ext_order_id)).toEqual([
      authorised.amazonOrderId,
    ]);

    // The rest expire after their reservation days.
    await database.db.update(stockReservations).set({ expiresAt: new Date(Date.now() - 1000) });
    await syncAccount(runtime, standIns.accountId);
    expect(new Set(await reasons(waiting.id))).toEqual(new Set(['expired']));
    // Stock always matches what is still held; created orders deduct on shipment, so they take nothing yet.
    await expectStockMatchesReservations();
  });

  it('does not reserve when the setting is "Do Not Reserve Quantity"', async () => {
    await updateOrderSettings(database.db, standIns.accountId, { pendingOrders: 'do_not_reserve' });
    await syncAccount(runtime, standIns.accountId);
    expect((await pendingRows()).length).toBeGreaterThan(0);
    for (const sku of STAND_IN_SKUS) {
      expect(sourceQty()[sku]).toBe(1000);
    }
    expect(await database.db.select().from(stockReservations)).toEqual([]);
  });
});
