import type { Order as CommerceOrder } from '@saleschannel/commerce';
import {
  type AmazonOrderItemRow,
  type AmazonOrderRow,
  amazonOrderItems,
  amazonOrders,
  type DbOrTx,
  outboundActions,
  syncCursors,
} from '@saleschannel/db';
import type { SyncStream } from '@saleschannel/domain';
import { and, eq, inArray } from 'drizzle-orm';
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

/** One kind of Commerce document that becomes outbound actions (shipments, credit memos). */
export interface DocumentStream<
  Doc extends { entity_id: number; updated_at?: string; created_at?: string },
  Prepared,
> {
  readonly stream: 'commerce_shipments' | 'commerce_credit_memos';
  /** Documents created or updated since a Commerce time. */
  fetch(since: string): Promise<Doc[]>;
  /** The idempotency key of a document's action. */
  key(accountId: string, documentId: number): string;
  /** What the action would be; undefined when the document asks nothing of Amazon. */
  prepare(resolver: ItemResolver, doc: Doc): Promise<Prepared | undefined>;
  /** Stores the action (and its events); false when it already existed. */
  store(tx: DbOrTx, prepared: Prepared): Promise<boolean>;
}

/**
 * Reads a stream's documents since its cursor and stores one action per new document. The actions and the cursor
 * are written in one transaction, so the cursor never passes a document whose action is not stored; the overlap
 * re-reads a little and the keys dedupe. Returns the number of new actions.
 */
export async function discoverDocuments<
  Doc extends { entity_id: number; updated_at?: string; created_at?: string },
  Prepared,
>(ctx: SyncContext, source: DocumentStream<Doc, Prepared>): Promise<number> {
  const { db } = ctx.database;
  const accountId = ctx.connection.account.id;
  const docs = await source.fetch(toCommerceTime(await streamStart(ctx, source.stream)));
  const keys = docs.map((doc) => source.key(accountId, doc.entity_id));
  const existing = new Set(
    keys.length === 0
      ? []
      : (
          await db
            .select({ key: outboundActions.idempotencyKey })
            .from(outboundActions)
            .where(
              and(eq(outboundActions.accountId, accountId), inArray(outboundActions.idempotencyKey, keys)),
            )
        ).map((row) => row.key),
  );
  const resolver = new ItemResolver(ctx);
  const prepared: Prepared[] = [];
  let newest: Date | null = null;
  for (const doc of docs) {
    const updated = fromCommerceTime(doc.updated_at ?? doc.created_at);
    if (updated && (!newest || updated > newest)) {
      newest = updated;
    }
    if (existing.has(source.key(accountId, doc.entity_id))) {
      continue;
    }
    const found = await source.prepare(resolver, doc);
    if (found) {
      prepared.push(found);
    }
  }
  let created = 0;
  await db.transaction(async (tx) => {
    for (const item of prepared) {
      if (await source.store(tx, item)) {
        created++;
      }
    }
    await advanceStream(tx, accountId, source.stream, newest, ctx.now());
  });
  return created;
}
