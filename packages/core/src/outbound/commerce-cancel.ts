import { type OutboundActionRow, orderEvents, outboundActions } from '@saleschannel/db';
import { and, eq, notExists, sql } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import type { SyncContext } from '../sync/context.js';
import type { CancellationPayload } from './feed-actions.js';
import { checkpoint, type OutboundOptions, orderOf } from './step-support.js';

/**
 * Once Amazon confirms a cancellation the merchant asked for, the Commerce order is cancelled — or, when Commerce
 * refuses (invoiced, shipped), commented and flagged. Recorded with the same event the Amazon-side cancellation
 * sync writes, so the order is cancelled in Commerce once whichever notices first.
 */
export async function completeRequestedCancellation(
  ctx: SyncContext,
  action: OutboundActionRow,
  options: OutboundOptions,
): Promise<void> {
  const payload = action.payload as unknown as CancellationPayload;
  if (action.kind !== 'cancellation' || action.state !== 'confirmed' || payload.source !== 'request') {
    return;
  }
  await checkpoint(options, 'cancel:before-commerce', action);
  const { db } = ctx.database;
  const order = await orderOf(ctx, action);
  const done = await db
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'commerce_cancel_done')))
    .limit(1);
  if (done.length > 0) {
    return;
  }
  if (order.commerceOrderId === null) {
    await recordEvent(db, order, {
      type: 'commerce_cancel_done',
      message: 'Cancelled on Amazon; there is no Commerce order to cancel',
    });
    return;
  }
  const commerceOrder = await ctx.commerce.getOrder(order.commerceOrderId);
  if (commerceOrder.state === 'canceled') {
    await recordEvent(db, order, {
      type: 'commerce_cancel_done',
      message: `Commerce order ${order.commerceIncrementId} is cancelled, as on Amazon`,
    });
    return;
  }
  const { canceled } = await ctx.flow.cancel(order.commerceOrderId);
  if (canceled) {
    await recordEvent(db, order, {
      type: 'commerce_cancel_done',
      message: `Cancelled on Amazon at the merchant's request: Commerce order ${order.commerceIncrementId} cancelled`,
    });
    return;
  }
  await ctx.commerce.addOrderComment(order.commerceOrderId, {
    comment:
      'This order was cancelled on Amazon at your request, but Commerce refused to cancel it (it is invoiced or shipped). Please review it.',
  });
  await recordEvent(db, order, {
    type: 'commerce_cancel_done',
    level: 'warning',
    message: `Cancelled on Amazon, but Commerce refused to cancel order ${order.commerceIncrementId}: commented there for review`,
    data: { refused: true },
  });
}

/** Requested cancellations Amazon confirmed whose Commerce order is not dealt with yet (a crash in between). */
export async function unfinishedCancellations(ctx: SyncContext): Promise<OutboundActionRow[]> {
  return ctx.database.db
    .select()
    .from(outboundActions)
    .where(
      and(
        eq(outboundActions.accountId, ctx.connection.account.id),
        eq(outboundActions.kind, 'cancellation'),
        eq(outboundActions.state, 'confirmed'),
        sql`${outboundActions.payload}->>'source' = 'request'`,
        notExists(
          ctx.database.db
            .select({ id: orderEvents.id })
            .from(orderEvents)
            .where(
              and(
                eq(orderEvents.orderId, outboundActions.orderId),
                eq(orderEvents.type, 'commerce_cancel_done'),
              ),
            ),
        ),
      ),
    );
}
