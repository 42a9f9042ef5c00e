import { syncCursors } from '@saleschannel/db';
import type { SyncStream } from '@saleschannel/domain';
import type { SyncContext } from '../sync/context.js';
import { discoverCreditMemos } from './credit-memos.js';
import {
  type OutboundOptions,
  type OutboundReport,
  processOutboundActions,
  SimulatedCrash,
} from './process.js';
import { discoverShipments } from './shipments.js';

export interface SyncOutboundReport extends OutboundReport {
  /** New shipment confirmations found in Commerce this run. */
  shipmentsFound: number;
  /** New refunds / cancellations found from Commerce credit memos this run. */
  creditMemosFound: number;
  /** Steps that failed this run (Commerce or Amazon unreachable…); the other steps still ran. */
  errors: string[];
}

async function noteStreamError(ctx: SyncContext, stream: SyncStream, message: string): Promise<void> {
  const now = ctx.now();
  await ctx.database.db
    .insert(syncCursors)
    .values({ accountId: ctx.connection.account.id, stream, lastRunAt: now, lastError: message })
    .onConflictDoUpdate({
      target: [syncCursors.accountId, syncCursors.stream],
      set: { lastRunAt: now, lastError: message },
    });
}

/**
 * The Commerce → Amazon half of an account's sync: find new Commerce shipments with tracking and new credit
 * memos (each stored as an outbound action before its cursor moves), then send what is due and poll what is
 * submitted. Call it after the import steps, under the same per-account lock. One failing step does not stop
 * the others: it is logged, recorded on its stream's cursor (`lastError`) and listed in `errors`.
 */
export async function syncOutbound(
  ctx: SyncContext,
  options: OutboundOptions = {},
): Promise<SyncOutboundReport> {
  const errors: string[] = [];
  const step = async <T>(name: string, stream: SyncStream | null, run: () => Promise<T>, fallback: T) => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SimulatedCrash) {
        throw error;
      }
      const message = `${name}: ${(error as Error).message}`;
      errors.push(message);
      ctx.logger.error({ err: error, step: name }, 'outbound sync step failed');
      if (stream) {
        await noteStreamError(ctx, stream, message).catch(() => undefined);
      }
      return fallback;
    }
  };
  const shipmentsFound = await step(
    'commerce shipments',
    'commerce_shipments',
    () => discoverShipments(ctx),
    0,
  );
  const creditMemosFound = await step(
    'commerce credit memos',
    'commerce_credit_memos',
    () => discoverCreditMemos(ctx),
    0,
  );
  const processed = await step('outbound actions', null, () => processOutboundActions(ctx, options), {
    submitted: 0,
    confirmed: 0,
    failed: 0,
    waiting: 0,
  });
  const report = { shipmentsFound, creditMemosFound, ...processed, errors };
  if (shipmentsFound + creditMemosFound + processed.submitted + processed.confirmed + processed.failed > 0) {
    ctx.logger.info({ outbound: report }, 'outbound actions synced');
  }
  return report;
}
