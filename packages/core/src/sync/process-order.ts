import { CommerceBadRequestError, CommerceError, OrderTotalsMismatchError } from '@saleschannel/commerce';
import { type AmazonOrderRow, amazonOrderItems, amazonOrders } from '@saleschannel/db';
import {
  type AmazonAddress,
  type AmazonBuyer,
  type AmazonOrderStatus,
  decideImport,
  type FulfillmentChannel,
} from '@saleschannel/domain';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { recordCommunicationError } from '../logs.js';
import { recordEvent, transitionImport } from '../orders/import-state.js';
import { cancelInCommerce, commerceCancelDone } from './cancel-in-commerce.js';
import type { SyncContext } from './context.js';
import { StoreViewError } from './context.js';
import { OrderDataError, splitName, toImportOrderInput } from './mapping.js';
import { releaseQuantity, reserveQuantity } from './reservations.js';

export type ProcessOutcome = 'imported' | 'skipped' | 'waiting' | 'error' | 'busy';

/** How long a process may hold an order while it creates its Commerce order (a crashed holder's lease runs out). */
export const PROCESSING_LEASE_MS = 2 * 60_000;

/** A reason an order cannot be created now; the order goes to `error` with it and is retried later. */
class ImportProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Brings one stored order that has no Commerce order yet as far as the settings allow: skip it, let it wait,
 * or create its Commerce order. Every failure becomes the order's error state with the exact reason; nothing
 * here throws for one bad order, so one order never blocks the others.
 */
export async function processOrder(ctx: SyncContext, row: AmazonOrderRow): Promise<ProcessOutcome> {
  const { db } = ctx.database;
  const decision = decideImport(
    {
      amazonStatus: row.amazonStatus as AmazonOrderStatus,
      fulfillmentChannel: row.fulfillmentChannel as FulfillmentChannel,
    },
    ctx.settings,
  );
  // Take the order's lease: a notification's fetch and the scheduled sync may both reach it at once: two creates racing
  // past Commerce's lookup by ext_order_id would make two orders, two reservations would hold stock twice.
  const now = ctx.now();
  const [leased] = await db
    .update(amazonOrders)
    .set({ processingUntil: new Date(now.getTime() + PROCESSING_LEASE_MS) })
    .where(
      and(
        eq(amazonOrders.id, row.id),
        eq(amazonOrders.version, row.version),
        or(isNull(amazonOrders.processingUntil), lt(amazonOrders.processingUntil, now)),
      ),
    )
    .returning({ id: amazonOrders.id });
  if (!leased) {
    return 'busy';
  }
  if (decision.action === 'skip') {
    if (row.amazonStatus === 'Canceled' && ctx.settings.importOrders !== 'disabled') {
      try {
        const linked = await linkCreatedBeforeCancellation(ctx, row);
        if (linked) {
          return 'imported';
        }
      } catch (error) {
        return await recordFailure(ctx, row, error);
      }
    }
    await releaseQuantity(ctx, row, row.amazonStatus === 'Canceled' ? 'cancelled' : 'skipped');
    await transitionImport(db, row, { to: 'skipped' }, { type: 'skipped', message: decision.reason });
    return 'skipped';
  }
  if (decision.action === 'wait') {
    if (decision.reserve) {
      try {
        await reserveQuantity(ctx, row);
      } catch (error) {
        await recordEvent(db, row, {
          type: 'reservation_failed',
          level: 'warning',
          message: `Could not reserve the quantity in Commerce: ${(error as Error).message}`,
        });
        // Try again at the next sync.
        await db.update(amazonOrders).set({ processingUntil: null }).where(eq(amazonOrders.id, row.id));
        return 'waiting';
      }
    }
    // Nothing to do until Amazon changes the order; storing the change makes it due again.
    await db
      .update(amazonOrders)
      .set({ nextAttemptAt: null, processingUntil: null })
      .where(eq(amazonOrders.id, row.id));
    return 'waiting';
  }
  try {
    const items = await db
      .select()
      .from(amazonOrderItems)
      .where(eq(amazonOrderItems.orderId, row.id))
      .orderBy(asc(amazonOrderItems.orderItemId));
    const unknown = await unknownSkus(
      ctx,
      items.map((item) => item.sellerSku).filter((sku): sku is string => !!sku),
    );
    if (unknown.missing.length > 0) {
      const reason = `SKU ${unknown.missing.map((sku) => `"${sku}"`).join(', ')} matches no Commerce product`;
      if (ctx.settings.unknownSkuPolicy === 'skip') {
        await transitionImport(
          db,
          row,
          { to: 'skipped' },
          { type: 'skipped', level: 'warning', message: reason },
        );
        return 'skipped';
      }
      throw new ImportProblem('unknown_sku', reason);
    }
    if (unknown.disabled.length > 0) {
      throw new ImportProblem(
        'disabled_product',
        `product ${unknown.disabled.map((sku) => `"${sku}"`).join(', ')} is disabled in Commerce`,
      );
    }
    const { cipher } = ctx.database;
    const buyer = row.buyer ? cipher.decryptJson<AmazonBuyer>(row.buyer) : null;
    const storeId = await ctx.storeId();
    const customerId = await resolveCustomer(ctx, buyer, storeId);
    const input = toImportOrderInput(
      {
        row,
        items,
        buyer,
        shippingAddress: row.shippingAddress ? cipher.decryptJson<AmazonAddress>(row.shippingAddress) : null,
      },
      {
        settings: ctx.settings,
        storeId,
        marketplaceCountry: ctx.marketplaceCountry,
        shipped: decision.shipped,
        ...(customerId === undefined ? {} : { customerId }),
      },
    );
    // A reservation held while the order was Pending is given back: the order's own stock policy applies now.
    await releaseQuantity(ctx, row, 'created');
    const result = await ctx.flow.importOrder(input);
    const order = result.order;
    if (order.entity_id === undefined || order.increment_id === undefined) {
      throw new ImportProblem('commerce_answer', 'Commerce answered without the new order id');
    }
    if (decision.shipped) {
      await ctx.flow.completeFulfilledByAmazon(order.entity_id);
    }
    await transitionImport(
      db,
      row,
      { to: 'imported', commerceOrderId: order.entity_id, commerceIncrementId: order.increment_id },
      {
        type: 'imported',
        message: result.created
          ? `Commerce order ${order.increment_id} created${decision.shipped ? ' and completed (shipped by Amazon)' : ''}`
          : `Linked to Commerce order ${order.increment_id}, which already existed`,
        data: {
          commerceOrderId: order.entity_id,
          created: result.created,
          stockChanges: result.stockChanges.length,
        },
      },
    );
    ctx.metrics.ordersImported.inc({ account: row.accountId });
    return 'imported';
  } catch (error) {
    return await recordFailure(ctx, row, error);
  }
}

