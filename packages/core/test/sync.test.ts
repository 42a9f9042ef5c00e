import { type AmazonStandIn, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { type CommerceStandIn, startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import { amazonOrders, orderEvents } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { toMinor } from '@saleschannel/domain';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.js';
import { createLogger } from '../src/logger.js';
import type { Runtime } from '../src/runtime.js';
import { updateOrderSettings } from '../src/settings.js';
import { BEFORE_LAG_MS, syncAccount } from '../src/sync/sync-account.js';

const SKUS = [
  'ECHO-DOT-3-CHARCOAL',
  'ECHO-DOT-4-BLUE',
  'KINDLE-PAPERWHITE-16',
  'FIRE-TV-STICK-4K',
  'MUG-CERAMIC-350',
  'SOCKS-WOOL-3PK',
];

let database: TestDatabase;
let runtime: Runtime;
let amazon: AmazonStandIn;
let commerce: CommerceStandIn;
let accountId: string;

async function setUp(options: { skus?: readonly string[]; orders?: number } = {}) {
  amazon = await startAmazonStandIn({
    orders: { count: options.orders ?? 40, seed: 7, historyMs: 20 * 60 * 60_000, buyerCancelShare: 0 },
  });
  commerce = await startCommerceStandIn({
    products: (options.skus ?? SKUS).map((sku) => ({ sku, qty: 1000, price: '10.00' })),
  });
  const account = await createAccount(database, {
    displayName: 'Stand-in US',
    sellerId: amazon.account.sellerId,
    marketplaceId: 'ATVPDKIKX0DER',
    region: 'na',
    amazon: {
      lwaClientId: amazon.account.clientId,
      lwaClientSecret: amazon.account.clientSecret,
      refreshToken: amazon.account.refreshToken,
      spApiEndpoint: amazon.url,
      lwaEndpoint: amazon.tokenUrl,
    },
    commerce: {
      name: 'Stand-in Commerce',
      baseUrl: commerce.url,
      secrets: { authMode: 'oauth1', ...commerce.integration },
    },
    commerceWebsiteId: 1,
  });
  accountId = account.id;
}

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = { database, logger: createLogger({ LOG_LEVEL: 'silent' }), close: async () => {} };
});
afterEach(async () => {
  await amazon?.close();
  await commerce?.close();
  await database.destroy();
});

/** The Amazon orders a sync started now can see (Amazon hides the last two minutes). */
function visibleOnAmazon() {
  const before = Date.now() - BEFORE_LAG_MS;
  return amazon.store.visibleOrders(amazon.account.sellerId).filter((o) => o.lastUpdatedAt < before);
}

async function stored() {
  return database.db.select().from(amazonOrders).where(eq(amazonOrders.accountId, accountId));
}

