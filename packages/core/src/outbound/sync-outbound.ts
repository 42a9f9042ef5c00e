import type { SyncContext } from '../sync/context.js';
import { discoverCreditMemos } from './credit-memos.js';
import { type OutboundOptions, type OutboundReport, processOutboundActions } from './process.js';
import { discoverShipments } from './shipments.js';

export interface SyncOutboundReport extends OutboundReport {
  /** New shipment confirmations found in Commerce this run. */
  shipmentsFound: number;
  /** New refunds / cancellations found from Commerce credit memos this run. */
  creditMemosFound: number;
}

/**
 * The Commerce → Amazon half of an account's sync: find new Commerce shipments with tracking and new credit
 * memos (each stored as an outbound action before its cursor moves), then send what is due and poll what is
 * submitted. Call it after the import steps, under the same per-account lock.
 */
export async function syncOutbound(
  ctx: SyncContext,
  options: OutboundOptions = {},
): Promise<SyncOutboundReport> {
  const shipmentsFound = await discoverShipments(ctx);
  const creditMemosFound = await discoverCreditMemos(ctx);
  const processed = await processOutboundActions(ctx, options);
  const report = { shipmentsFound, creditMemosFound, ...processed };
  if (shipmentsFound + creditMemosFound + processed.submitted + processed.confirmed + processed.failed > 0) {
    ctx.logger.info({ outbound: report }, 'outbound actions synced');
  }
  return report;
}
