/**
 * The world the crash test runs in: Amazon orders that appear and move on between sync runs, faults injected into
 * the stand-ins, and the reconciliation of both sides afterwards. Shared by the real-kill and in-process variants.
 */
import { type AmazonStandIn, type OrderRecord, prng, seedOrders } from '@saleschannel/amazon-stand-in';
import type { CommerceStandIn, OrderRow } from '@saleschannel/commerce-stand-in';
import { BEFORE_LAG_MS } from '@saleschannel/core';
import { amazonOrders, type Database, orderEvents, syncCursors } from '@saleschannel/db';
import { and, eq } from 'drizzle-orm';

/**
 * Amazon hides the last two minutes from a search, so a change dated now would reach the worker only two
 * minutes later. Every change is dated just beyond that lag instead: the worker sees it at once, as an update
 * that became visible late (which the cursor's overlap window is there to catch).
 */
const VISIBLE_LAG_MS = BEFORE_LAG_MS + 5_000;

export type Random = () => number;

export function createRandom(seed: number): Random {
  return prng(seed);
}

export function pick<T>(rand: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(rand() * items.length)];
}

/** Orders of the Amazon stand-in that change over the test, each change dated so the next sync can see it. */
export class AmazonWorld {
  #lastStamp = 0;
  /** Orders paid in the last round. */
  #justPaid: OrderRecord[] = [];
  /** Shipments this test made on Amazon (Amazon-fulfilled, or shipped outside saleschannel). */
  readonly testShipments = new Map<string, number>();
  counts = { added: 0, unshipped: 0, shipped: 0, partiallyShipped: 0, canceled: 0 };

  constructor(
    readonly amazon: AmazonStandIn,
    readonly rand: Random,
  ) {}

  /** Strictly increasing, always older than Amazon's visibility lag. */
  stamp(): number {
    this.#lastStamp = Math.max(Date.now() - VISIBLE_LAG_MS, this.#lastStamp + 1);
    return this.#lastStamp;
  }

  /** Makes the seeded orders static: their scheduled changes are dropped, and none is too new to be seen. */
  freezeSeed(): void {
    const { store } = this.amazon;
    store.tick();
    const newest = Date.now() - VISIBLE_LAG_MS - 1_000;
    for (const order of store.orders.values()) {
      order.timeline = [];
      if (order.lastUpdatedAt > newest) {
        (order as { createdAt: number }).createdAt = Math.min(order.createdAt, newest);
        order.lastUpdatedAt = newest;
      }
    }
    this.#lastStamp = newest;
  }

  orders(): OrderRecord[] {
    return [...this.amazon.store.orders.values()];
  }

  /** New orders appear, Pending ones get paid, open ones are shipped or cancelled. */
  advance(): void {
    const { rand } = this;
    // A buyer cancels minutes after paying: often an order whose creation a crash has just interrupted.
    const cancellable = this.#justPaid.filter(
      (o) => o.status === 'Unshipped' && o.fulfillmentChannel === 'MFN',
    );
    const regret = rand() < 0.3 ? pick(rand, cancellable) : undefined;
    this.#justPaid = [];
    if (regret) {
      this.amazon.store.cancel(regret, 'BuyerCanceled');
      regret.lastUpdatedAt = this.stamp();
      this.counts.canceled++;
    }
    const newOrders = Math.floor(rand() * 3);
    for (let n = 0; n < newOrders; n++) {
      this.#addOrder();
    }
    const changes = 1 + Math.floor(rand() * 3);
    for (let n = 0; n < changes; n++) {
      const open = this.orders()
        .filter((o) => ['Pending', 'Unshipped', 'PartiallyShipped'].includes(o.status))
        .sort((a, b) => b.lastUpdatedAt - a.lastUpdatedAt);
      // Recent orders change most: often one of the last few touched (perhaps the one a crash interrupted).
      const order = pick(rand, rand() < 0.4 ? open.slice(0, 5) : open);
      if (order) {
        this.#move(order);
      }
    }
  }

  #addOrder(): void {
    const [order] = seedOrders(this.amazon.store, {
      count: 1,
      seed: Math.floor(this.rand() * 2 ** 31),
      historyMs: 0,
      futureMs: 1,
      sellerId: this.amazon.account.sellerId,
      buyerCancelShare: 0,
    });
    if (!order) {
      return; // the id was taken already
    }
    const at = this.stamp();
    (order as { createdAt: number }).createdAt = at;
    order.lastUpdatedAt = at;
    order.timeline = [];
    this.counts.added++;
    if (this.rand() < 0.5) {
      order.status = 'Unshipped'; // paid at once
      this.#justPaid.push(order);
    }
  }

  #move(order: OrderRecord): void {
    const { store } = this.amazon;
    const roll = this.rand();
    if (order.status === 'Pending') {
      if (roll < 0.8) {
        order.status = 'Unshipped';
        this.#justPaid.push(order);
        this.counts.unshipped++;
      } else {
        store.cancel(order, 'BuyerCanceled');
        this.counts.canceled++;
      }
    } else if (order.fulfillmentChannel === 'AFN' || order.status === 'PartiallyShipped' || roll < 0.45) {
      this.#ship(order, order.items);
      this.counts.shipped++;
    } else if (roll < 0.75) {
      // Amazon cancels an order that is Unshipped: its Commerce order (if made) must be cancelled too.
      store.cancel(order, 'BuyerCanceled');
      this.counts.canceled++;
    } else if (order.items.length > 1) {
      this.#ship(order, order.items.slice(0, 1));
      this.counts.partiallyShipped++;
    }
    order.lastUpdatedAt = this.stamp();
  }

  #ship(order: OrderRecord, items: OrderRecord['items']): void {
    this.amazon.store.ship(order, {
      at: this.stamp(),
      carrier: 'UPS',
      items: items.map((item) => ({
        orderItemId: item.orderItemId,
        quantity: item.quantityOrdered - item.quantityCancelled - item.quantityShipped,
      })),
      via: 'amazon',
    });
    this.testShipments.set(order.amazonOrderId, (this.testShipments.get(order.amazonOrderId) ?? 0) + 1);
  }
}

