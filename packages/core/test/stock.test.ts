import { type AmazonOrderRow, amazonOrders } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { type InventoryMode, MFN_STOCK_POLICIES, type MfnStockPolicy } from '@saleschannel/domain';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../src/runtime.js';
import { updateOrderSettings } from '../src/settings.js';
import { type ConnectedStandIns, connectStandIns, STAND_IN_SKUS, testRuntime } from '../src/stand-ins.js';
import { syncAccount, syncOrder } from '../src/sync/sync-account.js';

/**
 * The account's stock settings through the whole sync, against the Commerce stand-in: every MFN stock policy on
 * MSI and on legacy stock (import, a shipment the merchant makes in Commerce, a cancellation on Amazon), and FBA
 * orders with and without "Manage Stock". The expected quantities are those of the @saleschannel/commerce
 * README's table, for every SKU of every order the sync touched.
 */
const START = 1000;

let database: TestDatabase;
let runtime: Runtime;
let standIns: ConnectedStandIns;

afterEach(async () => {
  await standIns?.close();
  await runtime?.close();
});

async function setUp(inventory: InventoryMode, orders: { afnShare: number }): Promise<void> {
  database = await createTestDatabase();
  runtime = testRuntime(database);
  standIns = await connectStandIns(database, {
    inventory,
    amazon: {
      orders: {
        count: 12,
        seed: 21,
        historyMs: 20 * 3600_000,
        afnShare: orders.afnShare,
        canceledShare: 0,
        buyerCancelShare: 0,
      },
    },
  });
}

async function importedRows(): Promise<AmazonOrderRow[]> {
  return (await database.db.select().from(amazonOrders).where(eq(amazonOrders.accountId, standIns.accountId)))
    .filter((row) => row.importState === 'imported')
    .sort((a, b) => a.amazonOrderId.localeCompare(b.amazonOrderId));
}

/** Quantity per SKU of the given Commerce orders' items. */
function quantities(
  orderIds: readonly (number | null)[],
  of: 'qty_ordered' | 'qty_shipped' | 'qty_canceled',
) {
  const total: Record<string, number> = {};
  for (const id of orderIds) {
    const order = standIns.commerce.store.getOrder(id ?? -1) as unknown as {
      items: { sku: string; [key: string]: unknown }[];
    };
    for (const item of order.items) {
      total[item.sku] = (total[item.sku] ?? 0) + Number(item[of] ?? 0);
    }
  }
  return total;
}

interface Expected {
  /** MSI source quantity, or the legacy stock item's quantity. */
  readonly source: Record<string, number>;
  /** MSI only. */
  readonly salable?: Record<string, number>;
}

function expectStock(inventory: InventoryMode, expected: Expected): void {
  const store = standIns.commerce.store;
  for (const sku of STAND_IN_SKUS) {
    if (inventory === 'msi') {
      expect(store.sourceQty(sku), `${sku} source`).toBe(START - (expected.source[sku] ?? 0));
      expect(store.salableQty(sku), `${sku} salable`).toBe(START - (expected.salable?.[sku] ?? 0));
    } else {
      expect(store.legacyQty(sku), `${sku} qty`).toBe(START - (expected.source[sku] ?? 0));
    }
  }
}

const add = (...parts: Record<string, number>[]) => {
  const sum: Record<string, number> = {};
  for (const part of parts) {
    for (const [sku, qty] of Object.entries(part)) {
      sum[sku] = (sum[sku] ?? 0) + qty;
    }
  }
  return sum;
};

/** What each policy takes from stock (positive numbers), by the README's table. */
function expectedAfter(
  inventory: InventoryMode,
  policy: MfnStockPolicy,
  step: {
    ordered: Record<string, number>;
    shipped: Record<string, number>;
    cancelled: Record<string, number>;
  },
): Expected {
  const { ordered, shipped, cancelled } = step;
  const minus = (part: Record<string, number>) =>
    Object.fromEntries(Object.entries(part).map(([sku, qty]) => [sku, -qty]));
  if (inventory === 'msi') {
    // Commerce's shipment deducts the source and adds a compensating reservation; a cancel adds a reservation.
    const commerce = { source: shipped, salable: minus(cancelled) };
    return policy === 'deduct_on_import'
      ? { source: add(ordered, commerce.source), salable: add(ordered, commerce.salable) }
      : { source: commerce.source, salable: commerce.salable };
  }
  // Legacy: Commerce's cancel puts the cancelled quantity back into the stock item.
  if (policy === 'deduct_on_import') {
    return { source: add(ordered, minus(cancelled)) };
  }
  if (policy === 'deduct_on_shipment') {
    // Shipments are deducted by saleschannel; the cancel's give-back is taken out again.
    return { source: shipped };
  }
  return { source: minus(cancelled) };
}

