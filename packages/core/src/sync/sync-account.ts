import { normalize2026Order, type Orders2026 } from '@saleschannel/amazon';
import { amazonOrders, syncCursors } from '@saleschannel/db';
import { type AmazonOrder, FULFILLMENT_STATUS_TO_ORDER_STATUS } from '@saleschannel/domain';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type SyncOutboundReport, syncOutbound } from '../outbound/sync-outbound.js';
import type { Runtime } from '../runtime.js';
import { accountContext } from './account-context.js';
import type { AmazonClientOptions } from './clients.js';
import type { SyncContext } from './context.js';
import { processOrder, reconcileCancellations } from './process-order.js';
import { releaseExpiredReservations } from './reservations.js';
import { type MalformedOrder, storeAmazonOrder } from './store-order.js';

/** Re-read this much before the cursor: Amazon's last-updated times may become visible late. Dedupe is by id. */
export const CURSOR_OVERLAP_MS = 5 * 60_000;
/** Amazon refuses a `lastUpdatedBefore` less than 2 minutes in the past; keep a margin. */
export const BEFORE_LAG_MS = 2 * 60_000 + 5_000;
/** A new account's first sync reaches back this far; older orders come in through a backfill. */
export const FIRST_SYNC_LOOKBACK_MS = 24 * 60 * 60_000;
/** Orders whose import is due, taken per sync run. */
const DUE_BATCH = 200;

const INCLUDED_DATA = ['BUYER', 'RECIPIENT', 'FULFILLMENT', 'PROCEEDS', 'PROMOTION', 'CANCELLATION'] as const;

export interface SyncReport {
  readonly accountId: string;
  readonly skipped?: 'paused';
  fetched: number;
  created: number;
  updated: number;
  imported: number;
  failed: number;
  skippedOrders: number;
  cancelled: number;
  /** What went to Amazon this run (shipment confirmations, refunds, cancellations). */
  outbound?: SyncOutboundReport;
}

interface RunWindow {
  readonly after: string;
  readonly before: string;
}

/**
 * One sync of one account: fetch what changed on Amazon since the cursor (page by page, each page stored
 * together with the cursor's progress, so a crash resumes on the same page), then create the Commerce orders
 * that are due, then apply Amazon-side cancellations. Only one runs per account at a time (the job queue).
 */
export async function syncAccount(
  runtime: Runtime,
  accountId: string,
  options: { readonly now?: () => Date; readonly amazonClient?: AmazonClientOptions } = {},
): Promise<SyncReport> {
  const now = options.now ?? (() => new Date());
  const report = emptyReport(accountId);
  const ctx = await accountContext(runtime, accountId, {
    now,
    ...(options.amazonClient ? { amazonClient: options.amazonClient } : {}),
  });
  if (ctx.connection.account.status === 'paused') {
    return { ...report, skipped: 'paused' };
  }
  const { db } = runtime.database;
  const timer = ctx.metrics.syncDuration.startTimer({ account: accountId });
  try {
    await fetchChanges(ctx, report);
    await importDueOrders(ctx, report);
    report.cancelled = await reconcileCancellations(ctx);
    await releaseExpiredReservations(ctx);
    // Commerce → Amazon: shipments, refunds and cancellations, under this same one-sync-per-account lock.
    report.outbound = await syncOutbound(ctx);
  } catch (error) {
    timer({ result: 'error' });
    throw error;
  }
  timer({ result: 'ok' });
  const [cursor] = await db
    .update(syncCursors)
    .set({ lastSuccessAt: now(), lastError: null })
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, 'amazon_orders')))
    .returning({ cursorAt: syncCursors.cursorAt });
  if (cursor?.cursorAt) {
    ctx.metrics.syncLag.set({ account: accountId }, (now().getTime() - cursor.cursorAt.getTime()) / 1000);
  }
  ctx.metrics.ordersFetched.inc({ account: accountId }, report.created + report.updated);
  ctx.logger.info({ report }, 'account synced');
  return report;
}

async function fetchChanges(ctx: SyncContext, report: SyncReport): Promise<void> {
  const accountId = ctx.connection.account.id;
  const [cursor] = await ctx.database.db
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, 'amazon_orders')));
  const started = ctx.now();
  // A run that crashed mid-way left its window and page token: finish that window first, same filters.
  const resumed = cursor?.pageToken ? (cursor.progress as unknown as RunWindow | null) : null;
  const window: RunWindow = resumed ?? {
    after: new Date(
      (cursor?.cursorAt?.getTime() ?? ctx.connection.account.createdAt.getTime() - FIRST_SYNC_LOOKBACK_MS) -
        CURSOR_OVERLAP_MS,
    ).toISOString(),
    before: new Date(started.getTime() - BEFORE_LAG_MS).toISOString(),
  };
  await fetchWindow(ctx, report, {
    stream: 'amazon_orders',
    by: 'lastUpdated',
    window,
    pageToken: resumed ? cursor?.pageToken : null,
    started,
  });
}