/** The order goes to `error` with the reason (a bug is thrown on). */
async function recordFailure(ctx: SyncContext, row: AmazonOrderRow, error: unknown): Promise<'error'> {
  const problem = classify(error);
  await recordCommunicationError(ctx.database.db, row.accountId, error);
  ctx.logger.warn(
    { order: row.amazonOrderId, code: problem.code, err: problem.message },
    'order not imported',
  );
  ctx.metrics.importErrors.inc({ account: row.accountId, code: problem.code });
  await transitionImport(
    ctx.database.db,
    row,
    { to: 'error', code: problem.code, reason: problem.message },
    { type: 'import_failed', message: `Not imported: ${problem.message}`, data: { code: problem.code } },
  );
  return 'error';
}

/**
 * An order Amazon cancelled may have its Commerce order already although saleschannel never recorded it: a
 * crash, or a lost answer followed by a failed lookup, between the create and its link. Skipping it would leave
 * that Commerce order open for good; it is linked instead, and the Amazon cancellation then reaches it like any
 * other (one order search per order cancelled before creation).
 */
async function linkCreatedBeforeCancellation(ctx: SyncContext, row: AmazonOrderRow): Promise<boolean> {
  const existing = await ctx.commerce.findOrderByExtOrderId(row.amazonOrderId);
  if (existing?.entity_id === undefined || existing.increment_id === undefined) {
    return false;
  }
  await transitionImport(
    ctx.database.db,
    row,
    { to: 'imported', commerceOrderId: existing.entity_id, commerceIncrementId: existing.increment_id },
    {
      type: 'imported',
      message: `Linked to Commerce order ${existing.increment_id}, created before Amazon cancelled the order`,
      data: { commerceOrderId: existing.entity_id, created: false },
    },
  );
  return true;
}

