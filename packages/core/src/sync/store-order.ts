import {
  type AmazonOrderRow,
  amazonOrderItems,
  amazonOrders,
  type Cipher,
  type DbOrTx,
  type NewAmazonOrderRow,
} from '@saleschannel/db';
import type { AmazonOrder } from '@saleschannel/domain';
import { and, eq, sql } from 'drizzle-orm';
import { recordEvent, transitionImport } from '../orders/import-state.js';

/** The columns of an order line that a newer version of the order replaces. */
const UPDATED_LINE_COLUMNS = [
  'asin',
  'sellerSku',
  'title',
  'quantityOrdered',
  'quantityShipped',
  'currencyCode',
  'unitPrice',
  'lineTotal',
  'itemTax',
  'shippingPrice',
  'promotionDiscount',
  'shippingTax',
  'shippingDiscount',
  'giftWrapPrice',
  'giftWrapTax',
  'codFee',
  'codFeeTax',
  'codFeeDiscount',
] as const satisfies readonly (keyof typeof amazonOrderItems.$inferInsert)[];

/** The database's column name of a schema key (the schema is declared with snake_case casing). */
const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export type StoreResult =
  | { readonly change: 'created'; readonly row: AmazonOrderRow }
  | { readonly change: 'updated'; readonly row: AmazonOrderRow; readonly previousStatus: string }
  /** What we hold is as new or newer (an overlapping page, a duplicate notification). */
  | { readonly change: 'unchanged'; readonly row: AmazonOrderRow };

/** A problem with Amazon's data that makes the order impossible to create as it is. */
export interface MalformedOrder {
  readonly code: 'invalid_order';
  readonly reason: string;
}

function headerValues(
  order: AmazonOrder,
  cipher: Cipher,
  raw: unknown,
  sourceApi: 'v0' | '2026-01-01',
  marketplaceFallback: string,
) {
  const buyerItemCancel = order.items.find((item) => item.buyerCancelRequest);
  return {
    sellerOrderId: order.sellerOrderId,
    marketplaceId: order.marketplaceId ?? marketplaceFallback,
    purchaseDate: new Date(order.purchasedAt),
    lastUpdateDate: new Date(order.lastUpdatedAt),
    amazonStatus: order.status,
    // Amazon always says who fulfils an order it has accepted; when it does not, the seller does.
    fulfillmentChannel: order.fulfillmentChannel ?? 'MFN',
    salesChannel: order.salesChannel,
    shipServiceLevel: order.shipServiceLevel,
    isPrime: order.isPrime,
    isBusinessOrder: order.isBusinessOrder,
    isReplacementOrder: order.isReplacementOrder,
    buyerRequestedCancel: Boolean(buyerItemCancel),
    buyerCancelReason: buyerItemCancel?.buyerCancelRequest?.reason ?? null,
    earliestShipDate: order.earliestShipDate ? new Date(order.earliestShipDate) : null,
    latestShipDate: order.latestShipDate ? new Date(order.latestShipDate) : null,
    numberOfItemsShipped: order.items.reduce((n, item) => n + item.quantityShipped, 0),
    numberOfItemsUnshipped: order.items.reduce(
      (n, item) => n + item.quantityOrdered - item.quantityShipped,
      0,
    ),
    currencyCode:
      order.orderTotal?.currency ?? order.items.find((item) => item.unitPrice)?.unitPrice?.currency ?? null,
    orderTotal: order.orderTotal?.amount ?? null,
    shipCountryCode: order.shippingAddress?.countryCode ?? null,
    buyer: order.buyer ? cipher.encryptJson(order.buyer) : null,
    shippingAddress: order.shippingAddress ? cipher.encryptJson(order.shippingAddress) : null,
    buyerEmailHash: order.buyer?.email ? cipher.blindIndex(order.buyer.email) : null,
    buyerNameHash: order.buyer?.name ? cipher.blindIndex(order.buyer.name) : null,
    rawPayload: cipher.encryptJson(raw),
    sourceApi,
  } satisfies Partial<NewAmazonOrderRow>;
}

/**
 * Whether Amazon's version is no newer than the stored one. Amazon's last-updated time has whole seconds, so two
 * changes within one second (paid, then shipped) carry the same time: an equal time counts as "unchanged" only
 * when what saleschannel acts on is the same too — otherwise the second change would be ignored for good.
 */
function isNoNewer(existing: AmazonOrderRow, values: ReturnType<typeof headerValues>): boolean {
  const held = existing.lastUpdateDate.getTime();
  const got = values.lastUpdateDate.getTime();
  if (held !== got) {
    return held > got;
  }
  return (
    existing.amazonStatus === values.amazonStatus &&
    existing.fulfillmentChannel === values.fulfillmentChannel &&
    existing.numberOfItemsShipped === values.numberOfItemsShipped &&
    existing.numberOfItemsUnshipped === values.numberOfItemsUnshipped &&
    existing.buyerRequestedCancel === values.buyerRequestedCancel &&
    (existing.orderTotal === null) === (values.orderTotal === null)
  );
}

/**
 * Stores one Amazon order exactly once per (account, Amazon order id): new orders are inserted, newer versions
 * update the row and its lines, older or equal ones (overlapping pages, repeated notifications) change nothing.
 * Meant to run in the transaction that also advances the sync cursor.
 */
