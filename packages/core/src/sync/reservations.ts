import { adjustStock } from '@saleschannel/commerce';
import { type AmazonOrderRow, amazonOrderItems, amazonOrders, stockReservations } from '@saleschannel/db';
import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import type { SyncContext } from './context.js';

/**
 * "Pending Orders: Reserve Quantity": while an MFN order waits for Amazon to authorise payment, its quantity is
 * taken out of Commerce stock (the MSI source quantity, or the legacy stock item), so it cannot be sold twice.
 * It is given back when the order is created (its stock policy then applies), cancelled, or after the
 * reservation days. Commerce cannot make a stock change idempotent, so each step is ordered to err towards too
 * little stock rather than overselling: a reservation is marked applied only after the stock change, a release
 * is marked before it.
 */
export async function reserveQuantity(ctx: SyncContext, order: AmazonOrderRow): Promise<void> {
  const { db } = ctx.database;
  const items = await db.select().from(amazonOrderItems).where(eq(amazonOrderItems.orderId, order.id));
  const quantities = new Map<string, number>();
  for (const item of items) {
    if (item.sellerSku) {
      quantities.set(item.sellerSku, (quantities.get(item.sellerSku) ?? 0) + item.quantityOrdered);
    }
  }
  const expiresAt = new Date(ctx.now().getTime() + ctx.settings.reservationDays * 24 * 3600_000);
  for (const [sku, quantity] of quantities) {
    if (quantity > 0) {
      // One reservation per order and SKU, ever: a reservation that expired is not taken again.
      await db
        .insert(stockReservations)
        .values({ orderId: order.id, sku, quantity, expiresAt })
        .onConflictDoNothing();
    }
  }
  const pending = await db
    .select()
    .from(stockReservations)
    .where(
      and(
        eq(stockReservations.orderId, order.id),
        isNull(stockReservations.appliedAt),
        isNull(stockReservations.releasedAt),
      ),
    );
  for (const reservation of pending) {
    const change = await adjustStock(
      ctx.commerce,
      ctx.connection.commerce.inventoryMode,
      reservation.sku,
      -reservation.quantity,
      ctx.connection.commerce.msiSourceCode,
    );
    await db
      .update(stockReservations)
      .set({ appliedAt: ctx.now() })
      .where(eq(stockReservations.id, reservation.id));
    await recordEvent(db, order, {
      type: 'quantity_reserved',
      message: `Reserved ${reservation.quantity} × ${reservation.sku} in Commerce until ${reservation.expiresAt.toISOString()}`,
      data: { sku: reservation.sku, quantity: reservation.quantity, quantityAfter: change.quantityAfter },
    });
  }
}

/** Gives back an order's reserved quantities (created, cancelled, expired). */
export async function releaseQuantity(
  ctx: SyncContext,
  order: Pick<AmazonOrderRow, 'id' | 'accountId'>,
  reason: 'created' | 'cancelled' | 'expired' | 'skipped',
): Promise<number> {
  const { db } = ctx.database;
  const held = await db
    .select()
    .from(stockReservations)
    .where(
      and(
        eq(stockReservations.orderId, order.id),
        isNotNull(stockReservations.appliedAt),
        isNull(stockReservations.releasedAt),
      ),
    );
  for (const reservation of held) {
    const [claimed] = await db
      .update(stockReservations)
      .set({ releasedAt: ctx.now(), releaseReason: reason })
      .where(and(eq(stockReservations.id, reservation.id), isNull(stockReservations.releasedAt)))
      .returning();
    if (!claimed) {
      continue;
    }
    await adjustStock(
      ctx.commerce,
      ctx.connection.commerce.inventoryMode,
      reservation.sku,
      reservation.quantity,
      ctx.connection.commerce.msiSourceCode,
    );
    await recordEvent(db, order, {
      type: 'quantity_released',
      message: `Released the reserved ${reservation.quantity} × ${reservation.sku} (${reason})`,
      data: { sku: reservation.sku, quantity: reservation.quantity, reason },
    });
  }
  return held.length;
}

/** Releases the reservations of the account whose reservation days are over. */
export async function releaseExpiredReservations(ctx: SyncContext): Promise<number> {
  const { db } = ctx.database;
  const expired = await db
    .selectDistinct({ id: stockReservations.orderId, accountId: amazonOrders.accountId })
    .from(stockReservations)
    .innerJoin(amazonOrders, eq(amazonOrders.id, stockReservations.orderId))
    .where(
      and(
        eq(amazonOrders.accountId, ctx.connection.account.id),
        isNotNull(stockReservations.appliedAt),
        isNull(stockReservations.releasedAt),
        lte(stockReservations.expiresAt, ctx.now()),
      ),
    );
  let released = 0;
  for (const order of expired) {
    released += await releaseQuantity(ctx, order, 'expired');
  }
  return released;
}
