import { type OutboundActionRow, orderEvents, outboundActions } from '@saleschannel/db';
import { and, eq, notExists, sql } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import { cancelInCommerce, commerceCancelDone } from '../sync/cancel-in-commerce.js';
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
  const order = await orderOf(ctx, action);
  if (await commerceCancelDone(ctx, order)) {
    return;
  }
  if (order.commerceOrderId === null) {
    await recordEvent(ctx.database.db, order, {
      type: 'commerce_cancel_done',
      message: 'Cancelled on Amazon; there is no Commerce order to cancel',
    });
    return;
  }
  await cancelInCommerce(ctx, order, order.commerceOrderId, 'request');
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
