import { OrderChangeValidationError, parseOrderChangeNotification } from '@saleschannel/amazon';
import { accounts, communicationErrors, inboundNotifications } from '@saleschannel/db';
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
  const candidate = unwrap(body);
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

/** The notification in what EventBridge or SQS forward: the bare notification, or an EventBridge event's `detail`. */
function unwrap(body: unknown): unknown {
  return body && typeof body === 'object' && 'detail' in body && (body as { detail?: unknown }).detail
    ? (body as { detail: unknown }).detail
    : body;
}

/**
 * Logs a notification that cannot be taken (its body is not JSON, or it is not a valid ORDER_CHANGE) in the
 * Communication Errors log, under the account whose seller and marketplace it names if it names one, so that the
 * operator sees it. Nothing is lost by dropping it afterwards: the scheduled sync fetches every changed order.
 * `operation` says where it came from (`sqs ORDER_CHANGE`), `reference` the carrier's id of it (the SQS message id).
 */
export async function recordRejectedNotification(
  runtime: Runtime,
  input: {
    readonly body: unknown;
    readonly reason: string;
    readonly operation: string;
    readonly reference?: string;
  },
): Promise<{ readonly accountId: string | null }> {
  const change = (unwrap(input.body) as { Payload?: { OrderChangeNotification?: unknown } } | undefined)
    ?.Payload?.OrderChangeNotification as
    | { SellerId?: unknown; Summary?: { MarketplaceId?: unknown } }
    | undefined;
  const sellerId = change?.SellerId;
  const marketplaceId = change?.Summary?.MarketplaceId;
  const { db } = runtime.database;
  const [account] =
    typeof sellerId === 'string' && typeof marketplaceId === 'string'
      ? await db
          .select({ id: accounts.id })
          .from(accounts)
          .where(and(eq(accounts.sellerId, sellerId), eq(accounts.marketplaceId, marketplaceId)))
      : [];
  await db.insert(communicationErrors).values({
    accountId: account?.id ?? null,
    system: 'amazon',
    operation: input.operation,
    errorCode: 'InvalidNotification',
    message: input.reason,
    requestId: input.reference ?? null,
  });
  return { accountId: account?.id ?? null };
}

/** Marks a notification handled once its order went through the sync. */
export async function markNotificationProcessed(runtime: Runtime, notificationId: string): Promise<void> {
  await runtime.database.db
    .update(inboundNotifications)
    .set({ processedAt: new Date() })
    .where(eq(inboundNotifications.notificationId, notificationId));
}
