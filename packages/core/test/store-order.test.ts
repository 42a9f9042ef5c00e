import { amazonOrderItems, amazonOrders } from '@saleschannel/db';
import { createTestDatabase, seedAccount, type TestDatabase } from '@saleschannel/db/testing';
import type { AmazonOrder, AmazonOrderItem } from '@saleschannel/domain';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeAmazonOrder } from '../src/sync/store-order.js';

let database: TestDatabase;
let accountId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ accountId } = await seedAccount(database));
});
afterEach(async () => {
  await database.destroy();
});

const usd = (amount: string) => ({ amount, currency: 'USD' });

function line(orderItemId: string, overrides: Partial<AmazonOrderItem> = {}): AmazonOrderItem {
  return {
    orderItemId,
    asin: 'B07FZ8S74R',
    sellerSku: 'ECHO-DOT-3-CHARCOAL',
    title: 'Echo Dot',
    quantityOrdered: 2,
    quantityShipped: 0,
    unitPrice: usd('39.99'),
    lineTotal: usd('79.98'),
    itemTax: usd('6.60'),
    shippingPrice: usd('4.99'),
    promotionDiscount: null,
    shippingTax: null,
    shippingDiscount: null,
    giftWrapPrice: null,
    giftWrapTax: null,
    codFee: null,
    codFeeTax: null,
    codFeeDiscount: null,
    buyerCancelRequest: null,
    ...overrides,
  };
}

function order(lastUpdatedAt: string, items: readonly AmazonOrderItem[]): AmazonOrder {
  return {
    source: 'orders-2026-01-01',
    amazonOrderId: '111-0000001-0000001',
    sellerOrderId: null,
    marketplaceId: 'ATVPDKIKX0DER',
    salesChannel: 'Amazon.com',
    status: 'Unshipped',
    fulfillmentChannel: 'MFN',
    purchasedAt: '2026-11-01T10:00:00Z',
    lastUpdatedAt,
    orderTotal: usd('91.57'),
    shipServiceLevel: 'Std',
    earliestShipDate: null,
    latestShipDate: null,
    isBusinessOrder: false,
    isPrime: false,
    isReplacementOrder: false,
    buyer: null,
    shippingAddress: null,
    items,
  };
}

const store = (o: AmazonOrder, dueAt?: Date) =>
  database.db.transaction((tx) =>
    storeAmazonOrder(tx, database.cipher, {
      accountId,
      marketplaceId: 'ATVPDKIKX0DER',
      order: o,
      raw: { orderId: o.amazonOrderId },
      sourceApi: '2026-01-01',
      ...(dueAt ? { dueAt } : {}),
    }),
  );

describe('storeAmazonOrder', () => {
  it('stores a new order due at the given time, with all its lines', async () => {
    const dueAt = new Date('2026-11-01T10:05:00Z');
    const stored = await store(order('2026-11-01T10:00:00Z', [line('1'), line('2')]), dueAt);
    expect(stored.change).toBe('created');
    expect(stored.row.nextAttemptAt?.toISOString()).toBe(dueAt.toISOString());
    const lines = await database.db
      .select()
      .from(amazonOrderItems)
      .where(eq(amazonOrderItems.orderId, stored.row.id));
    expect(lines.map((l) => l.orderItemId).sort()).toEqual(['1', '2']);
  });

  it('replaces the lines of a newer version in place, adds new ones and never duplicates', async () => {
    const first = await store(order('2026-11-01T10:00:00Z', [line('1'), line('2')]));
    const newer = await store(
      order('2026-11-01T12:00:00Z', [
        line('1', { quantityShipped: 2, title: 'Echo Dot (renamed)', itemTax: usd('6.61') }),
        line('2'),
        line('3', { sellerSku: 'MUG-CERAMIC-350', quantityOrdered: 1 }),
      ]),
    );
    expect(newer.change).toBe('updated');
    const lines = await database.db
      .select()
      .from(amazonOrderItems)
      .where(eq(amazonOrderItems.orderId, first.row.id))
      .orderBy(asc(amazonOrderItems.orderItemId));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ quantityShipped: 2, title: 'Echo Dot (renamed)', itemTax: '6.6100' });
    expect(lines[1]).toMatchObject({ quantityShipped: 0, title: 'Echo Dot', itemTax: '6.6000' });
    expect(lines[2]).toMatchObject({ sellerSku: 'MUG-CERAMIC-350', quantityOrdered: 1 });

    const older = await store(order('2026-11-01T11:00:00Z', [line('1')]));
    expect(older.change).toBe('unchanged');
    expect(await database.db.select().from(amazonOrders)).toHaveLength(1);
    expect(
      await database.db.select().from(amazonOrderItems).where(eq(amazonOrderItems.orderId, first.row.id)),
    ).toHaveLength(3);
  });
});
