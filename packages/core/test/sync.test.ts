import {
  type AmazonStandIn,
  DEFAULT_ACCOUNT as DEFAULT_STAND_IN_ACCOUNT,
  seedOrders,
} from '@saleschannel/amazon-stand-in';
import type { CommerceStandIn } from '@saleschannel/commerce-stand-in';
import { amazonOrders, orderEvents } from '@saleschannel/db';
import { createTestDatabase, type TestDatabase } from '@saleschannel/db/testing';
import { toMinor } from '@saleschannel/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAccountConnection } from '../src/accounts.js';
import type { Runtime } from '../src/runtime.js';
import { updateOrderSettings } from '../src/settings.js';
import { type ConnectedStandIns, connectStandIns, STAND_IN_SKUS, testRuntime } from '../src/stand-ins.js';
import { commerceClientFor } from '../src/sync/clients.js';
import { BEFORE_LAG_MS, backfillAccount, syncAccount, syncOrder } from '../src/sync/sync-account.js';

let database: TestDatabase;
let runtime: Runtime;
let amazon: AmazonStandIn;
let commerce: CommerceStandIn;
let accountId: string;
let standIns: ConnectedStandIns | undefined;

async function setUp(options: { skus?: readonly string[]; orders?: number } = {}) {
  standIns = await connectStandIns(database, {
    amazon: {
      orders: { count: options.orders ?? 40, seed: 7, historyMs: 20 * 60 * 60_000, buyerCancelShare: 0 },
    },
    ...(options.skus ? { skus: options.skus } : {}),
  });
  ({ amazon, commerce, accountId } = standIns);
}

