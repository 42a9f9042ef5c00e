import {
  type AdjustmentReason,
  buildCancellationFeed,
  buildOrderAdjustmentFeed,
  type CancelReason,
  FEED_TYPES,
  type Feeds,
  messageOutcomes,
  type ProcessingReport,
  parseProcessingReport,
  SpApiError,
  XML_CONTENT_TYPE,
} from '@saleschannel/amazon';
import { type AmazonOrderRow, type OutboundActionRow, outboundActions } from '@saleschannel/db';
import type { RefundLine } from '@saleschannel/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { SyncContext } from '../sync/context.js';
import { completeRequestedCancellation } from './commerce-cancel.js';
import { confirmAlreadyOnAmazon, noteOutboundDelay, transitionOutbound } from './state.js';
import {
  amazonFailure,
  checkpoint,
  FEED_POLL_INTERVAL_MS,
  IN_DOUBT_FEED_MARGIN_MS,
  type OutboundOptions,
  type OutboundReport,
  orderOf,
  reload,
} from './step-support.js';

export interface CancellationPayload {
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

/** Sends a pending refund or cancellation as a feed, or settles one whose submission was interrupted. */
export async function submitFeedAction(
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
        await confirmAlreadyOnAmazon(
          db,
          current,
          'cancel',
          {
            submitted: `Order ${order.amazonOrderId} is already cancelled on Amazon`,
            confirmed: `Amazon shows order ${order.amazonOrderId} cancelled; nothing was sent again`,
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

/** Looks at a submitted feed: still processing → later; done → confirmed or failed with the report's errors. */
export async function pollFeedAction(
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
