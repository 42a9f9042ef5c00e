import type { Order as CommerceOrder } from '@saleschannel/commerce';
import {
  type AmazonOrderItemRow,
  type AmazonOrderRow,
  amazonOrderItems,
  amazonOrders,
  type DbOrTx,
  syncCursors,
} from '@saleschannel/db';
import type { SyncStream } from '@saleschannel/domain';
import { and, eq } from 'drizzle-orm';
import type { SyncContext } from '../sync/context.js';

/** Commerce's searches compare `updated_at` to the second: re-read this much before the cursor; keys dedupe. */
export const COMMERCE_CURSOR_OVERLAP_MS = 5 * 60_000;
/** A new account's first look at Commerce documents reaches back this far before the account was created. */
export const COMMERCE_FIRST_LOOKBACK_MS = 24 * 60 * 60_000;

/** `YYYY-MM-DD HH:MM:SS` (UTC), the form Commerce stores and compares dates in. */
export function toCommerceTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function fromCommerceTime(value: string | undefined | null): Date | null {
  if (!value) {
    return null;
  }
  const date = new Date(`${value.trim().replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Where a Commerce document stream starts this run: the cursor less the overlap, or the first-run lookback. */
export async function streamStart(ctx: SyncContext, stream: SyncStream): Promise<Date> {
  const { db } = ctx.database;
  const accountId = ctx.connection.account.id;
  const [cursor] = await db
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, stream)));
  const base =
    cursor?.cursorAt?.getTime() ?? ctx.connection.account.createdAt.getTime() - COMMERCE_FIRST_LOOKBACK_MS;
  return new Date(base - COMMERCE_CURSOR_OVERLAP_MS);
}

/**
 * Advances a Commerce document stream's cursor to the newest `updated_at` seen (never backwards). Runs in the
 * transaction that stored the actions found, so the cursor never passes a document whose action is not stored.
 */
export async function advanceStream(
  tx: DbOrTx,
  accountId: string,
  stream: SyncStream,
  newest: Date | null,
  now: Date,
): Promise<void> {
  const [cursor] = await tx
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, stream)))
    .for('update');
  const cursorAt =
    newest && (!cursor?.cursorAt || newest.getTime() > cursor.cursorAt.getTime())
      ? newest
      : (cursor?.cursorAt ?? null);
  await tx
    .insert(syncCursors)
    .values({ accountId, stream, cursorAt, lastRunAt: now, lastSuccessAt: now, lastError: null })
    .onConflictDoUpdate({
      target: [syncCursors.accountId, syncCursors.stream],
      set: { cursorAt, lastRunAt: now, lastSuccessAt: now, lastError: null },
    });
}

/** The account's Amazon order linked to a Commerce order, if any. */
export async function orderForCommerceOrder(
  db: DbOrTx,
  accountId: string,
  commerceOrderId: number,
): Promise<AmazonOrderRow | undefined> {
  const [row] = await db
    .select()
    .from(amazonOrders)
    .where(and(eq(amazonOrders.accountId, accountId), eq(amazonOrders.commerceOrderId, commerceOrderId)));
  return row;
}

/**
 * Resolves Commerce order item ids to Amazon OrderItemIds: by the item's `ext_order_item_id` (written at import),
 * else by a SKU that appears on exactly one Amazon line of the order. Unresolved ids are left out of the map.
 */
export class ItemResolver {
  readonly #commerceOrders = new Map<number, Promise<CommerceOrder>>();

  constructor(private readonly ctx: SyncContext) {}

  async resolve(
    order: AmazonOrderRow,
    commerceItemIds: readonly number[],
  ): Promise<{ items: AmazonOrderItemRow[]; byCommerceItem: Map<number, AmazonOrderItemRow> }> {
    const { db } = this.ctx.database;
    const items = await db.select().from(amazonOrderItems).where(eq(amazonOrderItems.orderId, order.id));
    const byCommerceItem = new Map<number, AmazonOrderItemRow>();
    const unresolved = commerceItemIds.filter((id) => {
      const stored = items.find((item) => item.commerceOrderItemId === id);
      if (stored) {
        byCommerceItem.set(id, stored);
      }
      return !stored;
    });
    if (unresolved.length === 0 || order.commerceOrderId === null) {
      return { items, byCommerceItem };
    }
    const commerceOrderId = order.commerceOrderId;
    let pending = this.#commerceOrders.get(commerceOrderId);
    if (!pending) {
      pending = this.ctx.commerce.getOrder(commerceOrderId);
      this.#commerceOrders.set(commerceOrderId, pending);
      pending.catch(() => this.#commerceOrders.delete(commerceOrderId));
    }
    const commerceOrder = await pending;
    for (const id of unresolved) {
      const line = commerceOrder.items.find((item) => item.item_id === id);
      if (!line) {
        continue;
      }
      const byExt = line.ext_order_item_id
        ? items.find((item) => item.orderItemId === line.ext_order_item_id)
        : undefined;
      const bySku = items.filter((item) => item.sellerSku === line.sku);
      const match = byExt ?? (bySku.length === 1 ? bySku[0] : undefined);
      if (match) {
        byCommerceItem.set(id, match);
        if (match.commerceOrderItemId === null) {
          // Remembered, so the next document of this order needs no Commerce lookup.
          await db
            .update(amazonOrderItems)
            .set({ commerceOrderItemId: id })
            .where(eq(amazonOrderItems.id, match.id));
          match.commerceOrderItemId = id;
        }
      }
    }
    return { items, byCommerceItem };
  }
}