describe('syncAccount against the stand-ins', () => {
  it('imports every due order once, with Amazon totals to the cent, following the status rules', async () => {
    await setUp();
    const report = await syncAccount(runtime, accountId);
    const expected = visibleOnAmazon();
    expect(expected.length).toBeGreaterThan(10);
    expect(report.created).toBe(expected.length);
    const rows = await stored();
    expect(rows).toHaveLength(expected.length);

    const commerceOrders = [...commerce.store.orders.values()];
    for (const amazonOrder of expected) {
      const row = rows.find((r) => r.amazonOrderId === amazonOrder.amazonOrderId);
      const status = amazonOrder.status;
      const channel = amazonOrder.fulfillmentChannel;
      const shouldCreate =
        (channel === 'MFN' && ['Unshipped', 'PartiallyShipped', 'Shipped'].includes(status)) ||
        (channel === 'AFN' && status === 'Shipped');
      if (shouldCreate) {
        expect(
          row?.importState,
          `${amazonOrder.amazonOrderId} ${channel} ${status}: ${row?.importError}`,
        ).toBe('imported');
        const created = commerceOrders.filter((o) => o.ext_order_id === amazonOrder.amazonOrderId);
        expect(created).toHaveLength(1);
        const order = created[0];
        expect(order?.entity_id).toBe(row?.commerceOrderId);
        expect(toMinor(String(order?.grand_total), 'USD')).toBe(toMinor(row?.orderTotal ?? '', 'USD'));
        if (channel === 'AFN') {
          expect(order?.state).toBe('complete');
        }
      } else if (status === 'Canceled') {
        expect(row?.importState).toBe('skipped');
      } else {
        expect(row?.importState, `${amazonOrder.amazonOrderId} ${channel} ${status}`).toBe('pending');
      }
    }
    expect(commerceOrders.length).toBe(report.imported);
  });

  it('a second sync changes nothing and never doubles an order', async () => {
    await setUp();
    const first = await syncAccount(runtime, accountId);
    const countAfterFirst = commerce.store.orders.size;
    const second = await syncAccount(runtime, accountId);
    expect(second.created).toBe(0);
    expect(second.imported).toBe(0);
    expect(commerce.store.orders.size).toBe(countAfterFirst);
    expect(first.imported).toBe(countAfterFirst);
  });

  it('an unknown SKU puts the order in error with the reason, without blocking the others; it imports once fixed', async () => {
    await setUp({ skus: SKUS.filter((sku) => sku !== 'MUG-CERAMIC-350') });
    const report = await syncAccount(runtime, accountId);
    const failed = (await stored()).filter((r) => r.importState === 'error');
    expect(failed.length).toBeGreaterThan(0);
    expect(report.imported).toBeGreaterThan(0);
    for (const row of failed) {
      expect(row.importErrorCode).toBe('unknown_sku');
      expect(row.importError).toBe('SKU "MUG-CERAMIC-350" matches no Commerce product');
      expect(row.nextAttemptAt).not.toBeNull();
      const events = await database.db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, row.id))
        .orderBy(asc(orderEvents.id));
      expect(events.at(-1)).toMatchObject({ type: 'import_failed', level: 'error' });
    }
    commerce.store.addProduct({ sku: 'MUG-CERAMIC-350', qty: 100, price: '12.99' });
    await database.db
      .update(amazonOrders)
      .set({ nextAttemptAt: new Date() })
      .where(eq(amazonOrders.importState, 'error'));
    const again = await syncAccount(runtime, accountId);
    expect(again.imported).toBe(failed.length);
    expect((await stored()).filter((r) => r.importState === 'error')).toEqual([]);
  });

  it('with "Import Amazon Orders" Disabled, orders are stored and shown only', async () => {
    await setUp();
    await updateOrderSettings(database.db, accountId, { importOrders: 'disabled' });
    await syncAccount(runtime, accountId);
    const rows = await stored();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.importState))).toEqual(new Set(['skipped']));
    expect(commerce.store.orders.size).toBe(0);
  });

  it('a lost answer to the create call never yields a second Commerce order', async () => {
    await setUp({ orders: 12 });
    commerce.injectFault({ kind: 'drop-after-processing', method: 'POST', path: /^\/V1\/orders$/, times: 3 });
    await syncAccount(runtime, accountId);
    const imported = (await stored()).filter((r) => r.importState === 'imported');
    expect(imported.length).toBeGreaterThan(0);
    const extIds = [...commerce.store.orders.values()].map((o) => o.ext_order_id);
    expect(new Set(extIds).size).toBe(extIds.length);
    expect(extIds.length).toBe(imported.length);
  });

  it('Order Number Source = Amazon numbers Commerce orders with the prefix of their kind', async () => {
    await setUp({ orders: 15 });
    await updateOrderSettings(database.db, accountId, {
      orderNumberSource: 'amazon',
      orderNumberPrefixes: { general: 'AMZ-', fba: 'FBA-', prime: 'PRI-', business: 'B2B-' },
    });
    await syncAccount(runtime, accountId);
    const imported = (await stored()).filter((r) => r.importState === 'imported');
    expect(imported.length).toBeGreaterThan(0);
    for (const row of imported) {
      const prefix =
        row.fulfillmentChannel === 'AFN'
          ? 'FBA-'
          : row.isBusinessOrder
            ? 'B2B-'
            : row.isPrime
              ? 'PRI-'
              : 'AMZ-';
      expect(row.commerceIncrementId).toBe(`${prefix}${row.amazonOrderId}`);
    }
  });
});