export interface FaultPlan {
  readonly commerce?: string;
  readonly amazon?: string;
}

/** Some runs get faults: lost create answers, 5xx before or after the work, an Amazon 5xx. */
export function injectFaults(rand: Random, amazon: AmazonStandIn, commerce: CommerceStandIn): FaultPlan {
  const plan: { commerce?: string; amazon?: string } = {};
  const roll = rand();
  const create = { method: 'POST', path: /^\/V1\/orders$/ } as const;
  if (roll < 0.1) {
    commerce.injectFault({ kind: 'drop-after-processing', ...create, times: 1 + Math.floor(rand() * 2) });
    plan.commerce = 'create answer lost';
  } else if (roll < 0.16) {
    commerce.injectFault({ kind: 'error-after-processing', ...create });
    plan.commerce = 'create answered 500 after creating';
  } else if (roll < 0.22) {
    commerce.injectFault({ kind: 'status', status: 503, ...create });
    plan.commerce = 'create refused with 503';
  } else if (roll < 0.26) {
    commerce.injectFault({ kind: 'status', status: 500, method: 'GET', path: /^\/V1\/orders$/, times: 4 });
    plan.commerce = 'order search answered 500 (4 times)';
  }
  if (rand() < 0.05) {
    amazon.faults.inject({ kind: 'server-error', operation: '*' });
    plan.amazon = 'one Amazon 500';
  }
  return plan;
}

/** A decimal string to minor units (USD). */
export function cents(amount: unknown): bigint {
  const [whole = '0', fraction = ''] = String(amount).split('.');
  const negative = whole.startsWith('-');
  const value = BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

/** What Amazon says the order costs: items, shipping and tax, to the cent. */
export function amazonTotalCents(order: OrderRecord): bigint {
  let total = 0n;
  for (const item of order.items) {
    total +=
      cents(item.unitPrice) * BigInt(item.quantityOrdered) + cents(item.shipping) + cents(item.lineTax);
  }
  return total;
}

/** Commerce orders made for Amazon orders that the database does not link to them (a crash in between). */
export async function unlinkedCommerceOrders(
  database: Database,
  accountId: string,
  commerce: CommerceStandIn,
): Promise<number> {
  const rows = await database.db
    .select({ amazonOrderId: amazonOrders.amazonOrderId, commerceOrderId: amazonOrders.commerceOrderId })
    .from(amazonOrders)
    .where(eq(amazonOrders.accountId, accountId));
  const linked = new Set(rows.filter((r) => r.commerceOrderId !== null).map((r) => r.commerceOrderId));
  return [...commerce.store.orders.values()].filter((o) => !linked.has(o.entity_id)).length;
}

/** Whether a crashed run left a half-fetched window (its page token) behind. */
export async function windowLeftOpen(database: Database, accountId: string): Promise<boolean> {
  const [cursor] = await database.db
    .select({ pageToken: syncCursors.pageToken })
    .from(syncCursors)
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, 'amazon_orders')));
  return Boolean(cursor?.pageToken);
}

/**
 * Makes every order waiting for its next automatic retry due now, as if the backoff had elapsed — and lets the
 * processing leases of the killed syncs run out, as they would two minutes after a crash.
 */
