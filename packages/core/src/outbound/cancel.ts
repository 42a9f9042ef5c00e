import { CANCEL_REASONS, type CancelReason } from '@saleschannel/amazon';
import { amazonOrderItems, amazonOrders, type OutboundActionRow, outboundActions } from '@saleschannel/db';
import {
  type AmazonOrderStatus,
  decideCancel,
  type FulfillmentChannel,
  type OutboundActionState,
  outboundLifecycle,
} from '@saleschannel/domain';
import { and, eq, inArray, or } from 'drizzle-orm';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { recordOutboundAction, transitionOutbound } from './state.js';

export { CANCEL_REASONS, type CancelReason };

export function cancelKey(orderId: string): string {
  return `cancel:${orderId}`;
}

/**
 * "Cancel on Amazon" for an order (its saleschannel id, or its Amazon order id): allowed for an Unshipped order
 * the seller fulfils, refused with a {@link NotAllowedError} for a shipped, cancelled, pending or FBA order.
 * Records the cancellation as an outbound action (`cancel:<order id>`); a repeated request returns the same
 * action (a failed one is queued again, with the reason now given). The account's next sync sends
 * POST_ORDER_ACKNOWLEDGEMENT_DATA with the reason, polls the feed, and once Amazon confirms cancels the Commerce
 * order (or comments and flags it when Commerce refuses).
 */
export async function cancelOrder(
  runtime: Runtime,
  orderId: string,
  reason: string,
  requestedBy: string,
): Promise<OutboundActionRow> {
  if (!(CANCEL_REASONS as readonly string[]).includes(reason)) {
    throw new InvalidInputError('Cannot cancel the order', [
      { field: 'reason', message: `must be one of Amazon's cancel reasons: ${CANCEL_REASONS.join(', ')}` },
    ]);
  }
  const { db } = runtime.database;
  const [order] = await db
    .select()
    .from(amazonOrders)
    .where(or(eq(amazonOrders.id, orderId), eq(amazonOrders.amazonOrderId, orderId)))
    .limit(2);
  if (!order) {
    throw new NotFoundError('Order', orderId);
  }
  const key = cancelKey(order.id);
  const [existing] = await db.select().from(outboundActions).where(eq(outboundActions.idempotencyKey, key));
  if (existing && existing.state !== 'failed') {
    return existing;
  }
  const items = await db.select().from(amazonOrderItems).where(eq(amazonOrderItems.orderId, order.id));
  const decision = decideCancel({
    amazonOrderId: order.amazonOrderId,
    amazonStatus: order.amazonStatus as AmazonOrderStatus,
    fulfillmentChannel: order.fulfillmentChannel as FulfillmentChannel,
    itemsShipped: items.reduce((n, item) => n + item.quantityShipped, 0),
  });
  if (!decision.allowed) {
    throw new NotAllowedError(`Cannot cancel on Amazon: ${decision.reason}`);
  }
  const shipping = await db
    .select({ id: outboundActions.id })
    .from(outboundActions)
    .where(
      and(
        eq(outboundActions.orderId, order.id),
        eq(outboundActions.kind, 'shipment_confirmation'),
        inArray(outboundActions.state, ['pending', 'submitted', 'confirmed']),
      ),
    )
    .limit(1);
  if (shipping.length > 0) {
    throw new NotAllowedError(
      `Cannot cancel on Amazon: order ${order.amazonOrderId} has been shipped in Commerce; refund it with a credit memo instead`,
    );
  }
  if (items.length === 0) {
    throw new NotAllowedError(`Cannot cancel on Amazon: order ${order.amazonOrderId} has no items`);
  }
  const payload = {
    source: 'request',
    reason,
    requestedBy,
    itemCodes: items.map((item) => item.orderItemId).sort(),
  };
  return db.transaction(async (tx) => {
    if (existing) {
      // A failed cancellation asked for again: the same action, queued again with the reason now chosen.
      outboundLifecycle.assertTransition(existing.state as OutboundActionState, 'pending');
      await tx.update(outboundActions).set({ payload }).where(eq(outboundActions.id, existing.id));
      return transitionOutbound(
        tx,
        existing,
        { to: 'pending' },
        {
          type: 'cancel_requested',
          message: `Cancellation on Amazon requested again by ${requestedBy} (${reason})`,
          data: { requestedBy, reason },
        },
      );
    }
    const { action } = await recordOutboundAction(
      tx,
      { orderId: order.id, accountId: order.accountId, kind: 'cancellation', idempotencyKey: key, payload },
      {
        type: 'cancel_requested',
        message: `Cancellation on Amazon requested by ${requestedBy} (${reason})`,
        data: { requestedBy, reason },
      },
    );
    return action;
  });
}

/** "Retry" on a failed outbound action: it goes back to pending, due now; the next sync sends it again. */
export async function retryOutboundAction(
  runtime: Runtime,
  actionId: string,
  requestedBy: string,
): Promise<OutboundActionRow> {
  const { db } = runtime.database;
  const [action] = await db.select().from(outboundActions).where(eq(outboundActions.id, actionId));
  if (!action) {
    throw new NotFoundError('Outbound action', actionId);
  }
  if (!outboundLifecycle.canTransition(action.state as OutboundActionState, 'pending')) {
    throw new NotAllowedError(`the action is ${action.state}: only failed actions can be retried`);
  }
  return transitionOutbound(
    db,
    action,
    { to: 'pending' },
    { type: 'outbound_retry_requested', message: `Retry requested by ${requestedBy}`, data: { requestedBy } },
  );
}
