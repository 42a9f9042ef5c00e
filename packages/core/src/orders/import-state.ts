import { type AmazonOrderRow, amazonOrders, type DbOrTx, orderEvents } from '@saleschannel/db';
import {
  type EventLevel,
  type ImportState,
  importLifecycle,
  nextImportAttemptAt,
} from '@saleschannel/domain';
import { and, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../errors.js';

export interface TimelineEvent {
  readonly type: string;
  readonly message: string;
  readonly level?: EventLevel;
  /** Facts for the timeline; never buyer data. */
  readonly data?: Record<string, unknown>;
}

export type ImportTransition =
  | { readonly to: 'pending'; readonly nextAttemptAt?: Date; readonly resetAttempts?: boolean }
  | { readonly to: 'skipped' }
  | { readonly to: 'imported'; readonly commerceOrderId: number; readonly commerceIncrementId: string }
  | { readonly to: 'error'; readonly code: string; readonly reason: string };

/**
 * Moves an order's import state — the only way it changes. The caller passes the row its decision was based
 * on: if the order changed since (another worker, an operator), the move is refused with a conflict rather than
 * applied to a state nobody looked at. The lifecycle table decides whether the move is allowed; the timeline
 * gets the event in the same transaction. A failure counts an attempt and schedules the next automatic
 * one (bounded).
 */
export async function transitionImport(
  db: DbOrTx,
  basis: Pick<AmazonOrderRow, 'id' | 'version'>,
  transition: ImportTransition,
  event: TimelineEvent,
  now = new Date(),
): Promise<AmazonOrderRow> {
  // One transaction: the state and its timeline event commit together (and cost one commit, not two).
  return db.transaction(async (tx) => {
    const orderId = basis.id;
    const [order] = await tx.select().from(amazonOrders).where(eq(amazonOrders.id, orderId));
    if (!order) {
      throw new NotFoundError('Order', orderId);
    }
    if (order.version !== basis.version) {
      throw new ConflictError(`order ${order.amazonOrderId} was changed by another process; try again`);
    }
    importLifecycle.assertTransition(order.importState as ImportState, transition.to);

    const changes: Partial<typeof amazonOrders.$inferInsert> = {
      importState: transition.to,
      version: order.version + 1,
      // Whoever moved the order is done with it: its processing lease ends.
      processingUntil: null,
    };
    switch (transition.to) {
      case 'pending':
        Object.assign(changes, {
          importError: null,
          importErrorCode: null,
          nextAttemptAt: transition.nextAttemptAt ?? now,
          ...(transition.resetAttempts ? { importAttempts: 0 } : {}),
        });
        break;
      case 'skipped':
        Object.assign(changes, { importError: null, importErrorCode: null, nextAttemptAt: null });
        break;
      case 'imported':
        Object.assign(changes, {
          importError: null,
          importErrorCode: null,
          nextAttemptAt: null,
          commerceOrderId: transition.commerceOrderId,
          commerceIncrementId: transition.commerceIncrementId,
          importedAt: now,
        });
        break;
      case 'error': {
        const attempts = order.importAttempts + 1;
        Object.assign(changes, {
          importError: transition.reason,
          importErrorCode: transition.code,
          importAttempts: attempts,
          nextAttemptAt: nextImportAttemptAt(attempts, now),
        });
        break;
      }
    }
    const [updated] = await tx
      .update(amazonOrders)
      .set(changes)
      .where(and(eq(amazonOrders.id, orderId), eq(amazonOrders.version, order.version)))
      .returning();
    if (!updated) {
      throw new ConflictError(`order ${order.amazonOrderId} was changed by another process; try again`);
    }
    await recordEvent(tx, updated, {
      level: transition.to === 'error' ? 'error' : 'info',
      ...event,
      data: { ...event.data, importState: { from: order.importState, to: transition.to } },
    });
    return updated;
  });
}

export async function recordEvent(
  db: DbOrTx,
  order: Pick<AmazonOrderRow, 'id' | 'accountId'>,
  event: TimelineEvent,
): Promise<void> {
  await db.insert(orderEvents).values({
    orderId: order.id,
    accountId: order.accountId,
    type: event.type,
    level: event.level ?? 'info',
    message: event.message,
    data: event.data ?? null,
  });
}