export async function letRetriesComeDue(database: Database, accountId: string): Promise<number> {
  await database.db
    .update(amazonOrders)
    .set({ processingUntil: null })
    .where(eq(amazonOrders.accountId, accountId));
  const rows = await database.db
    .update(amazonOrders)
    .set({ nextAttemptAt: new Date() })
    .where(and(eq(amazonOrders.accountId, accountId), eq(amazonOrders.importState, 'error')))
    .returning({ id: amazonOrders.id });
  return rows.length;
}

export interface Reconciliation {
  readonly amazonOrders: number;
  readonly expectedInCommerce: number;
  readonly commerceOrders: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly orphans: number;
  readonly wrongTotals: number;
  readonly inconsistentRows: number;
  readonly cancelledInCommerce: number;
  readonly notCancelled: number;
  readonly doubleCancels: number;
  readonly doubleShipments: number;
  readonly doubleInvoices: number;
  readonly outboundConfirmations: number;
  readonly outboundRefunds: number;
  readonly doubleOutbound: number;
  readonly byState: Record<string, number>;
  /** One line per problem, to print. */
  readonly problems: string[];
}

/**
 * Both sides after the final clean sync. The rules (default settings): a merchant-fulfilled order is created
 * from Unshipped on, an Amazon-fulfilled one once Shipped, a Pending one waits, and one cancelled before it
 * was created never is; one cancelled after it was created has its Commerce order cancelled.
 */
