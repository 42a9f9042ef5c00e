import { type OutboundActionRow, outboundActions } from '@saleschannel/db';
import { eq, sql } from 'drizzle-orm';
import type { SyncContext } from '../sync/context.js';
import type { ShipmentPayload } from './shipments.js';
import { confirmAlreadyOnAmazon, transitionOutbound } from './state.js';
import {
  amazonFailure,
  checkpoint,
  type OutboundOptions,
  type OutboundReport,
  orderOf,
  reload,
} from './step-support.js';

/**
 * One step of a shipment confirmation: Amazon is asked first whether it has the package (then the action is
 * confirmed without sending), then confirmShipment is called with the same packageReferenceId every time.
 */
export async function processShipment(
  ctx: SyncContext,
  action: OutboundActionRow,
  options: OutboundOptions,
  report: OutboundReport,
): Promise<void> {
  const { db } = ctx.database;
  const payload = action.payload as unknown as ShipmentPayload;
  const order = await orderOf(ctx, action);
  const label = `shipment ${payload.commerceShipmentIncrementId ?? payload.commerceShipmentId}`;
  // Look at Amazon first, every time: a package it already has is never confirmed again.
  let remote: Awaited<ReturnType<typeof ctx.amazon.orders.getOrder>>;
  try {
    remote = await ctx.amazon.orders.getOrder(order.amazonOrderId, ['PACKAGES', 'FULFILLMENT']);
  } catch (error) {
    return amazonFailure(
      ctx,
      action,
      error,
      `Reading order ${order.amazonOrderId} on Amazon`,
      'shipment_failed',
      report,
    );
  }
  const known = (remote.packages ?? []).some(
    (p) => String(p.packageReferenceId) === payload.packageReferenceId,
  );
  let current = action;
  if (known) {
    await confirmAlreadyOnAmazon(
      db,
      current,
      'shipment',
      {
        submitted: `Amazon already has package ${payload.packageReferenceId} of ${label}`,
        confirmed: `Amazon shows ${label} shipped (package ${payload.packageReferenceId}); it was not sent again`,
      },
      ctx.now(),
    );
    report.confirmed++;
    return;
  }
  if (remote.fulfillment?.fulfillmentStatus === 'CANCELLED') {
    await transitionOutbound(
      db,
      current,
      { to: 'failed', error: `order ${order.amazonOrderId} is cancelled on Amazon` },
      { type: 'shipment_failed', message: `${label} not confirmed: the order is cancelled on Amazon` },
      ctx.now(),
    );
    report.failed++;
    return;
  }
  if (current.state === 'pending') {
    current = await transitionOutbound(
      db,
      current,
      { to: 'submitted' },
      {
        type: 'shipment_submitted',
        message: `Confirming ${label} on Amazon: ${payload.carrierName ?? payload.carrierCode} ${payload.trackingNumber}, ${payload.items.length} item(s)`,
      },
      ctx.now(),
    );
    report.submitted++;
  } else {
    // Submitted before, and Amazon does not have the package: the call never arrived. Send it again.
    await db
      .update(outboundActions)
      .set({ attempts: sql`${outboundActions.attempts} + 1` })
      .where(eq(outboundActions.id, current.id));
    current = await reload(ctx, current.id);
  }
  await checkpoint(options, 'shipment:before-send', current);
  try {
    await ctx.amazon.ordersV0.confirmShipment(order.amazonOrderId, {
      marketplaceId: order.marketplaceId,
      packageDetail: {
        packageReferenceId: payload.packageReferenceId,
        carrierCode: payload.carrierCode,
        ...(payload.carrierName ? { carrierName: payload.carrierName } : {}),
        trackingNumber: payload.trackingNumber,
        shipDate: payload.shipDate,
        orderItems: payload.items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
      },
    });
  } catch (error) {
    return amazonFailure(ctx, current, error, `Confirming ${label} on Amazon`, 'shipment_failed', report);
  }
  await checkpoint(options, 'shipment:after-send', current);
  await transitionOutbound(
    db,
    current,
    { to: 'confirmed' },
    {
      type: 'shipment_confirmed',
      message: `Amazon confirmed ${label}: ${payload.items.map((i) => `${i.quantity} × ${i.sku ?? i.orderItemId}`).join(', ')}`,
    },
    ctx.now(),
  );
  report.confirmed++;
}
