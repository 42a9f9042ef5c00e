import { CommerceBadRequestError, CommerceError, OrderTotalsMismatchError } from '@saleschannel/commerce';
import { type AmazonOrderRow, amazonOrderItems, amazonOrders, orderEvents } from '@saleschannel/db';
import {
  type AmazonAddress,
  type AmazonBuyer,
  type AmazonOrderStatus,
  decideImport,
  type FulfillmentChannel,
} from '@saleschannel/domain';
import { and, asc, eq } from 'drizzle-orm';
import { recordEvent, transitionImport } from '../orders/import-state.js';
import type { SyncContext } from './context.js';
import { StoreViewError } from './context.js';
import { OrderDataError, toImportOrderInput } from './mapping.js';

export type ProcessOutcome = 'imported' | 'skipped' | 'waiting' | 'error';

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
    await transitionImport(db, row, { to: 'skipped' }, { type: 'skipped', message: decision.reason });
    return 'skipped';
  }
  if (decision.action === 'wait') {
    // Nothing to do until Amazon changes the order; storing the change makes it due again.
    await db.update(amazonOrders).set({ nextAttemptAt: null }).where(eq(amazonOrders.id, row.id));
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
    const input = toImportOrderInput(
      {
        row,
        items,
        buyer: row.buyer ? cipher.decryptJson<AmazonBuyer>(row.buyer) : null,
        shippingAddress: row.shippingAddress ? cipher.decryptJson<AmazonAddress>(row.shippingAddress) : null,
      },
      {
        settings: ctx.settings,
        storeId: await ctx.storeId(),
        marketplaceCountry: ctx.marketplaceCountry,
        shipped: decision.shipped,
      },
    );
    const result = await ctx.flow.importOrder(input);
    const order = result.order;
    if (order.entity_id === undefined || order.increment_id === undefined) {
      throw new ImportProblem('commerce_answer', 'Commerce answered without the new order id');
    }
    if (decision.shipped) {
      await completeShippedOrder(ctx, order.entity_id);
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
    return 'imported';
  } catch (error) {
    return await recordFailure(ctx, row, error);
  }
}

/** The order goes to `error` with the reason (a bug is thrown on). */
async function recordFailure(ctx: SyncContext, row: AmazonOrderRow, error: unknown): Promise<'error'> {
  const problem = classify(error);
  ctx.logger.warn(
    { order: row.amazonOrderId, code: problem.code, err: problem.message },
    'order not imported',
  );
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

async function unknownSkus(ctx: SyncContext, skus: readonly string[]) {
  const missing: string[] = [];
  const disabled: string[] = [];
  for (const sku of new Set(skus)) {
    const product = await ctx.commerce.findProduct(sku);
    if (!product) {
      missing.push(sku);
    } else if (product.status === 2) {
      disabled.push(sku);
    }
  }
  return { missing, disabled };
}

/** An order Amazon already shipped (FBA) is invoiced and shipped in Commerce, so it is complete there too. */
async function completeShippedOrder(ctx: SyncContext, commerceOrderId: number): Promise<void> {
  const order = await ctx.commerce.getOrder(commerceOrderId);
  if (order.state === 'complete' || order.state === 'closed') {
    return;
  }
  if (!order.total_invoiced) {
    await ctx.commerce.invoiceOrder(commerceOrderId, { capture: false });
  }
  const shipped = (order.items ?? []).some((item) => (item.qty_shipped ?? 0) > 0);
  if (!shipped) {
    await ctx.commerce.shipOrder(commerceOrderId, {});
  }
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
    const done = await db
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, row.id), eq(orderEvents.type, 'commerce_cancel_done')))
      .limit(1);
    if (done.length > 0 || row.commerceOrderId === null) {
      continue;
    }
    const order = await ctx.commerce.getOrder(row.commerceOrderId);
    if (order.state === 'canceled') {
      await recordEvent(db, row, {
        type: 'commerce_cancel_done',
        message: `Commerce order ${row.commerceIncrementId} is cancelled, as on Amazon`,
      });
    } else {
      const { canceled } = await ctx.flow.cancel(row.commerceOrderId);
      if (canceled) {
        await recordEvent(db, row, {
          type: 'commerce_cancel_done',
          message: `Cancelled on Amazon: Commerce order ${row.commerceIncrementId} cancelled`,
        });
      } else {
        await ctx.commerce.addOrderComment(row.commerceOrderId, {
          comment:
            'This order was cancelled on Amazon, but Commerce refused to cancel it (it is invoiced or shipped). Please review it.',
        });
        await recordEvent(db, row, {
          type: 'commerce_cancel_done',
          level: 'warning',
          message: `Cancelled on Amazon, but Commerce refused to cancel order ${row.commerceIncrementId}: commented there for review`,
          data: { refused: true },
        });
      }
    }
    handled++;
  }
  return handled;
}