describe.each(['msi', 'legacy'] as const)('merchant-fulfilled orders on %s stock', (inventory) => {
  it.each(MFN_STOCK_POLICIES)(
    '%s: import, a shipment made in Commerce, a cancellation on Amazon',
    async (policy) => {
      await setUp(inventory, { afnShare: 0 });
      await updateOrderSettings(database.db, standIns.accountId, { mfnStockPolicy: policy });
      await syncAccount(runtime, standIns.accountId);
      const imported = await importedRows();
      expect(imported.length).toBeGreaterThanOrEqual(3);
      const ids = imported.map((row) => row.commerceOrderId);
      const none = {};
      expectStock(
        inventory,
        expectedAfter(inventory, policy, {
          ordered: quantities(ids, 'qty_ordered'),
          shipped: none,
          cancelled: none,
        }),
      );

      // The merchant ships one order in Commerce (with tracking); the next sync finds the shipment.
      const [toShip, toCancel] = imported as [AmazonOrderRow, AmazonOrderRow];
      const shipping = standIns.commerce.store.getOrder(toShip.commerceOrderId ?? -1);
      standIns.commerce.store.ship(toShip.commerceOrderId ?? -1, {
        items: (shipping.items as { item_id: number; qty_ordered: number }[]).map((item) => ({
          order_item_id: item.item_id,
          qty: item.qty_ordered,
        })),
        tracks: [{ track_number: '1Z999AA10123456784', title: 'United Parcel Service', carrier_code: 'ups' }],
      });
      // The buyer cancels another on Amazon.
      const amazonOrder = standIns.amazon.store.visibleOrder(
        standIns.amazon.account.sellerId,
        toCancel.amazonOrderId,
      );
      if (!amazonOrder) {
        throw new Error('the order to cancel is not on Amazon');
      }
      standIns.amazon.store.cancel(amazonOrder, 'BuyerCanceled');
      await syncOrder(runtime, standIns.accountId, toCancel.amazonOrderId);
      await syncAccount(runtime, standIns.accountId);
      expect(standIns.commerce.store.getOrder(toCancel.commerceOrderId ?? -1).state).toBe('canceled');
      const after = {
        ordered: quantities(ids, 'qty_ordered'),
        shipped: quantities([toShip.commerceOrderId], 'qty_shipped'),
        cancelled: quantities([toCancel.commerceOrderId], 'qty_canceled'),
      };
      expectStock(inventory, expectedAfter(inventory, policy, after));
      // Syncing again (the shipment is re-read in the overlap window) changes nothing.
      await syncAccount(runtime, standIns.accountId);
      expectStock(inventory, expectedAfter(inventory, policy, after));
    },
  );
});

describe.each(['msi', 'legacy'] as const)('orders fulfilled by Amazon on %s stock', (inventory) => {
  it.each([false, true])(
    'Manage Stock %s: created complete once shipped; stock as configured',
    async (manage) => {
      await setUp(inventory, { afnShare: 1 });
      await updateOrderSettings(database.db, standIns.accountId, { fbaManageStock: manage });
      await syncAccount(runtime, standIns.accountId);
      const imported = await importedRows();
      expect(imported.length).toBeGreaterThanOrEqual(3);
      expect(
        imported.every((row) => row.fulfillmentChannel === 'AFN' && row.amazonStatus === 'Shipped'),
      ).toBe(true);
      const ids = imported.map((row) => row.commerceOrderId);
      for (const id of ids) {
        expect(standIns.commerce.store.getOrder(id ?? -1).state).toBe('complete');
      }
      const ordered = quantities(ids, 'qty_ordered');
      // FBA orders follow `deduct_on_import` with Manage Stock, `none` without: under MSI, Commerce's own shipment
      // deducts the source either way (salable unchanged); legacy stock is untouched unless Manage Stock is on.
      expectStock(
        inventory,
        expectedAfter(inventory, manage ? 'deduct_on_import' : 'none', {
          ordered,
          shipped: quantities(ids, 'qty_shipped'),
          cancelled: {},
        }),
      );
      await syncAccount(runtime, standIns.accountId);
      expect(standIns.commerce.store.orders.size).toBe(imported.length);
    },
  );
});
