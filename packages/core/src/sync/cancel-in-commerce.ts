import { type AmazonOrderRow, orderEvents } from '@saleschannel/db';
import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import type { SyncContext } from './context.js';

/** Whether the order's Commerce side of an Amazon cancellation is dealt with (the `commerce_cancel_done` event). */
export async function commerceCancelDone(ctx: SyncContext, order: AmazonOrderRow): Promise<boolean> {
  const done = await ctx.database.db
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'commerce_cancel_done')))
    .limit(1);
  return done.length > 0;
}

/**
 * The Commerce side of an order cancelled on Amazon — by Amazon or the buyer (`amazon`), or at the merchant's
 * request (`request`): the Commerce order is cancelled, or — when Commerce refuses (invoiced, shipped) —
 * commented there and flagged in the timeline. Ends with the `commerce_cancel_done` event either way.
 */
export async function cancelInCommerce(
  ctx: SyncContext,
  order: AmazonOrderRow,
  commerceOrderId: number,
  cause: 'amazon' | 'request',
): Promise<void> {
  const { db } = ctx.database;
  const onAmazon =
    cause === 'request' ? "Cancelled on Amazon at the merchant's request" : 'Cancelled on Amazon';
  const current = await ctx.commerce.getOrder(commerceOrderId);
  if (current.state === 'canceled') {
    await recordEvent(db, order, {
      type: 'commerce_cancel_done',
      message: `Commerce order ${order.commerceIncrementId} is cancelled, as on Amazon`,
    });
    return;
  }
  const { canceled } = await ctx.flow.cancel(commerceOrderId);
  if (canceled) {
    await recordEvent(db, order, {
      type: 'commerce_cancel_done',
      message: `${onAmazon}: Commerce order ${order.commerceIncrementId} cancelled`,
    });
    return;
  }
  await ctx.commerce.addOrderComment(commerceOrderId, {
    comment: `This order was cancelled on Amazon${cause === 'request' ? ' at your request' : ''}, but Commerce refused to cancel it (it is invoiced or shipped). Please review it.`,
  });
  await recordEvent(db, order, {
    type: 'commerce_cancel_done',
    level: 'warning',
    message: `Cancelled on Amazon, but Commerce refused to cancel order ${order.commerceIncrementId}: commented there for review`,
    data: { refused: true },
  });
}
