import { OrderChangeValidationError, parseOrderChangeNotification } from '@saleschannel/amazon';
import { accounts, inboundNotifications } from '@saleschannel/db';
import { and, eq } from 'drizzle-orm';
import { InvalidInputError } from './errors.js';
import type { Runtime } from './runtime.js';

export type IngestResult =
  | { readonly status: 'queued'; readonly accountId: string; readonly amazonOrderId: string }
  | { readonly status: 'duplicate'; readonly notificationId: string }
  /** Valid, but for no connected account: kept as received so it is not retried forever, and not acted on. */
  | { readonly status: 'ignored'; readonly reason: string };

/**
 * Takes one Amazon ORDER_CHANGE notification as EventBridge or SQS forward it (the bare notification, or an
 * EventBridge event carrying it in `detail`): validates it against Amazon's schema, records its id (a second
 * delivery of the same notification is a no-op), and queues a fetch of that one order.
 */
export async function ingestOrderChangeNotification(runtime: Runtime, body: unknown): Promise<IngestResult> {
  const candidate =
    body && typeof body === 'object' && 'detail' in body && (body as { detail?: unknown }).detail
      ? (body as { detail: unknown }).detail
      : body;
  let notification: ReturnType<typeof parseOrderChangeNotification>;
  try {
    notification = parseOrderChangeNotification(candidate);
  } catch (error) {
    if (error instanceof OrderChangeValidationError) {
      throw new InvalidInputError(
        'invalid ORDER_CHANGE notification',
        error.problems.map((problem) => ({ field: 'notification', message: problem })),
      );
    }
    throw error;
  }
  const change = notification.Payload.OrderChangeNotification;
  const notificationId = notification.NotificationMetadata.NotificationId;
  const { db } = runtime.database;
  const [account] = await db
    .select({ id: accounts.id, status: accounts.status })
    .from(accounts)
    .where(
      and(eq(accounts.sellerId, change.SellerId), eq(accounts.marketplaceId, change.Summary.MarketplaceId)),
    );
  const [recorded] = await db
    .insert(inboundNotifications)
    .values({
      notificationId,
      notificationType: 'ORDER_CHANGE',
      accountId: account?.id ?? null,
      amazonOrderId: change.AmazonOrderId,
      ...(account ? {} : { processedAt: new Date() }),
    })
    .onConflictDoNothing()
    .returning({ id: inboundNotifications.id });
  if (!recorded) {
    return { status: 'duplicate', notificationId };
  }
  if (!account) {
    return {
      status: 'ignored',
      reason: `no account for seller ${change.SellerId} on marketplace ${change.Summary.MarketplaceId}`,
    };
  }
  const queue = await runtime.jobs();
  await queue.requestOrderSync({
    accountId: account.id,
    amazonOrderId: change.AmazonOrderId,
    notificationId,
  });
  return { status: 'queued', accountId: account.id, amazonOrderId: change.AmazonOrderId };
}

/** Marks a notification handled once its order went through the sync. */
export async function markNotificationProcessed(runtime: Runtime, notificationId: string): Promise<void> {
  await runtime.database.db
    .update(inboundNotifications)
    .set({ processedAt: new Date() })
    .where(eq(inboundNotifications.notificationId, notificationId));
}
