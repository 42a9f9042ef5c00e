import { FeedValidationError, SpApiError } from '@saleschannel/amazon';
import { type AmazonOrderRow, amazonOrders, type OutboundActionRow, outboundActions } from '@saleschannel/db';
import { eq } from 'drizzle-orm';
import type { SyncContext } from '../sync/context.js';
import { noteOutboundDelay, transitionOutbound } from './state.js';

/** Time between two looks at a feed Amazon is still processing. */
export const FEED_POLL_INTERVAL_MS = 60_000;
/** Attempts (sends) before an action Amazon keeps refusing to take is given up as failed. */
export const OUTBOUND_MAX_ATTEMPTS = 8;
/** A feed created just before a crash is looked for among the seller's feeds created since this long before. */
export const IN_DOUBT_FEED_MARGIN_MS = 15 * 60_000;

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

export function retryAt(ctx: SyncContext, attempts: number): Date {
  const delay = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return new Date(ctx.now().getTime() + delay);
}

/** Amazon's own words for an error it sent, or the error's message. */
export function amazonMessage(error: SpApiError): string {
  return error.errors.map((e) => `${e.code}: ${e.message}${e.details ? ` (${e.details})` : ''}`).join('; ');
}

/** True for errors that a later attempt can get past (throttling, 5xx, network); false for Amazon refusing. */
export function transient(error: unknown): boolean {
  return error instanceof SpApiError ? error.retryable : false;
}

/** Thrown to stop one action's step after its state was recorded. */
export class Stop extends Error {}

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

export async function checkpoint(
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

export async function orderOf(ctx: SyncContext, action: OutboundActionRow): Promise<AmazonOrderRow> {
  const [order] = await ctx.database.db
    .select()
    .from(amazonOrders)
    .where(eq(amazonOrders.id, action.orderId));
  if (!order) {
    throw new Error(`the order of outbound action ${action.idempotencyKey} does not exist`);
  }
  return order;
}

export async function reload(ctx: SyncContext, id: string): Promise<OutboundActionRow> {
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
export async function amazonFailure(
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