interface FetchPlan {
  readonly stream: 'amazon_orders' | 'backfill';
  /** Incremental syncs follow the last-updated time; a backfill walks the purchase (creation) time. */
  readonly by: 'lastUpdated' | 'created';
  readonly window: RunWindow;
  readonly pageToken: string | null | undefined;
  readonly started: Date;
  readonly onPage?: (fetched: number) => void;
}

/** Fetches one window page by page; each page commits with the cursor's progress (window + next page token). */
async function fetchWindow(ctx: SyncContext, report: SyncReport, plan: FetchPlan): Promise<void> {
  const { db, cipher } = ctx.database;
  const accountId = ctx.connection.account.id;
  const marketplaceId = ctx.connection.account.marketplaceId;
  const { window, stream } = plan;
  if (Date.parse(window.before) <= Date.parse(window.after)) {
    return;
  }
  await db
    .insert(syncCursors)
    .values({ accountId, stream, lastRunAt: plan.started })
    .onConflictDoUpdate({
      target: [syncCursors.accountId, syncCursors.stream],
      set: { lastRunAt: plan.started },
    });
  const range =
    plan.by === 'lastUpdated'
      ? { lastUpdatedAfter: window.after, lastUpdatedBefore: window.before }
      : { createdAfter: window.after, createdBefore: window.before };
  const pages = ctx.amazon.orders.searchOrdersPages({
    ...range,
    marketplaceIds: [marketplaceId],
    includedData: INCLUDED_DATA,
    maxResultsPerPage: 100,
    ...(plan.pageToken ? { paginationToken: plan.pageToken } : {}),
  });
  for await (const page of pages) {
    await db.transaction(async (tx) => {
      for (const raw of page.orders) {
        const { order, malformed } = normalizeLeniently(raw);
        if (!order) {
          ctx.logger.error({ reason: malformed?.reason }, 'an Amazon order without id or dates was ignored');
          continue;
        }
        const stored = await storeAmazonOrder(tx, cipher, {
          accountId,
          marketplaceId,
          order,
          raw,
          sourceApi: '2026-01-01',
          ...(malformed ? { malformed } : {}),
          dueAt: ctx.now(),
        });
        report.fetched++;
        if (stored.change === 'created') {
          report.created++;
        } else if (stored.change === 'updated') {
          report.updated++;
        }
        // New orders are stored due; a changed one whose import is pending or failed is due again now.
        if (stored.change === 'updated' && ['pending', 'error'].includes(stored.row.importState)) {
          await tx
            .update(amazonOrders)
            .set({ nextAttemptAt: ctx.now() })
            .where(eq(amazonOrders.id, stored.row.id));
        }
      }
      const next = page.pagination?.nextToken ?? null;
      // The page and the cursor's progress commit together: a crash never skips or half-stores a page.
      await tx
        .update(syncCursors)
        .set(
          next
            ? { pageToken: next, progress: { ...window, fetched: report.fetched } }
            : {
                pageToken: null,
                progress: { ...window, fetched: report.fetched, done: true },
                cursorAt: new Date(window.before),
              },
        )
        .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, stream)));
    });
    plan.onPage?.(report.fetched);
  }
}

/**
 * Imports every order purchased since `since` (orders from before the account was connected, or a gap to fill):
 * the same storing and creation rules as the sync, in pages that resume where a crashed backfill stopped. Memory
 * stays flat: one page at a time, then the due orders in batches.
 */
export async function backfillAccount(
  runtime: Runtime,
  accountId: string,
  since: Date,
  options: {
    readonly now?: () => Date;
    readonly onProgress?: (fetched: number) => void;
    readonly amazonClient?: AmazonClientOptions;
  } = {},
): Promise<SyncReport> {
  const ctx = await accountContext(runtime, accountId, options);
  const report = emptyReport(accountId);
  const [cursor] = await runtime.database.db
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.accountId, accountId), eq(syncCursors.stream, 'backfill')));
  const previous = cursor?.progress as (RunWindow & { done?: boolean }) | null | undefined;
  const resuming = Boolean(cursor?.pageToken && previous && Date.parse(previous.after) === since.getTime());
  const started = ctx.now();
  await fetchWindow(ctx, report, {
    stream: 'backfill',
    by: 'created',
    window:
      resuming && previous
        ? previous
        : { after: since.toISOString(), before: new Date(started.getTime() - BEFORE_LAG_MS).toISOString() },
    pageToken: resuming ? cursor?.pageToken : null,
    started,
    ...(options.onProgress ? { onPage: options.onProgress } : {}),
  });
  for (;;) {
    const before = report.imported + report.failed + report.skippedOrders;
    const processed = await importDueOrders(ctx, report);
    if (processed === 0 || report.imported + report.failed + report.skippedOrders === before) {
      break;
    }
  }
  return report;
}

/**
 * Normalises an Amazon order; one Amazon sent malformed is still stored (as an order in error with the reason)
 * so it is visible and is retried when Amazon corrects it. Status unknown → kept as Pending, which never creates
 * anything in Commerce.
 */
