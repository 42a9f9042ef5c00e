import {
  type AmazonOrderRow,
  amazonOrderItems,
  amazonOrders,
  type Cipher,
  type DbOrTx,
  orderEvents,
  outboundActions,
} from '@saleschannel/db';
import { AMAZON_ORDER_STATUSES, FULFILLMENT_CHANNELS, IMPORT_STATES } from '@saleschannel/domain';
import { and, asc, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../errors.js';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount such as 12.50');

/** The filters of the all-orders grid and the API's order list. */
export const OrderListQuery = z
  .object({
    accountId: z.string().min(1).optional(),
    importState: z.enum(IMPORT_STATES).optional(),
    amazonStatus: z.enum(AMAZON_ORDER_STATUSES).optional(),
    fulfillmentChannel: z.enum(FULFILLMENT_CHANNELS).optional(),
    purchasedFrom: z.coerce.date().optional(),
    purchasedTo: z.coerce.date().optional(),
    totalMin: decimal.optional(),
    totalMax: decimal.optional(),
    /** An Amazon order id, a Commerce order number, or a buyer's exact email or name. */
    search: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().optional(),
  })
  .strict();
export type OrderListQuery = z.input<typeof OrderListQuery>;

export interface OrderListRow {
  readonly id: string;
  readonly accountId: string;
  readonly amazonOrderId: string;
  readonly purchaseDate: Date;
  readonly amazonStatus: string;
  readonly fulfillmentChannel: string;
  readonly buyerName: string | null;
  readonly orderTotal: string | null;
  readonly currencyCode: string | null;
  readonly importState: string;
  readonly importError: string | null;
  readonly commerceIncrementId: string | null;
  readonly isPrime: boolean;
  readonly isBusinessOrder: boolean;
  readonly buyerRequestedCancel: boolean;
  readonly latestShipDate: Date | null;
}

interface Cursor {
  readonly purchaseDate: string;
  readonly id: string;
}

const encodeCursor = (row: Pick<AmazonOrderRow, 'purchaseDate' | 'id'>) =>
  Buffer.from(JSON.stringify({ purchaseDate: row.purchaseDate.toISOString(), id: row.id })).toString(
    'base64url',
  );

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.id === 'string' && !Number.isNaN(Date.parse(value.purchaseDate))) {
      return value;
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('invalid order list query', [
    { field: 'cursor', message: 'not a cursor of this list' },
  ]);
}

function buyerName(cipher: Cipher, buyer: string | null): string | null {
  if (!buyer) {
    return null;
  }
  const value = cipher.decryptJson<{ name?: string | null }>(buyer);
  return value.name ?? null;
}

/**
 * One page of orders, newest purchase first, with keyset pagination (stable while new orders arrive, and as fast
 * on page 1,000 as on page 1). Buyer names are decrypted for the page only.
 */
export async function listOrders(
  db: DbOrTx,
  cipher: Cipher,
  query: OrderListQuery,
): Promise<{ orders: OrderListRow[]; nextCursor: string | null }> {
  const parsed = OrderListQuery.safeParse(query);
  if (!parsed.success) {
    throw new InvalidInputError(
      'invalid order list query',
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  }
  const q = parsed.data;
  const where: (SQL | undefined)[] = [
    q.accountId ? eq(amazonOrders.accountId, q.accountId) : undefined,
    q.importState ? eq(amazonOrders.importState, q.importState) : undefined,
    q.amazonStatus ? eq(amazonOrders.amazonStatus, q.amazonStatus) : undefined,
    q.fulfillmentChannel ? eq(amazonOrders.fulfillmentChannel, q.fulfillmentChannel) : undefined,
    q.purchasedFrom ? gte(amazonOrders.purchaseDate, q.purchasedFrom) : undefined,
    q.purchasedTo ? lte(amazonOrders.purchaseDate, q.purchasedTo) : undefined,
    q.totalMin ? gte(amazonOrders.orderTotal, q.totalMin) : undefined,
    q.totalMax ? lte(amazonOrders.orderTotal, q.totalMax) : undefined,
  ];
  if (q.search) {
    const hash = cipher.blindIndex(q.search);
    where.push(
      or(
        eq(amazonOrders.amazonOrderId, q.search),
        eq(amazonOrders.sellerOrderId, q.search),
        eq(amazonOrders.commerceIncrementId, q.search),
        eq(amazonOrders.buyerEmailHash, hash),
        eq(amazonOrders.buyerNameHash, hash),
      ),
    );
  }
  if (q.cursor) {
    const cursor = decodeCursor(q.cursor);
    const at = new Date(cursor.purchaseDate);
    where.push(
      or(
        lt(amazonOrders.purchaseDate, at),
        and(eq(amazonOrders.purchaseDate, at), lt(amazonOrders.id, cursor.id)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(amazonOrders)
    .where(and(...where))
    .orderBy(desc(amazonOrders.purchaseDate), desc(amazonOrders.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    orders: page.map((row) => ({
      id: row.id,
      accountId: row.accountId,
      amazonOrderId: row.amazonOrderId,
      purchaseDate: row.purchaseDate,
      amazonStatus: row.amazonStatus,
      fulfillmentChannel: row.fulfillmentChannel,
      buyerName: buyerName(cipher, row.buyer),
      orderTotal: row.orderTotal,
      currencyCode: row.currencyCode,
      importState: row.importState,
      importError: row.importError,
      commerceIncrementId: row.commerceIncrementId,
      isPrime: row.isPrime,
      isBusinessOrder: row.isBusinessOrder,
      buyerRequestedCancel: row.buyerRequestedCancel,
      latestShipDate: row.latestShipDate,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/** One order with its lines, timeline and outbound actions; buyer and address decrypted for the viewer. */
export async function getOrderDetail(db: DbOrTx, cipher: Cipher, orderId: string) {
  const [order] = await db.select().from(amazonOrders).where(eq(amazonOrders.id, orderId));
  if (!order) {
    throw new NotFoundError('Order', orderId);
  }
  const [items, events, actions] = await Promise.all([
    db
      .select()
      .from(amazonOrderItems)
      .where(eq(amazonOrderItems.orderId, orderId))
      .orderBy(asc(amazonOrderItems.orderItemId)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)),
    db
      .select()
      .from(outboundActions)
      .where(eq(outboundActions.orderId, orderId))
      .orderBy(asc(outboundActions.createdAt)),
  ]);
  const {
    buyer,
    shippingAddress,
    rawPayload: _raw,
    buyerEmailHash: _e,
    buyerNameHash: _n,
    ...header
  } = order;
  return {
    ...header,
    buyer: buyer ? cipher.decryptJson<Record<string, unknown>>(buyer) : null,
    shippingAddress: shippingAddress ? cipher.decryptJson<Record<string, unknown>>(shippingAddress) : null,
    items,
    events,
    actions,
  };
}
export type OrderDetail = Awaited<ReturnType<typeof getOrderDetail>>;