export async function storeAmazonOrder(
  tx: DbOrTx,
  cipher: Cipher,
  input: {
    readonly accountId: string;
    readonly marketplaceId: string;
    readonly order: AmazonOrder;
    readonly raw: unknown;
    readonly sourceApi: 'v0' | '2026-01-01';
    readonly malformed?: MalformedOrder;
    /** A new order is due for import from then (saves the sync an update per new order). */
    readonly dueAt?: Date;
  },
): Promise<StoreResult> {
  const { accountId, order } = input;
  const values = headerValues(order, cipher, input.raw, input.sourceApi, input.marketplaceId);
  const [existing] = await tx
    .select()
    .from(amazonOrders)
    .where(and(eq(amazonOrders.accountId, accountId), eq(amazonOrders.amazonOrderId, order.amazonOrderId)))
    .for('update');
  let row: AmazonOrderRow;
  let result: StoreResult;
  if (!existing) {
    const [inserted] = await tx
      .insert(amazonOrders)
      .values({
        accountId,
        amazonOrderId: order.amazonOrderId,
        ...values,
        ...(input.dueAt ? { nextAttemptAt: input.dueAt } : {}),
        ...(input.malformed
          ? {
              importState: 'error',
              importErrorCode: input.malformed.code,
              importError: input.malformed.reason,
              importAttempts: 1,
            }
          : {}),
      })
      // A concurrent store of the same order (a notification racing the poll) leaves one row: ours waits for it.
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      return storeAmazonOrder(tx, cipher, input);
    }
    row = inserted;
    result = { change: 'created', row };
    await recordEvent(tx, row, {
      type: 'received',
      level: input.malformed ? 'error' : 'info',
      message: input.malformed
        ? `Received from Amazon with a problem: ${input.malformed.reason}`
        : `Received from Amazon (${order.status}, ${values.fulfillmentChannel === 'AFN' ? 'fulfilled by Amazon' : 'fulfilled by the seller'})`,
      data: { amazonStatus: order.status, lastUpdatedAt: order.lastUpdatedAt },
    });
  } else if (isNoNewer(existing, values)) {
    return { change: 'unchanged', row: existing };
  } else {
    const [updated] = await tx
      .update(amazonOrders)
      .set({ ...values, version: sql`${amazonOrders.version} + 1` })
      .where(eq(amazonOrders.id, existing.id))
      .returning();
    if (!updated) {
      throw new Error(`order ${order.amazonOrderId} vanished while it was being updated`);
    }
    row = updated;
    result = { change: 'updated', row, previousStatus: existing.amazonStatus };
    if (existing.amazonStatus !== order.status) {
      await recordEvent(tx, row, {
        type: 'amazon_status_changed',
        message: `Amazon status ${existing.amazonStatus} → ${order.status}`,
        data: { from: existing.amazonStatus, to: order.status },
      });
    }
    if (existing.importErrorCode === 'invalid_order' && existing.importState === 'error') {
      // Amazon sent a newer version; whether it is still malformed decides again.
      row = input.malformed
        ? await transitionImport(
            tx,
            row,
            { to: 'error', code: input.malformed.code, reason: input.malformed.reason },
            {
              type: 'received',
              message: `Updated by Amazon, still with a problem: ${input.malformed.reason}`,
            },
          )
        : await transitionImport(
            tx,
            row,
            { to: 'pending', resetAttempts: true },
            {
              type: 'order_corrected',
              message: 'Amazon sent a valid version of the order; it will be imported',
            },
          );
      result = { change: 'updated', row, previousStatus: existing.amazonStatus };
    }
    if (!existing.buyerRequestedCancel && values.buyerRequestedCancel) {
      await recordEvent(tx, row, {
        type: 'buyer_cancel_requested',
        level: 'warning',
        message: `The buyer asked to cancel${values.buyerCancelReason ? `: ${values.buyerCancelReason}` : ''}`,
      });
    }
  }
  // Every line in one statement: an order has up to a few dozen, and a round trip each adds up over a backfill.
  const lines = order.items.map((item) => ({
    orderId: row.id,
    orderItemId: item.orderItemId,
    asin: item.asin ?? '',
    sellerSku: item.sellerSku,
    title: item.title,
    quantityOrdered: item.quantityOrdered,
    quantityShipped: Math.min(item.quantityShipped, item.quantityOrdered),
    currencyCode: item.unitPrice?.currency ?? item.lineTotal?.currency ?? null,
    unitPrice: item.unitPrice?.amount ?? null,
    lineTotal: item.lineTotal?.amount ?? null,
    itemTax: item.itemTax?.amount ?? '0',
    shippingPrice: item.shippingPrice?.amount ?? '0',
    promotionDiscount: item.promotionDiscount?.amount ?? '0',
    shippingTax: item.shippingTax?.amount ?? '0',
    shippingDiscount: item.shippingDiscount?.amount ?? '0',
    giftWrapPrice: item.giftWrapPrice?.amount ?? '0',
    giftWrapTax: item.giftWrapTax?.amount ?? '0',
    codFee: item.codFee?.amount ?? '0',
    codFeeTax: item.codFeeTax?.amount ?? '0',
    codFeeDiscount: item.codFeeDiscount?.amount ?? '0',
  }));
  if (lines.length > 0) {
    await tx
      .insert(amazonOrderItems)
      .values(lines)
      .onConflictDoUpdate({
        target: [amazonOrderItems.orderId, amazonOrderItems.orderItemId],
        set: Object.fromEntries(
          UPDATED_LINE_COLUMNS.map((key) => [key, sql.raw(`excluded.${snakeCase(key)}`)]),
        ),
      });
  }
  return result;
}
