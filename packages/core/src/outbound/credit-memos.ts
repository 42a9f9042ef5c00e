import type { CreditMemo } from '@saleschannel/commerce';
import { type AmazonOrderRow, type DbOrTx, orderEvents } from '@saleschannel/db';
import {
  type AmazonOrderStatus,
  amountFromCommerce,
  type CreditMemoLine,
  decideRefund,
  FULFILLMENT_STATUS_TO_ORDER_STATUS,
  type FulfillmentChannel,
  fromMinor,
  refundLines,
  toMinor,
} from '@saleschannel/domain';
import { and, eq, sql } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import type { SyncContext } from '../sync/context.js';
import { discoverDocuments, type ItemResolver, orderForCommerceOrder } from './common.js';
import { recordOutboundAction, transitionOutbound } from './state.js';

/**
 * The shipping discount a credit memo gives back: Commerce's discount total (stored negative on the memo) less the
 * discounts of its item rows. Never negative.
 */
function shippingDiscountOf(
  memoDiscount: number | string | null | undefined,
  lines: readonly CreditMemoLine[],
  currency: string,
): string {
  const total = toMinor(amountFromCommerce(memoDiscount, currency), currency);
  const items = lines.reduce((sum, line) => sum + toMinor(line.discount, currency), 0n);
  const shipping = (total < 0n ? -total : total) - items;
  return fromMinor(shipping > 0n ? shipping : 0n, currency);
}

/** Marketplaces whose prices exclude tax (sales tax added at checkout); elsewhere prices include VAT/GST. */
const TAX_EXCLUSIVE_COUNTRIES = new Set(['US', 'CA']);

/** The adjustment reason of a refund made from a Commerce credit memo. */
export const DEFAULT_ADJUSTMENT_REASON = 'CustomerReturn';
/** The cancel reason when a credit memo of an unshipped order becomes a cancellation. */
export const CREDIT_MEMO_CANCEL_REASON = 'GeneralAdjustment';

export function refundKey(accountId: string, creditMemoId: number): string {
  return `refund:${accountId}:${creditMemoId}`;
}

type Prepared =
  | {
      readonly kind: 'refund' | 'cancellation';
      readonly order: AmazonOrderRow;
      readonly memo: CreditMemo;
      readonly payload: Record<string, unknown>;
      readonly problem?: string;
      readonly message: string;
    }
  | {
      readonly kind: 'skip';
      readonly order: AmazonOrderRow;
      readonly memo: CreditMemo;
      readonly reason: string;
    };