beforeEach(async () => {
  database = await createTestDatabase();
  runtime = testRuntime(database);
});
afterEach(async () => {
  await standIns?.close();
  standIns = undefined;
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
    const metrics = await runtime.metrics.render();
    expect(metrics).toContain(
      `saleschannel_orders_imported_total{account="${accountId}"} ${report.imported}`,
    );
    expect(metrics).toMatch(
      /saleschannel_amazon_requests_total\{operation="orders-2026-01-01.searchOrders",status="200"\} \d+/,
    );
    expect(metrics).toContain(`saleschannel_sync_lag_seconds{account="${accountId}"}`);
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
    await setUp({ skus: STAND_IN_SKUS.filter((sku) => sku !== 'MUG-CERAMIC-350') });
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

  it('asks Commerce once per enabled SKU in a run; a disabled product is asked again per order, and its orders import once enabled', async () => {
    await setUp();
    const mug = commerce.store.products.get('MUG-CERAMIC-350');
    if (!mug) {
      throw new Error('the stand-in has no mug');
    }
    mug.status = 2;
    const report = await syncAccount(runtime, accountId);
    const productLookups = (sku: string) =>
      commerce.requests.filter((r) => r.method === 'GET' && r.path === `/V1/products/${sku}`).length;
    const failed = (await stored()).filter((r) => r.importState === 'error');
    expect(failed.length).toBeGreaterThan(1);
    expect(report.imported).toBeGreaterThan(0);
    for (const row of failed) {
      expect(row.importErrorCode).toBe('disabled_product');
    }
    expect(productLookups('MUG-CERAMIC-350')).toBe(failed.length);
    for (const sku of STAND_IN_SKUS.filter((s) => s !== 'MUG-CERAMIC-350')) {
      expect(productLookups(sku)).toBeLessThanOrEqual(1);
    }
    mug.status = 1;
    await database.db
      .update(amazonOrders)
      .set({ nextAttemptAt: new Date() })
      .where(eq(amazonOrders.importState, 'error'));
    const again = await syncAccount(runtime, accountId);
    expect(again.imported).toBe(failed.length);
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

  it("a second change within the same second of Amazon's last-updated time is not lost", async () => {
    await setUp({ orders: 5 });
    // Amazon's last-updated time has whole seconds: paid right after it was placed, the order keeps its time.
    const at = Math.floor((Date.now() - BEFORE_LAG_MS - 10_000) / 1000) * 1000;
    const [order] = seedOrders(amazon.store, { count: 1, seed: 99, historyMs: 0, futureMs: 1, afnShare: 0 });
    if (!order) {
      throw new Error('no order seeded');
    }
    Object.assign(order, { createdAt: at, lastUpdatedAt: at, timeline: [] });
    await syncAccount(runtime, accountId);
    const row = () => stored().then((rows) => rows.find((r) => r.amazonOrderId === order.amazonOrderId));
    expect(await row()).toMatchObject({ amazonStatus: 'Pending', importState: 'pending' });
    order.status = 'Unshipped';
    order.lastUpdatedAt = at + 400;
    await syncAccount(runtime, accountId);
    expect(await row()).toMatchObject({ amazonStatus: 'Unshipped', importState: 'imported' });
    expect(
      [...commerce.store.orders.values()].filter((o) => o.ext_order_id === order.amazonOrderId),
    ).toHaveLength(1);
    const again = await syncAccount(runtime, accountId);
    expect(again.updated).toBe(0);
  });

  it('a Commerce order whose link was lost is found and cancelled when Amazon cancels the order before a retry', async () => {
    await setUp({ orders: 0 });
    const at = Math.floor((Date.now() - BEFORE_LAG_MS - 60_000) / 1000) * 1000;
    const [order] = seedOrders(amazon.store, { count: 1, seed: 98, historyMs: 0, futureMs: 1, afnShare: 0 });
    if (!order) {
      throw new Error('no order seeded');
    }
    Object.assign(order, { createdAt: at, lastUpdatedAt: at, timeline: [], status: 'Unshipped' });
    // The create's answer is lost and Commerce's order search fails right after: the order exists in Commerce,
    // saleschannel does not know it (as after a crash between the create and its link).
    commerce.injectFault({ kind: 'drop-after-processing', method: 'POST', path: /^\/V1\/orders$/ });
    const push = commerce.requests.push.bind(commerce.requests);
    commerce.requests.push = (...entries) => {
      if (entries.some((entry) => entry.status === 'dropped')) {
        commerce.injectFault({
          kind: 'status',
          status: 500,
          method: 'GET',
          path: /^\/V1\/orders$/,
          times: 4,
        });
      }
      return push(...entries);
    };
    await syncAccount(runtime, accountId);
    const row = () => stored().then((rows) => rows.find((r) => r.amazonOrderId === order.amazonOrderId));
    expect(await row()).toMatchObject({ importState: 'error', commerceOrderId: null });
    const made = () =>
      [...commerce.store.orders.values()].filter((o) => o.ext_order_id === order.amazonOrderId);
    expect(made()).toHaveLength(1);

    amazon.store.cancel(order, 'BuyerCanceled');
    order.lastUpdatedAt = at + 5_000;
    await syncAccount(runtime, accountId);
    expect(made()).toHaveLength(1);
    expect(made()[0]?.state).toBe('canceled');
    expect(await row()).toMatchObject({ importState: 'imported', commerceOrderId: made()[0]?.entity_id });
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

describe('backfill', () => {
  it('imports orders purchased before the account was connected, with progress, once', async () => {
    await setUp({ orders: 60 });
    // The stand-in's orders span 20 hours; pretend the account was connected after all of them.
    await database.db.execute(sql`update accounts set created_at = now() + interval '2 days'`);
    const incremental = await syncAccount(runtime, accountId);
    expect(incremental.fetched).toBe(0);
    const progress: number[] = [];
    const since = new Date(Date.now() - 3 * 24 * 3600_000);
    const report = await backfillAccount(runtime, accountId, since, { onProgress: (n) => progress.push(n) });
    const createdBefore = Date.now() - BEFORE_LAG_MS;
    const expected = amazon.store
      .visibleOrders(amazon.account.sellerId)
      .filter((o) => o.createdAt < createdBefore);
    expect(report.created).toBe(expected.length);
    expect(progress.at(-1)).toBe(report.fetched);
    expect(report.imported).toBe(commerce.store.orders.size);
    const again = await backfillAccount(runtime, accountId, since);
    expect(again.created).toBe(0);
    expect(commerce.store.orders.size).toBe(report.imported);
  });
});

describe('Amazon → Commerce', () => {
  it('an order cancelled on Amazon is cancelled in Commerce; one Commerce refuses to cancel is commented and flagged', async () => {
    await setUp({ orders: 30 });
    await syncAccount(runtime, accountId);
    const imported = (await stored()).filter(
      (r) => r.importState === 'imported' && r.fulfillmentChannel === 'MFN' && r.amazonStatus === 'Unshipped',
    );
    expect(imported.length).toBeGreaterThanOrEqual(2);
    const [open, shipped] = imported as [(typeof imported)[number], (typeof imported)[number]];
    // The merchant already invoiced and shipped the second one in Commerce.
    const client = commerceClientFor(await loadAccountConnection(database.db, database.cipher, accountId));
    await client.invoiceOrder(shipped.commerceOrderId ?? 0, {});
    await client.shipOrder(shipped.commerceOrderId ?? 0, {});
    for (const row of [open, shipped]) {
      const order = amazon.store.visibleOrder(amazon.account.sellerId, row.amazonOrderId);
      if (!order) {
        throw new Error('missing stand-in order');
      }
      amazon.store.cancel(order, 'BuyerCanceled');
      await syncOrder(runtime, accountId, row.amazonOrderId);
    }
    expect(commerce.store.getOrder(open.commerceOrderId ?? 0).state).toBe('canceled');
    expect(commerce.store.getOrder(shipped.commerceOrderId ?? 0).state).not.toBe('canceled');
    const eventsOf = async (id: string) =>
      (
        await database.db
          .select()
          .from(orderEvents)
          .where(eq(orderEvents.orderId, id))
          .orderBy(asc(orderEvents.id))
      ).map((e) => [e.type, e.level]);
    expect(await eventsOf(open.id)).toContainEqual(['commerce_cancel_done', 'info']);
    expect(await eventsOf(open.id)).toContainEqual(['amazon_status_changed', 'info']);
    expect(await eventsOf(shipped.id)).toContainEqual(['commerce_cancel_done', 'warning']);
    const comments = await client.listOrderComments(shipped.commerceOrderId ?? 0);
    expect(comments.some((c) => c.comment?.includes('cancelled on Amazon'))).toBe(true);
    // Running again does nothing more.
    const again = await syncAccount(runtime, accountId);
    expect(again.cancelled).toBe(0);
  });

  it('a custom order status puts new Commerce orders in that status', async () => {
    await setUp({ orders: 12 });
    await updateOrderSettings(database.db, accountId, {
      orderStatusMode: 'custom',
      processingStatus: 'processing',
    });
    await syncAccount(runtime, accountId);
    const mfn = (await stored()).filter(
      (r) => r.importState === 'imported' && r.fulfillmentChannel === 'MFN',
    );
    expect(mfn.length).toBeGreaterThan(0);
    for (const row of mfn) {
      expect(commerce.store.getOrder(row.commerceOrderId ?? 0)).toMatchObject({
        state: 'processing',
        status: 'processing',
      });
    }
  });
});

/**
 * The Commerce amounts an Amazon order must give, from the stand-in's own record (not through our mapping):
 * taxes are inside the prices where the marketplace includes tax; the COD fee travels in the shipping amount
 * and gift wrap in the gift wrapping fields.
 */
function expectedCommerceAmounts(order: ReturnType<AmazonStandIn['store']['orders']['get']> & {}) {
  const c = order.currency;
  const m = (amount: string | undefined) => (amount ? toMinor(amount, c) : 0n);
  const included = order.pricesIncludeTax ?? false;
  let subtotal = 0n;
  let itemTax = 0n;
  let shipping = 0n;
  let tax = 0n;
  let discount = 0n;
  for (const item of order.items) {
    const x = item.charges ?? {};
    const lineTax = m(item.lineTax);
    subtotal += m(item.unitPrice) * BigInt(item.quantityOrdered) - (included ? lineTax : 0n);
    itemTax += lineTax;
    shipping += m(item.shipping) + m(x.codFee) - (included ? m(x.shippingTax) + m(x.codFeeTax) : 0n);
    tax += lineTax + m(x.shippingTax) + m(x.giftWrapTax) + m(x.codFeeTax);
    discount += m(x.promotionDiscount) + m(x.shippingDiscount);
  }
  return { subtotal, subtotalInclTax: subtotal + itemTax, shipping, tax, discount };
}

describe('marketplaces', () => {
  it.each([
    ['US (dollar, sales tax added)', 'ATVPDKIKX0DER', 'USD'],
    ['JP (yen, no decimals, prices include tax)', 'A1VC38T7YXB528', 'JPY'],
    ['DE (euro, prices include VAT)', 'A1PA6795UKMFR9', 'EUR'],
  ])(
    "%s: every Commerce amount is Amazon's, with shipping tax, gift wrap, COD fee and discounts",
    async (_name, marketplaceId, currency) => {
      standIns = await connectStandIns(database, {
        amazon: {
          accounts: [{ ...DEFAULT_STAND_IN_ACCOUNT, marketplaceIds: [marketplaceId] }],
          orders: {
            count: 15,
            seed: 21,
            historyMs: 10 * 3600_000,
            currency,
            marketplaceId,
            chargesShare: 0.5,
          },
        },
      });
      ({ amazon, commerce, accountId } = standIns);
      await syncAccount(runtime, accountId);
      const rows = await stored();
      const imported = rows.filter((r) => r.importState === 'imported');
      expect(
        imported.length,
        JSON.stringify(rows.map((r) => [r.amazonStatus, r.importState, r.importError])),
      ).toBeGreaterThan(0);
      for (const row of imported) {
        const order = commerce.store.getOrder(row.commerceOrderId ?? 0);
        expect(row.currencyCode).toBe(currency);
        expect(order.order_currency_code).toBe(currency);
        expect(toMinor(String(order.grand_total), currency)).toBe(toMinor(row.orderTotal ?? '', currency));
        const source = amazon.store.orders.get(row.amazonOrderId);
        if (!source) {
          throw new Error(`no stand-in order ${row.amazonOrderId}`);
        }
        const expected = expectedCommerceAmounts(source);
        const minor = (value: unknown) => toMinor(String(value ?? 0), currency);
        expect({
          subtotal: minor(order.subtotal),
          subtotalInclTax: minor(order.subtotal_incl_tax),
          shipping: minor(order.shipping_amount),
          tax: minor(order.tax_amount),
          discount: -minor(order.discount_amount),
        }).toEqual(expected);
        const charged = source.items.some((item) => item.charges?.codFee);
        expect(String(order.shipping_description).includes('cash on delivery fee')).toBe(charged);
      }
      // Half of the orders carry the extra charges, so both kinds were checked.
      expect(imported.some((row) => amazon.store.orders.get(row.amazonOrderId)?.items[0]?.charges)).toBe(
        true,
      );
    },
  );
});

describe('customer creation', () => {
  it('guest by default; "match or create" links orders to one customer per buyer email, guests when Amazon withholds it', async () => {
    await setUp({ orders: 30 });
    await updateOrderSettings(database.db, accountId, { customerCreation: 'match_or_create' });
    await syncAccount(runtime, accountId);
    const imported = (await stored()).filter((r) => r.importState === 'imported');
    expect(imported.length).toBeGreaterThan(0);
    const customers = [...commerce.store.customers.values()];
    expect(customers.length).toBeGreaterThan(0);
    for (const row of imported) {
      const order = commerce.store.getOrder(row.commerceOrderId ?? 0);
      if (row.buyer === null || String(order.customer_email).endsWith('@marketplace.amazon.invalid')) {
        expect(order.customer_is_guest).toBe(1);
      } else {
        const customer = customers.find(
          (c) => String(c.email).toLowerCase() === String(order.customer_email).toLowerCase(),
        );
        expect(order).toMatchObject({ customer_is_guest: 0, customer_id: customer?.id });
      }
    }
    const emails = customers.map((c) => String(c.email).toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });
});

describe('more order settings', () => {
  it('unknown-SKU policy "skip": the order is skipped with the reason, never created', async () => {
    await setUp({ orders: 20, skus: STAND_IN_SKUS.filter((sku) => sku !== 'MUG-CERAMIC-350') });
    await updateOrderSettings(database.db, accountId, { unknownSkuPolicy: 'skip' });
    await syncAccount(runtime, accountId);
    const rows = await stored();
    const skipped = rows.filter((r) => r.importState === 'skipped' && r.amazonStatus !== 'Canceled');
    expect(skipped.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.importState === 'error')).toEqual([]);
    for (const row of skipped) {
      const events = await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, row.id));
      expect(events.map((e) => e.message)).toContain('SKU "MUG-CERAMIC-350" matches no Commerce product');
      expect([...commerce.store.orders.values()].some((o) => o.ext_order_id === row.amazonOrderId)).toBe(
        false,
      );
    }
  });

  it('FBA import off: Amazon-fulfilled orders are stored and skipped, merchant-fulfilled ones created', async () => {
    await setUp({ orders: 30 });
    await updateOrderSettings(database.db, accountId, { importFbaOrders: false });
    await syncAccount(runtime, accountId);
    const rows = await stored();
    const afn = rows.filter((r) => r.fulfillmentChannel === 'AFN' && r.amazonStatus === 'Shipped');
    expect(afn.length).toBeGreaterThan(0);
    expect(new Set(afn.map((r) => r.importState))).toEqual(new Set(['skipped']));
    expect(rows.some((r) => r.fulfillmentChannel === 'MFN' && r.importState === 'imported')).toBe(true);
  });

  it('the store view: orders go into the chosen one; one Commerce does not have puts orders in error with the reason', async () => {
    await setUp({ orders: 12 });
    await updateOrderSettings(database.db, accountId, { storeViewCode: 'no_such_view' });
    await syncAccount(runtime, accountId);
    const failed = (await stored()).filter((r) => r.importState === 'error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ importErrorCode: 'store_view' });
    expect(failed[0]?.importError).toContain('the store view "no_such_view" does not exist in Commerce');
    const views = await commerceClientFor(
      await loadAccountConnection(database.db, database.cipher, accountId),
    ).listStoreViews();
    const view = views[0];
    if (!view) {
      throw new Error('the stand-in has no store view');
    }
    await updateOrderSettings(database.db, accountId, { storeViewCode: view.code });
    await database.db
      .update(amazonOrders)
      .set({ nextAttemptAt: new Date() })
      .where(eq(amazonOrders.importState, 'error'));
    await syncAccount(runtime, accountId);
    const imported = (await stored()).filter((r) => r.importState === 'imported');
    expect(imported.length).toBeGreaterThan(0);
    for (const row of imported) {
      expect(commerce.store.getOrder(row.commerceOrderId ?? 0).store_id).toBe(view.id);
    }
  });
});