function normalizeLeniently(raw: Orders2026.Order): { order?: AmazonOrder; malformed?: MalformedOrder } {
  try {
    return { order: normalize2026Order(raw) };
  } catch (error) {
    const reason = `Amazon sent data saleschannel cannot use: ${(error as Error).message}`;
    if (!raw.orderId || !raw.createdTime || !raw.lastUpdatedTime) {
      return { malformed: { code: 'invalid_order', reason } };
    }
    const status = raw.fulfillment?.fulfillmentStatus;
    return {
      order: {
        source: 'orders-2026-01-01',
        amazonOrderId: raw.orderId,
        sellerOrderId: null,
        marketplaceId: raw.salesChannel?.marketplaceId ?? null,
        salesChannel: null,
        status: (status && FULFILLMENT_STATUS_TO_ORDER_STATUS[status]) || 'Pending',
        fulfillmentChannel: raw.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
        purchasedAt: raw.createdTime,
        lastUpdatedAt: raw.lastUpdatedTime,
        orderTotal: null,
        shipServiceLevel: null,
        earliestShipDate: null,
        latestShipDate: null,
        isBusinessOrder: false,
        isPrime: false,
        isReplacementOrder: false,
        buyer: null,
        shippingAddress: null,
        items: [],
      },
      malformed: { code: 'invalid_order', reason },
    };
  }
}

function emptyReport(accountId: string): SyncReport {
  return {
    accountId,
    fetched: 0,
    created: 0,
    updated: 0,
    imported: 0,
    failed: 0,
    skippedOrders: 0,
    cancelled: 0,
  };
}

/** Creates the Commerce orders that are due; returns how many orders it looked at. */
async function importDueOrders(ctx: SyncContext, report: SyncReport): Promise<number> {
  const { db } = ctx.database;
  const due = await db
    .select()
    .from(amazonOrders)
    .where(
      and(
        eq(amazonOrders.accountId, ctx.connection.account.id),
        inArray(amazonOrders.importState, ['pending', 'error']),
        lte(amazonOrders.nextAttemptAt, ctx.now()),
        // Orders Amazon sent malformed wait for Amazon's correction, not for a timer.
        sql`coalesce(${amazonOrders.importErrorCode}, '') <> 'invalid_order'`,
      ),
    )
    .orderBy(asc(amazonOrders.purchaseDate))
    .limit(DUE_BATCH);
  for (const row of due) {
    try {
      const outcome = await processOrder(ctx, row);
      if (outcome === 'imported') {
        report.imported++;
      } else if (outcome === 'error') {
        report.failed++;
      } else if (outcome === 'skipped') {
        report.skippedOrders++;
      }
    } catch (error) {
      // A bug or a conflict with another writer: log it and go on with the next order.
      report.failed++;
      ctx.logger.error({ err: error, order: row.amazonOrderId }, 'order processing failed unexpectedly');
    }
  }
  return due.length;
}

/**
 * Fetches one order now (a change notification said it changed) and takes it through the same storing and
 * creation rules as a sync. The scheduled sync stays the backstop for anything a notification misses.
 */
export async function syncOrder(
  runtime: Runtime,
  accountId: string,
  amazonOrderId: string,
  options: { readonly now?: () => Date } = {},
): Promise<SyncReport> {
  const ctx = await accountContext(runtime, accountId, options);
  const report = emptyReport(accountId);
  if (ctx.connection.account.status === 'paused') {
    return { ...report, skipped: 'paused' };
  }
  const raw = await ctx.amazon.orders.getOrder(amazonOrderId, INCLUDED_DATA);
  const { order, malformed } = normalizeLeniently(raw);
  if (!order) {
    throw new Error(malformed?.reason ?? `order ${amazonOrderId} could not be read`);
  }
  const { db, cipher } = runtime.database;
  const stored = await db.transaction(async (tx) => {
    const result = await storeAmazonOrder(tx, cipher, {
      accountId,
      marketplaceId: ctx.connection.account.marketplaceId,
      order,
      raw,
      sourceApi: '2026-01-01',
      ...(malformed ? { malformed } : {}),
    });
    if (result.change !== 'unchanged' && ['pending', 'error'].includes(result.row.importState)) {
      await tx
        .update(amazonOrders)
        .set({ nextAttemptAt: ctx.now() })
        .where(eq(amazonOrders.id, result.row.id));
    }
    return result;
  });
  report.fetched = 1;
  report.created = stored.change === 'created' ? 1 : 0;
  report.updated = stored.change === 'updated' ? 1 : 0;
  const [row] = await db.select().from(amazonOrders).where(eq(amazonOrders.id, stored.row.id));
  if (
    row &&
    ['pending', 'error'].includes(row.importState) &&
    row.nextAttemptAt &&
    row.nextAttemptAt <= ctx.now()
  ) {
    const outcome = await processOrder(ctx, row);
    report.imported = outcome === 'imported' ? 1 : 0;
    report.failed = outcome === 'error' ? 1 : 0;
    report.skippedOrders = outcome === 'skipped' ? 1 : 0;
  }
  report.cancelled = await reconcileCancellations(ctx);
  return report;
}