function classify(error: unknown): ImportProblem {
  if (error instanceof ImportProblem) {
    return error;
  }
  if (error instanceof OrderDataError) {
    return new ImportProblem(error.code, error.message);
  }
  if (error instanceof OrderTotalsMismatchError) {
    return new ImportProblem('totals_mismatch', error.message);
  }
  if (error instanceof StoreViewError) {
    return new ImportProblem('store_view', error.message);
  }
  if (error instanceof CommerceBadRequestError) {
    return new ImportProblem('commerce_validation', `Commerce refused the order: ${error.message}`);
  }
  if (error instanceof CommerceError) {
    return new ImportProblem('commerce_unavailable', `Commerce could not be reached: ${error.message}`);
  }
  if (error instanceof Error && error.name === 'MoneyError') {
    return new ImportProblem('invalid_amount', error.message);
  }
  throw error;
}

/**
 * "Customer Creation" = match or create: the order belongs to the Commerce customer with the buyer's email in
 * the account's website, created when there is none. Without a buyer email (withheld by Amazon) it stays a
 * guest order: an account for a placeholder address would be useless to everyone.
 */
async function resolveCustomer(ctx: SyncContext, buyer: AmazonBuyer | null, storeId: number) {
  if (ctx.settings.customerCreation !== 'match_or_create' || !buyer?.email) {
    return undefined;
  }
  const websiteId = ctx.connection.account.commerceWebsiteId;
  const existing = await ctx.commerce.findCustomerByEmail(buyer.email, websiteId);
  if (existing) {
    return existing.id;
  }
  try {
    const created = await ctx.commerce.createCustomer({
      email: buyer.email,
      ...splitName(buyer.name),
      websiteId,
      storeId,
    });
    return created.id;
  } catch (error) {
    // Created meanwhile (another order of the same buyer, or an answer lost on the way back): use that one.
    const raced = await ctx.commerce.findCustomerByEmail(buyer.email, websiteId);
    if (raced) {
      return raced.id;
    }
    throw error;
  }
}

/**
 * SKUs found enabled in Commerce, per sync run: a run importing many orders of the same products asks Commerce
 * once per SKU instead of once per order line. Missing and disabled SKUs are asked again for every order, and
 * every run starts afresh.
 */
const usableSkus = new WeakMap<SyncContext, Set<string>>();

async function unknownSkus(ctx: SyncContext, skus: readonly string[]) {
  const missing: string[] = [];
  const disabled: string[] = [];
  let usable = usableSkus.get(ctx);
  if (!usable) {
    usable = new Set();
    usableSkus.set(ctx, usable);
  }
  for (const sku of new Set(skus)) {
    if (usable.has(sku)) {
      continue;
    }
    const product = await ctx.commerce.findProduct(sku);
    if (product && product.status !== 2) {
      usable.add(sku);
    }
    if (!product) {
      missing.push(sku);
    } else if (product.status === 2) {
      disabled.push(sku);
    }
  }
  return { missing, disabled };
}

/**
 * Orders that Amazon cancelled after their Commerce order was created: the Commerce order is cancelled, or —
 * when Commerce refuses (invoiced, shipped) — commented and flagged for the merchant. Found by query, not by the
 * change that revealed them, so a crash in between never loses one.
 */
export async function reconcileCancellations(ctx: SyncContext): Promise<number> {
  const { db } = ctx.database;
  const candidates = await db
    .select()
    .from(amazonOrders)
    .where(
      and(
        eq(amazonOrders.accountId, ctx.connection.account.id),
        eq(amazonOrders.importState, 'imported'),
        eq(amazonOrders.amazonStatus, 'Canceled'),
      ),
    );
  let handled = 0;
  for (const row of candidates) {
    if (row.commerceOrderId === null || (await commerceCancelDone(ctx, row))) {
      continue;
    }
    await cancelInCommerce(ctx, row, row.commerceOrderId, 'amazon');
    handled++;
  }
  return handled;
}