async function prepare(
  ctx: SyncContext,
  resolver: ItemResolver,
  memo: CreditMemo,
): Promise<Prepared | undefined> {
  const order = await orderForCommerceOrder(ctx.database.db, ctx.connection.account.id, memo.order_id);
  if (!order) {
    return undefined;
  }
  const label = memo.increment_id ?? String(memo.entity_id);
  // Amazon's status now, not the stored one: a shipment confirmed minutes ago may not be imported back yet.
  const remote = await ctx.amazon.orders.getOrder(order.amazonOrderId, ['FULFILLMENT']);
  const liveStatus = FULFILLMENT_STATUS_TO_ORDER_STATUS[remote.fulfillment?.fulfillmentStatus ?? ''];
  const decision = decideRefund({
    amazonStatus: liveStatus ?? (order.amazonStatus as AmazonOrderStatus),
    fulfillmentChannel: order.fulfillmentChannel as FulfillmentChannel,
  });
  if (decision.action === 'skip') {
    return { kind: 'skip', order, memo, reason: decision.reason };
  }
  const currency = order.currencyCode ?? 'USD';
  const memoLines = (memo.items ?? []).filter((item) => Number(item.qty) > 0);
  const { items, byCommerceItem } = await resolver.resolve(
    order,
    memoLines.map((line) => line.order_item_id),
  );
  const problems: string[] = [];
  const lines: CreditMemoLine[] = [];
  for (const line of memoLines) {
    const amazonItem = byCommerceItem.get(line.order_item_id);
    if (!amazonItem) {
      problems.push(
        `item ${line.sku ?? line.order_item_id} is not a line of Amazon order ${order.amazonOrderId}`,
      );
      continue;
    }
    const qty = Number(line.qty);
    const rowTotal =
      line.row_total !== undefined
        ? amountFromCommerce(line.row_total, currency)
        : fromMinor(toMinor(amountFromCommerce(line.price ?? 0, currency), currency) * BigInt(qty), currency);
    lines.push({
      orderItemId: amazonItem.orderItemId,
      qty,
      rowTotal,
      tax: amountFromCommerce(line.tax_amount, currency),
      discount: amountFromCommerce(line.discount_amount, currency),
    });
  }
  const base = {
    commerceCreditMemoId: memo.entity_id,
    commerceCreditMemoIncrementId: memo.increment_id ?? null,
    commerceOrderId: memo.order_id,
    currency,
  };
  if (decision.action === 'cancel') {
    // Amazon charges a seller-fulfilled order when it ships: refunding it unshipped means cancelling the lines.
    for (const line of lines) {
      const item = items.find((candidate) => candidate.orderItemId === line.orderItemId);
      if (item && line.qty < item.quantityOrdered) {
        problems.push(
          `item ${item.sellerSku ?? item.orderItemId} is refunded ${line.qty} of ${item.quantityOrdered}: Amazon cancels whole lines of an unshipped order only`,
        );
      }
    }
    if (lines.length === 0 && problems.length === 0) {
      problems.push('the credit memo refunds no items, and an unshipped order can only be cancelled by item');
    }
    const itemCodes = [...new Set(lines.map((line) => line.orderItemId))];
    return {
      kind: 'cancellation',
      order,
      memo,
      payload: { ...base, source: 'credit_memo', reason: CREDIT_MEMO_CANCEL_REASON, itemCodes },
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
      message: `Commerce credit memo ${label} of an unshipped order: ${itemCodes.length === items.length ? 'the order' : `${itemCodes.length} item(s)`} queued for cancellation on Amazon`,
    };
  }
  const notSent: Record<string, string> = {};
  for (const [name, value] of [
    ['adjustmentRefund', memo.adjustment_positive],
    ['adjustmentFee', memo.adjustment_negative],
  ] as const) {
    const amount = amountFromCommerce(value, currency);
    if (toMinor(amount, currency) !== 0n) {
      notSent[name] = amount;
    }
  }
  let refund: ReturnType<typeof refundLines> = [];
  if (problems.length === 0) {
    try {
      refund = refundLines({
        currency,
        pricesIncludeTax: !TAX_EXCLUSIVE_COUNTRIES.has(ctx.marketplaceCountry),
        lines,
        shipping: amountFromCommerce(memo.shipping_amount, currency),
        shippingTax: amountFromCommerce(memo.shipping_tax_amount, currency),
        shippingDiscount: shippingDiscountOf(memo.discount_amount, lines, currency),
        orderLines: items.map((item) => ({
          orderItemId: item.orderItemId,
          shippingPrice: item.shippingPrice,
          shippingTax: item.shippingTax,
          shippingDiscount: item.shippingDiscount,
          codFee: item.codFee,
          codFeeTax: item.codFeeTax,
          codFeeDiscount: item.codFeeDiscount,
        })),
      });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const total = refund
    .flatMap((line) => line.components)
    .reduce((sum, c) => sum + toMinor(c.amount, currency), 0n);
  const adjustments = Object.entries(notSent)
    .map(
      ([name, amount]) => `${name === 'adjustmentRefund' ? 'adjustment refund' : 'adjustment fee'} ${amount}`,
    )
    .join(', ');
  return {
    kind: 'refund',
    order,
    memo,
    payload: {
      ...base,
      adjustmentReason: DEFAULT_ADJUSTMENT_REASON,
      items: refund,
      total: fromMinor(total, currency),
      ...(Object.keys(notSent).length > 0 ? { notSent } : {}),
    },
    ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
    message: `Commerce credit memo ${label}: refund of ${fromMinor(total, currency)} ${currency} queued for Amazon${
      adjustments
        ? ` (not sent to Amazon: ${adjustments}; settle it in Seller Central if the buyer should get it)`
        : ''
    }`,
  };
}

async function store(tx: DbOrTx, ctx: SyncContext, prepared: Prepared): Promise<boolean> {
  const accountId = ctx.connection.account.id;
  const { order, memo } = prepared;
  const label = memo.increment_id ?? String(memo.entity_id);
  if (prepared.kind === 'skip') {
    // Recorded once per credit memo, however often the overlap re-reads it.
    const seen = await tx
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.orderId, order.id),
          eq(orderEvents.type, 'credit_memo_not_sent'),
          sql`${orderEvents.data}->>'commerceCreditMemoId' = ${String(memo.entity_id)}`,
        ),
      )
      .limit(1);
    if (seen.length === 0) {
      await recordEvent(tx, order, {
        type: 'credit_memo_not_sent',
        level: 'warning',
        message: `Commerce credit memo ${label} was not sent to Amazon: ${prepared.reason}`,
        data: { commerceCreditMemoId: String(memo.entity_id) },
      });
    }
    return false;
  }
  const { action, created } = await recordOutboundAction(
    tx,
    {
      orderId: order.id,
      accountId,
      kind: prepared.kind,
      idempotencyKey: refundKey(accountId, memo.entity_id),
      payload: prepared.payload,
    },
    {
      type: prepared.kind === 'refund' ? 'refund_queued' : 'cancel_queued',
      level: prepared.payload.notSent ? 'warning' : 'info',
      message: prepared.message,
      data: { commerceCreditMemoId: memo.entity_id },
    },
    ctx.now(),
  );
  if (created && prepared.problem) {
    await transitionOutbound(
      tx,
      action,
      { to: 'failed', error: prepared.problem },
      {
        type: prepared.kind === 'refund' ? 'refund_failed' : 'cancel_failed',
        message: `Commerce credit memo ${label} cannot be sent to Amazon: ${prepared.problem}`,
      },
      ctx.now(),
    );
  }
  return created;
}

/**
 * Finds Commerce credit memos created or updated since the account's `commerce_credit_memos` cursor and stores
 * one action per credit memo (key `refund:<account>:<credit memo>`): a refund (POST_PAYMENT_ADJUSTMENT_DATA) for
 * a shipped order, a cancellation of the refunded lines for an unshipped seller-fulfilled one, or — when Amazon
 * charged nothing — only a timeline note. Actions and cursor are written in one transaction.
 */
export function discoverCreditMemos(ctx: SyncContext): Promise<number> {
  return discoverDocuments(ctx, {
    stream: 'commerce_credit_memos',
    fetch: (since) => ctx.commerce.creditMemosUpdatedSince(since),
    key: refundKey,
    prepare: (resolver, memo) => prepare(ctx, resolver, memo),
    store: (tx, prepared) => store(tx, ctx, prepared),
  });
}
