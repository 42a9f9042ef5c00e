import { outboundActions } from '@saleschannel/db';
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { SyncContext } from '../sync/context.js';
import { completeRequestedCancellation, unfinishedCancellations } from './commerce-cancel.js';
import { processShipment } from './confirm-shipment.js';
import { pollFeedAction, submitFeedAction } from './feed-actions.js';
import { noteOutboundDelay } from './state.js';
import { type OutboundOptions, type OutboundReport, retryAt, SimulatedCrash, Stop } from './step-support.js';

export {
  FEED_POLL_INTERVAL_MS,
  IN_DOUBT_FEED_MARGIN_MS,
  OUTBOUND_MAX_ATTEMPTS,
  type OutboundCrashPoint,
  type OutboundOptions,
  type OutboundReport,
  SimulatedCrash,
} from './step-support.js';

const DUE_BATCH = 100;

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
