import { SpApiError } from '@saleschannel/amazon';
import { CommerceError } from '@saleschannel/commerce';
import {
  accounts,
  communicationErrors,
  type DbOrTx,
  inboundNotifications,
  orderSettings,
} from '@saleschannel/db';
import type { LogRetention } from '@saleschannel/domain';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';

const RETENTION_DAYS: Readonly<Record<LogRetention, number>> = { daily: 1, weekly: 7, monthly: 30 };
/** Received notifications are kept at least this long, past any redelivery by Amazon, for deduplication. */
const NOTIFICATION_KEEP_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * "Clear Log History": removes each account's communication errors older than its retention (a day, a week or a
 * month), those of no account after a month, and handled notifications once they can no longer be redelivered.
 * Order timelines stay with their orders. Returns how many rows went.
 */
export async function clearLogHistory(db: DbOrTx, now = new Date()): Promise<number> {
  let removed = 0;
  const settings = await db
    .select({ accountId: accounts.id, retention: orderSettings.logRetention })
    .from(accounts)
    .innerJoin(orderSettings, eq(orderSettings.accountId, accounts.id));
  for (const { accountId, retention } of settings) {
    const before = new Date(now.getTime() - RETENTION_DAYS[retention as LogRetention] * DAY_MS);
    const rows = await db
      .delete(communicationErrors)
      .where(and(eq(communicationErrors.accountId, accountId), lt(communicationErrors.createdAt, before)))
      .returning({ id: communicationErrors.id });
    removed += rows.length;
  }
  // Errors of no account (a notification naming none) are kept as long as the longest retention.
  const unowned = await db
    .delete(communicationErrors)
    .where(
      and(
        isNull(communicationErrors.accountId),
        lt(communicationErrors.createdAt, new Date(now.getTime() - RETENTION_DAYS.monthly * DAY_MS)),
      ),
    )
    .returning({ id: communicationErrors.id });
  removed += unowned.length;
  const handled = await db
    .delete(inboundNotifications)
    .where(
      and(
        isNotNull(inboundNotifications.processedAt),
        lt(inboundNotifications.receivedAt, new Date(now.getTime() - NOTIFICATION_KEEP_DAYS * DAY_MS)),
      ),
    )
    .returning({ id: inboundNotifications.id });
  return removed + handled.length;
}

/**
 * The Communication Errors log: a failed call to Amazon or Commerce, with the status, code and Amazon's request
 * id. Returns false (and records nothing) for an error that is not a call to either.
 */
export async function recordCommunicationError(
  db: DbOrTx,
  accountId: string | null,
  error: unknown,
): Promise<boolean> {
  if (error instanceof SpApiError) {
    await db.insert(communicationErrors).values({
      accountId,
      system: 'amazon',
      operation: error.operation ?? 'unknown',
      httpStatus: error.status ?? null,
      errorCode: error.code,
      message: error.message,
      requestId: error.requestId ?? null,
    });
    return true;
  }
  if (error instanceof CommerceError) {
    await db.insert(communicationErrors).values({
      accountId,
      system: 'commerce',
      operation: `${error.method} ${error.path}`,
      httpStatus: error.status ?? null,
      message: error.message,
    });
    return true;
  }
  return false;
}
