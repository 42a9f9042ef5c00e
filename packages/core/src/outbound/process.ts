import {
  type AdjustmentReason,
  buildCancellationFeed,
  buildOrderAdjustmentFeed,
  type CancelReason,
  FEED_TYPES,
  type Feeds,
  FeedValidationError,
  messageOutcomes,
  type ProcessingReport,
  parseProcessingReport,
  SpApiError,
  XML_CONTENT_TYPE,
} from '@saleschannel/amazon';
import {
  type AmazonOrderRow,
  amazonOrders,
  type OutboundActionRow,
  orderEvents,
  outboundActions,
} from '@saleschannel/db';
import type { RefundLine } from '@saleschannel/domain';
import { and, asc, eq, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import { recordEvent } from '../orders/import-state.js';
import type { SyncContext } from '../sync/context.js';
import type { ShipmentPayload } from './shipments.js';
import { noteOutboundDelay, transitionOutbound } from './state.js';

/** Time between two looks at a feed Amazon is still processing. */
export const FEED_POLL_INTERVAL_MS = 60_000;
/** Attempts (sends) before an action Amazon keeps refusing to take is given up as failed. */
export const OUTBOUND_MAX_ATTEMPTS = 8;
/** A feed created just before a crash is looked for among the seller's feeds created since this long before. */
export const IN_DOUBT_FEED_MARGIN_MS = 15 * 60_000;
const DUE_BATCH = 100;

/** Named points between the steps of an outbound action, where a crash is simulated in tests. */
export type OutboundCrashPoint =
  /** A shipment confirmation is marked submitted; confirmShipment not called yet. */
  | 'shipment:before-send'
  /** confirmShipment answered; the action not yet confirmed. */
  | 'shipment:after-send'
  /** The feed document is uploaded and recorded; createFeed not called yet. */
  | 'feed:before-create'
  /** createFeed answered; its id not yet stored. */
  | 'feed:after-create'
  /** The processing report is read; the action's state not yet updated. */
  | 'feed:after-report'
  /** A requested cancellation is confirmed; the Commerce order not yet cancelled. */
  | 'cancel:before-commerce';

export interface OutboundOptions {
  /** Fault injection: called at each named point; throwing there simulates a crash of the worker. */
  readonly crashAt?: (point: OutboundCrashPoint, action: OutboundActionRow) => void | Promise<void>;
}

export interface OutboundReport {
  submitted: number;
  confirmed: number;
  failed: number;
  waiting: number;
}

function retryAt(ctx: SyncContext, attempts: number): Date {
  const delay = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return new Date(ctx.now().getTime() + delay);
}

/** Amazon's own words for an error it sent, or the error's message. */
function amazonMessage(error: SpApiError): string {
  return error.errors.map((e) => `${e.code}: ${e.message}${e.details ? ` (${e.details})` : ''}`).join('; ');
}

/** True for errors that a later attempt can get past (throttling, 5xx, network); false for Amazon refusing. */
function transient(error: unknown): boolean {
  return error instanceof SpApiError ? error.retryable : false;
}

/** Thrown to stop one action's step after its state was recorded. */
class Stop extends Error {}

/** A crash simulated through `crashAt`: it stops the whole run, as a killed worker would. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
  constructor(
    readonly point: OutboundCrashPoint,
    cause: unknown,
  ) {
    super(`simulated crash at ${point}`, { cause });
  }
}

async function checkpoint(
  options: OutboundOptions,
  point: OutboundCrashPoint,
  action: OutboundActionRow,
): Promise<void> {
  try {
    await options.crashAt?.(point, action);
  } catch (error) {
    throw new SimulatedCrash(point, error);
  }
}

async function orderOf(ctx: SyncContext, action: OutboundActionRow): Promise<AmazonOrderRow> {
  const [order] = await ctx.database.db
    .select()
    .from(amazonOrders)
    .where(eq(amazonOrders.id, action.orderId));
  if (!order) {
    throw new Error(`the order of outbound action ${action.idempotencyKey} does not exist`);
  }
  return order;
}

async function reload(ctx: SyncContext, id: string): Promise<OutboundActionRow> {
  const [row] = await ctx.database.db.select().from(outboundActions).where(eq(outboundActions.id, id));
  if (!row) {
    throw new Error(`outbound action ${id} vanished`);
  }
  return row;
}

/**
 * A failed call to Amazon: transient ones leave the action in its state and schedule the next attempt (until the
 * attempts are used up); a refusal fails the action with Amazon's message.
 */
async function amazonFailure(
  ctx: SyncContext,
  action: OutboundActionRow,
  error: unknown,
  what: string,
  type: string,
  report: OutboundReport,
  /** False while a submitted feed is polled: its outcome is Amazon's to decide, so it is never given up. */
  giveUp = true,
): Promise<never> {
  if (!(error instanceof SpApiError) && !(error instanceof FeedValidationError)) {
    throw error;
  }
  const message = error instanceof SpApiError ? amazonMessage(error) : error.message;
  const current = await reload(ctx, action.id);
  if (transient(error) && (!giveUp || current.attempts < OUTBOUND_MAX_ATTEMPTS)) {
    await noteOutboundDelay(ctx.database.db, current, {
      lastError: `${what}: ${message}`,
      nextAttemptAt: retryAt(ctx, current.attempts + 1),
      countAttempt: true,
    });
    report.waiting++;
    throw new Stop();
  }
  await transitionOutbound(
    ctx.database.db,
    current,
    { to: 'failed', error: `${what}: ${message}` },
    { type, message: `${what} failed: ${message}` },
    ctx.now(),
  );
  report.failed++;
  throw new Stop();
}

// ---------------------------------------------------------------- shipment confirmations

async function processShipment(
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
    if (current.state === 'pending') {
      current = await transitionOutbound(
        db,
        current,
        { to: 'submitted' },
        {
          type: 'shipment_submitted',
          message: `Amazon already has package ${payload.packageReferenceId} of ${label}`,
        },
        ctx.now(),
      );
    }
    await transitionOutbound(
      db,
      current,
      { to: 'confirmed' },
      {
        type: 'shipment_confirmed',
        message: `Amazon shows ${label} shipped (package ${payload.packageReferenceId}); it was not sent again`,
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

// ---------------------------------------------------------------- feeds: refunds and cancellations

interface CancellationPayload {
  readonly source: 'request' | 'credit_memo';
  readonly reason: CancelReason;
  readonly itemCodes: readonly string[];
  readonly requestedBy?: string;
}

interface RefundPayload {
  readonly currency: string;
  readonly adjustmentReason: AdjustmentReason;
  readonly items: readonly RefundLine[];
  readonly total: string;
}

function feedFor(
  ctx: SyncContext,
  action: OutboundActionRow,
  order: AmazonOrderRow,
): { type: string; xml: string } {
  const seller = ctx.connection.account.sellerId;
  if (action.kind === 'cancellation') {
    const payload = action.payload as unknown as CancellationPayload;
    return {
      type: FEED_TYPES.acknowledgement,
      xml: buildCancellationFeed(seller, [
        { amazonOrderId: order.amazonOrderId, reason: payload.reason, itemCodes: payload.itemCodes },
      ]),
    };
  }
  const payload = action.payload as unknown as RefundPayload;
  return {
    type: FEED_TYPES.adjustment,
    xml: buildOrderAdjustmentFeed(seller, [
      {
        amazonOrderId: order.amazonOrderId,
        actionType: 'Refund',
        items: payload.items.map((item) => ({
          amazonOrderItemCode: item.orderItemId,
          adjustmentReason: payload.adjustmentReason,
          components: item.components.map((c) => ({
            type: c.type,
            amount: c.amount,
            currency: payload.currency,
          })),
        })),
      },
    ]),
  };
}

const feedTypeOf = (action: OutboundActionRow) =>
  action.kind === 'cancellation' ? FEED_TYPES.acknowledgement : FEED_TYPES.adjustment;

const noun = (action: OutboundActionRow) => (action.kind === 'cancellation' ? 'cancellation' : 'refund');
const eventPrefix = (action: OutboundActionRow) => (action.kind === 'cancellation' ? 'cancel' : 'refund');

/**
 * For a cancellation: what Amazon says about the order now. `done` when it is already cancelled; `refused` with
 * the reason when it can no longer be cancelled (shipped meanwhile); `open` otherwise.
 */
async function cancellationState(
  ctx: SyncContext,
  order: AmazonOrderRow,
): Promise<{ state: 'done' } | { state: 'refused'; reason: string } | { state: 'open' }> {
  const remote = await ctx.amazon.orders.getOrder(order.amazonOrderId, ['FULFILLMENT']);
  const status = remote.fulfillment?.fulfillmentStatus;
  if (status === 'CANCELLED') {
    return { state: 'done' };
  }
  if (status === 'SHIPPED' || status === 'PARTIALLY_SHIPPED') {
    return {
      state: 'refused',
      reason: `order ${order.amazonOrderId} has shipped on Amazon and cannot be cancelled`,
    };
  }
  if (remote.fulfillment?.fulfilledBy === 'AMAZON') {
    return { state: 'refused', reason: `order ${order.amazonOrderId} is fulfilled by Amazon` };
  }
  return { state: 'open' };
}

/**
 * A feed created just before a crash (its id never stored): the seller's feeds of this type created since the
 * submission started, that no outbound action has claimed. Runs only under the account's sync lock, so no other
 * submission of this account is in flight.
 */
async function unclaimedFeed(
  ctx: SyncContext,
  action: OutboundActionRow,
  since: Date,
): Promise<Feeds.Feed | undefined> {
  const from = new Date(since.getTime() - IN_DOUBT_FEED_MARGIN_MS);
  const feeds: Feeds.Feed[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.amazon.feeds.getFeeds(
      nextToken
        ? { nextToken }
        : {
            feedTypes: [feedTypeOf(action)],
            marketplaceIds: [ctx.connection.account.marketplaceId],
            createdSince: from.toISOString(),
            pageSize: 100,
          },
    );
    feeds.push(...(page.feeds ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const candidates = feeds
    .filter((feed) => feed.feedType === feedTypeOf(action) && Date.parse(feed.createdTime) >= from.getTime())
    .sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime));
  if (candidates.length === 0) {
    return undefined;
  }
  const claimed = new Set(
    (
      await ctx.database.db
        .select({ feedId: outboundActions.feedId })
        .from(outboundActions)
        .where(
          inArray(
            outboundActions.feedId,
            candidates.map((feed) => feed.feedId),
          ),
        )
    ).map((row) => row.feedId),
  );
  return candidates.find((feed) => !claimed.has(feed.feedId));
}

async function submitFeedAction(
  ctx: SyncContext,
  action: OutboundActionRow,
  options: OutboundOptions,
  report: OutboundReport,
): Promise<void> {
  const { db } = ctx.database;
  const order = await orderOf(ctx, action);
  const what = `Sending the ${noun(action)} to Amazon`;
  const failType = `${eventPrefix(action)}_failed`;
  let current = action;
  try {
    if (action.kind === 'cancellation') {
      const state = await cancellationState(ctx, order);
      if (state.state === 'done') {
        current = await transitionOutbound(
          db,
          current,
          { to: 'submitted' },
          {
            type: 'cancel_submitted',
            message: `Order ${order.amazonOrderId} is already cancelled on Amazon`,
          },
          ctx.now(),
        );
        await transitionOutbound(
          db,
          current,
          { to: 'confirmed' },
          {
            type: 'cancel_confirmed',
            message: `Amazon shows order ${order.amazonOrderId} cancelled; nothing was sent again`,
          },
          ctx.now(),
        );
        report.confirmed++;
        return;
      }
      if (state.state === 'refused') {
        await transitionOutbound(
          db,
          current,
          { to: 'failed', error: state.reason },
          { type: failType, message: `Not cancelled on Amazon: ${state.reason}` },
          ctx.now(),
        );
        report.failed++;
        return;
      }
    }
    if (current.submittedAt && current.feedDocumentId) {
      // A submission started and was interrupted: createFeed may have reached Amazon. Never send it twice.
      const feed = await unclaimedFeed(ctx, current, current.submittedAt);
      if (feed) {
        await transitionOutbound(
          db,
          current,
          { to: 'submitted', feedId: feed.feedId, nextAttemptAt: ctx.now() },
          {
            type: `${eventPrefix(action)}_submitted`,
            message: `Found feed ${feed.feedId}, sent to Amazon before an interruption; it was not sent again`,
            data: { feedId: feed.feedId },
          },
          ctx.now(),
        );
        report.submitted++;
        return;
      }
    }
  } catch (error) {
    return amazonFailure(
      ctx,
      current,
      error,
      `Checking order ${order.amazonOrderId} on Amazon`,
      failType,
      report,
    );
  }
  let feed: { type: string; xml: string };
  try {
    feed = feedFor(ctx, current, order);
  } catch (error) {
    return amazonFailure(ctx, current, error, what, failType, report);
  }
  let feedDocumentId: string;
  try {
    const document = await ctx.amazon.feeds.createFeedDocument(XML_CONTENT_TYPE);
    await ctx.amazon.feeds.uploadFeedDocument(document.url, feed.xml, XML_CONTENT_TYPE);
    feedDocumentId = document.feedDocumentId;
  } catch (error) {
    return amazonFailure(ctx, current, error, what, failType, report);
  }
  // The marker of a submission in progress: from here until the feed id is stored, the outcome is in doubt.
  const marked = await db
    .update(outboundActions)
    .set({ feedDocumentId, submittedAt: ctx.now() })
    .where(and(eq(outboundActions.id, current.id), eq(outboundActions.state, 'pending')))
    .returning();
  current = marked[0] ?? (await reload(ctx, current.id));
  await checkpoint(options, 'feed:before-create', current);
  let feedId: string;
  try {
    ({ feedId } = await ctx.amazon.feeds.createFeed({
      feedType: feed.type,
      marketplaceIds: [order.marketplaceId],
      inputFeedDocumentId: feedDocumentId,
    }));
  } catch (error) {
    if (error instanceof SpApiError && !error.retryable && error.status !== undefined && error.status < 500) {
      // A clear refusal: no feed exists. Clear the marker so the next attempt does not look for one.
      await db
        .update(outboundActions)
        .set({ submittedAt: null })
        .where(and(eq(outboundActions.id, current.id), eq(outboundActions.state, 'pending')));
    }
    return amazonFailure(ctx, current, error, what, failType, report);
  }
  await checkpoint(options, 'feed:after-create', current);
  await transitionOutbound(
    db,
    current,
    {
      to: 'submitted',
      feedId,
      feedDocumentId,
      nextAttemptAt: new Date(ctx.now().getTime() + FEED_POLL_INTERVAL_MS),
    },
    {
      type: `${eventPrefix(action)}_submitted`,
      message: `${noun(action) === 'refund' ? 'Refund' : 'Cancellation'} sent to Amazon (feed ${feedId})`,
      data: { feedId },
    },
    ctx.now(),
  );
  report.submitted++;
}

function reportJson(report: ProcessingReport | null, status: string): Record<string, unknown> {
  return { processingStatus: status, ...(report ? { ...report, results: [...report.results] } : {}) };
}

async function pollFeedAction(
  ctx: SyncContext,
  action: OutboundActionRow,
  options: OutboundOptions,
  report: OutboundReport,
): Promise<void> {
  const { db } = ctx.database;
  const failType = `${eventPrefix(action)}_failed`;
  if (!action.feedId) {
    await transitionOutbound(
      db,
      action,
      { to: 'failed', error: 'submitted without a feed id' },
      { type: failType, message: 'The feed of this action is unknown' },
      ctx.now(),
    );
    report.failed++;
    return;
  }
  let status: string;
  let processing: ProcessingReport | null = null;
  try {
    const feed = await ctx.amazon.feeds.getFeed(action.feedId);
    status = feed.processingStatus;
    if (status === 'IN_QUEUE' || status === 'IN_PROGRESS') {
      await noteOutboundDelay(db, action, {
        nextAttemptAt: new Date(ctx.now().getTime() + FEED_POLL_INTERVAL_MS),
      });
      report.waiting++;
      return;
    }
    if (feed.resultFeedDocumentId) {
      const document = await ctx.amazon.feeds.getFeedDocument(feed.resultFeedDocumentId);
      const text = await ctx.amazon.feeds.downloadFeedDocument(document);
      if (text.trimStart().startsWith('<')) {
        processing = parseProcessingReport(text);
      }
    }
  } catch (error) {
    return amazonFailure(ctx, action, error, `Reading feed ${action.feedId}`, failType, report, false);
  }
  await checkpoint(options, 'feed:after-report', action);
  const outcome = processing ? messageOutcomes(processing, 1)[0] : undefined;
  const errors = processing?.results.filter((r) => r.resultCode === 'Error') ?? [];
  const warnings = outcome?.warnings ?? [];
  const describe = (r: { resultMessageCode: string; description: string }) =>
    `${r.resultMessageCode}: ${r.description}`;
  if (status === 'DONE' && processing && errors.length === 0) {
    await transitionOutbound(
      db,
      action,
      { to: 'confirmed', processingReport: reportJson(processing, status) },
      {
        type: `${eventPrefix(action)}_confirmed`,
        level: warnings.length > 0 ? 'warning' : 'info',
        message: `Amazon processed the ${noun(action)} (feed ${action.feedId})${
          warnings.length > 0 ? ` with warnings: ${warnings.map(describe).join('; ')}` : ''
        }`,
        data: { feedId: action.feedId },
      },
      ctx.now(),
    );
    report.confirmed++;
    if (action.kind === 'cancellation') {
      await completeRequestedCancellation(ctx, await reload(ctx, action.id), options);
    }
    return;
  }
  const message =
    errors.length > 0
      ? errors.map(describe).join('; ')
      : status === 'DONE'
        ? 'Amazon sent no processing report'
        : `Amazon ended the feed ${status}`;
  await transitionOutbound(
    db,
    action,
    { to: 'failed', error: message, processingReport: reportJson(processing, status) },
    {
      type: failType,
      message: `Amazon rejected the ${noun(action)} (feed ${action.feedId}): ${message}`,
      data: { feedId: action.feedId, errors: errors.map(describe) },
    },
    ctx.now(),
  );
  report.failed++;
}

// ---------------------------------------------------------------- the Commerce side of a requested cancel

/**
 * Once Amazon confirms a cancellation the merchant asked for, the Commerce order is cancelled — or, when Commerce
 * refuses (invoiced, shipped), commented and flagged. Recorded with the same event the Amazon-side cancellation
 * sync writes, so the order is cancelled in Commerce once whichever notices first.
 */
async function completeRequestedCancellation(
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
async function unfinishedCancellations(ctx: SyncContext): Promise<OutboundActionRow[]> {
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

// ---------------------------------------------------------------- the step

/**
 * Submits the account's due pending actions and polls its submitted ones, oldest first; then finishes requested
 * cancellations whose Commerce side is outstanding. Every step is recorded before the next one starts, and
 * before anything is sent again Amazon's state is checked, so a crash at any point resumes without a second
 * confirmation, cancellation or refund. Must run under the account's sync lock (one sync per account at a time).
 */
export async function processOutboundActions(
  ctx: SyncContext,
  options: OutboundOptions = {},
): Promise<OutboundReport> {
  const report: OutboundReport = { submitted: 0, confirmed: 0, failed: 0, waiting: 0 };
  const due = await ctx.database.db
    .select()
    .from(outboundActions)
    .where(
      and(
        eq(outboundActions.accountId, ctx.connection.account.id),
        inArray(outboundActions.state, ['pending', 'submitted']),
        or(isNull(outboundActions.nextAttemptAt), lte(outboundActions.nextAttemptAt, ctx.now())),
      ),
    )
    .orderBy(asc(outboundActions.createdAt), asc(outboundActions.id))
    .limit(DUE_BATCH);
  for (const action of due) {
    try {
      if (action.kind === 'shipment_confirmation') {
        await processShipment(ctx, action, options, report);
      } else if (action.state === 'pending') {
        await submitFeedAction(ctx, action, options, report);
      } else {
        await pollFeedAction(ctx, action, options, report);
      }
    } catch (error) {
      if (error instanceof Stop) {
        continue;
      }
      if (error instanceof SimulatedCrash) {
        throw error;
      }
      ctx.logger.error(
        { err: error, action: action.idempotencyKey },
        'outbound action step failed unexpectedly',
      );
      await noteOutboundDelay(ctx.database.db, action, {
        lastError: (error as Error).message,
        nextAttemptAt: retryAt(ctx, Math.max(1, action.attempts)),
      });
      report.waiting++;
    }
  }
  for (const action of await unfinishedCancellations(ctx)) {
    try {
      await completeRequestedCancellation(ctx, action, options);
    } catch (error) {
      if (error instanceof SimulatedCrash) {
        throw error;
      }
      ctx.logger.error({ err: error, action: action.idempotencyKey }, 'cancelling the Commerce order failed');
    }
  }
  return report;
}