export async function reconcile(
  database: Database,
  accountId: string,
  world: AmazonWorld,
  commerce: CommerceStandIn,
): Promise<Reconciliation> {
  const problems: string[] = [];
  const rows = await database.db.select().from(amazonOrders).where(eq(amazonOrders.accountId, accountId));
  const rowById = new Map(rows.map((r) => [r.amazonOrderId, r]));
  const cancelEvents = await database.db
    .select({ orderId: orderEvents.orderId })
    .from(orderEvents)
    .where(and(eq(orderEvents.accountId, accountId), eq(orderEvents.type, 'commerce_cancel_done')));
  const commerceOrders = [...commerce.store.orders.values()];
  const byExtId = new Map<string, OrderRow[]>();
  for (const order of commerceOrders) {
    const ext = String(order.ext_order_id ?? '');
    byExtId.set(ext, [...(byExtId.get(ext) ?? []), order]);
  }
  const amazon = world.orders();
  const amazonIds = new Set(amazon.map((o) => o.amazonOrderId));
  let expectedInCommerce = 0;
  let duplicates = 0;
  let missing = 0;
  let wrongTotals = 0;
  let cancelledInCommerce = 0;
  let notCancelled = 0;
  for (const order of amazon) {
    const id = order.amazonOrderId;
    const row = rowById.get(id);
    const made = byExtId.get(id) ?? [];
    if (!row) {
      problems.push(`${id} (${order.status}) is not stored`);
      missing++;
      continue;
    }
    if (made.length > 1) {
      duplicates += made.length - 1;
      problems.push(`${id}: ${made.length} Commerce orders (${made.map((o) => o.increment_id).join(', ')})`);
    }
    const mfnCreated =
      order.fulfillmentChannel === 'MFN' &&
      ['Unshipped', 'PartiallyShipped', 'Shipped'].includes(order.status);
    const afnCreated = order.fulfillmentChannel === 'AFN' && order.status === 'Shipped';
    if (mfnCreated || afnCreated) {
      expectedInCommerce++;
      if (made.length === 0) {
        missing++;
        problems.push(
          `${id} (${order.fulfillmentChannel} ${order.status}, updated ${new Date(order.lastUpdatedAt).toISOString()}) has no Commerce order; stored as ${row.importState} ${row.importErrorCode ?? ''} with Amazon status ${row.amazonStatus} of ${row.lastUpdateDate.toISOString()}, next attempt ${row.nextAttemptAt?.toISOString() ?? 'none'}`,
        );
      }
    } else if (order.status === 'Canceled') {
      // Created before Amazon cancelled it (then cancelled in Commerce), or never created.
      if (made.length > 0) {
        cancelledInCommerce++;
        if (made.some((o) => o.state !== 'canceled')) {
          notCancelled++;
          problems.push(`${id} is cancelled on Amazon, its Commerce order is ${made[0]?.state}`);
        }
        const events = cancelEvents.filter((e) => e.orderId === row.id).length;
        if (events !== 1) {
          problems.push(`${id}: ${events} "commerce_cancel_done" events`);
        }
      } else if (row.importState !== 'skipped') {
        problems.push(`${id} is cancelled on Amazon and not in Commerce, but stored as ${row.importState}`);
      }
    } else if (made.length > 0) {
      problems.push(`${id} (${order.fulfillmentChannel} ${order.status}) must not be in Commerce yet`);
    } else if (row.importState !== 'pending') {
      problems.push(`${id} (${order.fulfillmentChannel} ${order.status}) is stored as ${row.importState}`);
    }
    for (const commerceOrder of made) {
      if (cents(commerceOrder.grand_total) !== amazonTotalCents(order)) {
        wrongTotals++;
        problems.push(
          `${id}: Commerce grand total ${commerceOrder.grand_total}, Amazon's is ${amazonTotalCents(order)} cents`,
        );
      }
    }
  }
  let orphans = 0;
  for (const order of commerceOrders) {
    if (!amazonIds.has(String(order.ext_order_id))) {
      orphans++;
      problems.push(
        `Commerce order ${order.increment_id} (${String(order.ext_order_id)}) has no Amazon order`,
      );
    }
  }
  // Every stored order: imported ⇔ linked, and linked to the Commerce order of the same Amazon order.
  let inconsistentRows = 0;
  const byState: Record<string, number> = {};
  for (const row of rows) {
    byState[row.importState] = (byState[row.importState] ?? 0) + 1;
    const linked = row.commerceOrderId !== null && row.commerceIncrementId !== null;
    const target = row.commerceOrderId === null ? undefined : commerce.store.orders.get(row.commerceOrderId);
    const made = byExtId.get(row.amazonOrderId) ?? [];
    const ok =
      (row.importState === 'imported') === linked &&
      (!linked ||
        (target?.ext_order_id === row.amazonOrderId && target.increment_id === row.commerceIncrementId)) &&
      // A Commerce order exists for it ⇒ the row links it (nothing made behind the database's back).
      (made.length === 0 || linked);
    if (!ok) {
      inconsistentRows++;
      problems.push(
        `${row.amazonOrderId}: stored ${row.importState}, linked to ${row.commerceOrderId ?? 'nothing'}, ${made.length} in Commerce`,
      );
    }
  }
  // Commerce-side actions: one successful cancel, one invoice, one shipment per order at most.
  const cancels = new Map<string, number>();
  for (const entry of commerce.requests) {
    const match = /^\/V1\/orders\/(\d+)\/cancel$/.exec(entry.path);
    if (match?.[1] && entry.status === 200 && entry.response === true) {
      cancels.set(match[1], (cancels.get(match[1]) ?? 0) + 1);
    }
  }
  const doubleCancels = [...cancels.values()].filter((n) => n > 1).length;
  const perOrder = (rows: Iterable<Record<string, unknown>>) => {
    const counts = new Map<number, number>();
    for (const row of rows) {
      const orderId = Number(row.order_id);
      counts.set(orderId, (counts.get(orderId) ?? 0) + 1);
    }
    return [...counts.values()].filter((n) => n > 1).length;
  };
  const doubleShipments = perOrder(commerce.store.shipments.values());
  const doubleInvoices = perOrder(commerce.store.invoices.values());
  // Commerce → Amazon actions (shipment confirmations, refunds): whatever saleschannel sent, once per action.
  let outboundConfirmations = 0;
  let outboundRefunds = 0;
  let doubleOutbound = 0;
  for (const order of amazon) {
    const sent = order.shipments.length - (world.testShipments.get(order.amazonOrderId) ?? 0);
    outboundConfirmations += sent;
    outboundRefunds += order.refunds.length;
    const commerceShipments = (byExtId.get(order.amazonOrderId) ?? []).reduce(
      (n, o) =>
        n + [...commerce.store.shipments.values()].filter((s) => Number(s.order_id) === o.entity_id).length,
      0,
    );
    if (sent > commerceShipments) {
      doubleOutbound++;
      problems.push(
        `${order.amazonOrderId}: ${sent} shipment confirmations for ${commerceShipments} shipments`,
      );
    }
    const memos = (byExtId.get(order.amazonOrderId) ?? []).reduce(
      (n, o) =>
        n + [...commerce.store.creditMemos.values()].filter((m) => Number(m.order_id) === o.entity_id).length,
      0,
    );
    if (order.refunds.length > memos) {
      doubleOutbound++;
      problems.push(`${order.amazonOrderId}: ${order.refunds.length} refunds for ${memos} credit memos`);
    }
  }
  if (doubleCancels > 0) {
    problems.push(`${doubleCancels} Commerce orders cancelled more than once`);
  }
  if (doubleShipments + doubleInvoices > 0) {
    problems.push(`${doubleShipments} orders shipped twice, ${doubleInvoices} invoiced twice in Commerce`);
  }
  return {
    amazonOrders: amazon.length,
    expectedInCommerce,
    commerceOrders: commerceOrders.length,
    duplicates,
    missing,
    orphans,
    wrongTotals,
    inconsistentRows,
    cancelledInCommerce,
    notCancelled,
    doubleCancels,
    doubleShipments,
    doubleInvoices,
    outboundConfirmations,
    outboundRefunds,
    doubleOutbound,
    byState,
    problems,
  };
}
