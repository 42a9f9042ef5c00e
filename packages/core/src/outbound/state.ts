import {
  type DbOrTx,
  type NewOutboundActionRow,
  type OutboundActionRow,
  outboundActions,
} from '@saleschannel/db';
import { type OutboundActionKind, type OutboundActionState, outboundLifecycle } from '@saleschannel/domain';
import { and, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../errors.js';
import { recordEvent, type TimelineEvent } from '../orders/import-state.js';

export type OutboundTransition =
  /** Back in the queue (a failed action retried on demand), due at `nextAttemptAt` (default now). */
  | { readonly to: 'pending'; readonly nextAttemptAt?: Date }
  /** Sent to Amazon: a confirmShipment call about to be made, or a feed created (its id). */
  | {
      readonly to: 'submitted';
      readonly feedId?: string;
      readonly feedDocumentId?: string;
      readonly nextAttemptAt?: Date;
    }
  | { readonly to: 'confirmed'; readonly processingReport?: Record<string, unknown> }
  | { readonly to: 'failed'; readonly error: string; readonly processingReport?: Record<string, unknown> };

/**
 * Moves an outbound action's state — the only way it changes. The lifecycle table decides whether the move is
 * allowed; the caller's row must still be in the state it saw (otherwise another process moved it: conflict).
 * Each move writes one timeline event on the order, with the states in its data. Moving to `submitted` counts
 * an attempt.
 */
export async function transitionOutbound(
  db: DbOrTx,
  basis: Pick<OutboundActionRow, 'id' | 'state'>,
  transition: OutboundTransition,
  event: TimelineEvent,
  now = new Date(),
): Promise<OutboundActionRow> {
  // The move and its timeline event commit together (a savepoint inside a caller's transaction).
  return db.transaction((tx) => moveOutbound(tx, basis, transition, event, now));
}

/**
 * Amazon already has what the action would send (found before sending again): the action goes to `confirmed`,
 * through `submitted` when it was still pending, each move with its event (`<prefix>_submitted`, `_confirmed`).
 */
export async function confirmAlreadyOnAmazon(
  db: DbOrTx,
  action: OutboundActionRow,
  prefix: string,
  messages: { readonly submitted: string; readonly confirmed: string },
  now = new Date(),
): Promise<OutboundActionRow> {
  const current =
    action.state === 'pending'
      ? await transitionOutbound(
          db,
          action,
          { to: 'submitted' },
          { type: `${prefix}_submitted`, message: messages.submitted },
          now,
        )
      : action;
  return transitionOutbound(
    db,
    current,
    { to: 'confirmed' },
    { type: `${prefix}_confirmed`, message: messages.confirmed },
    now,
  );
}

async function moveOutbound(
  db: DbOrTx,
  basis: Pick<OutboundActionRow, 'id' | 'state'>,
  transition: OutboundTransition,
  event: TimelineEvent,
  now: Date,
): Promise<OutboundActionRow> {
  const [action] = await db.select().from(outboundActions).where(eq(outboundActions.id, basis.id));
  if (!action) {
    throw new NotFoundError('Outbound action', basis.id);
  }
  if (action.state !== basis.state) {
    throw new ConflictError(`outbound action ${action.idempotencyKey} was changed by another process`);
  }
  const from = action.state as OutboundActionState;
  outboundLifecycle.assertTransition(from, transition.to);

  const changes: Partial<NewOutboundActionRow> = { state: transition.to };
  switch (transition.to) {
    case 'pending':
      Object.assign(changes, {
        nextAttemptAt: transition.nextAttemptAt ?? now,
        completedAt: null,
        feedId: null,
        feedDocumentId: null,
        submittedAt: null,
        processingReport: null,
      });
      break;
    case 'submitted':
      Object.assign(changes, {
        attempts: action.attempts + 1,
        submittedAt: now,
        nextAttemptAt: transition.nextAttemptAt ?? now,
        lastError: null,
        ...(transition.feedId !== undefined ? { feedId: transition.feedId } : {}),
        ...(transition.feedDocumentId !== undefined ? { feedDocumentId: transition.feedDocumentId } : {}),
      });
      break;
    case 'confirmed':
      Object.assign(changes, {
        completedAt: now,
        nextAttemptAt: null,
        lastError: null,
        ...(transition.processingReport ? { processingReport: transition.processingReport } : {}),
      });
      break;
    case 'failed':
      Object.assign(changes, {
        completedAt: now,
        nextAttemptAt: null,
        lastError: transition.error,
        ...(transition.processingReport ? { processingReport: transition.processingReport } : {}),
      });
      break;
  }
  const [updated] = await db
    .update(outboundActions)
    .set(changes)
    .where(and(eq(outboundActions.id, action.id), eq(outboundActions.state, from)))
    .returning();
  if (!updated) {
    throw new ConflictError(`outbound action ${action.idempotencyKey} was changed by another process`);
  }
  await recordEvent(
    db,
    { id: updated.orderId, accountId: updated.accountId },
    {
      level: transition.to === 'failed' ? 'error' : 'info',
      ...event,
      data: {
        ...event.data,
        actionId: updated.id,
        kind: updated.kind,
        outboundState: { from, to: transition.to },
      },
    },
  );
  return updated;
}

/**
 * Notes a problem without changing the state (Amazon unreachable, feed still processing): the error and the
 * time of the next attempt. Only the row's bookkeeping changes, so no lifecycle move is involved.
 */
export async function noteOutboundDelay(
  db: DbOrTx,
  action: Pick<OutboundActionRow, 'id' | 'state'>,
  changes: {
    readonly lastError?: string | null;
    readonly nextAttemptAt: Date;
    /** Count the failed try as an attempt (attempts bound the retries of a send). */
    readonly countAttempt?: boolean;
  },
): Promise<void> {
  await db
    .update(outboundActions)
    .set({
      nextAttemptAt: changes.nextAttemptAt,
      ...(changes.lastError !== undefined ? { lastError: changes.lastError } : {}),
      ...(changes.countAttempt ? { attempts: sql`${outboundActions.attempts} + 1` } : {}),
    })
    .where(and(eq(outboundActions.id, action.id), eq(outboundActions.state, action.state)));
}

export interface NewOutboundAction {
  readonly orderId: string;
  readonly accountId: string;
  readonly kind: OutboundActionKind;
  readonly idempotencyKey: string;
  readonly payload: Record<string, unknown>;
}

/**
 * Stores an action once per idempotency key: the first call inserts it (pending, due now) with a timeline event;
 * any later call with the same key returns the stored row unchanged.
 */
export async function recordOutboundAction(
  db: DbOrTx,
  input: NewOutboundAction,
  event: TimelineEvent,
  now = new Date(),
): Promise<{ readonly action: OutboundActionRow; readonly created: boolean }> {
  return db.transaction((tx) => insertOnce(tx, input, event, now));
}

async function insertOnce(
  db: DbOrTx,
  input: NewOutboundAction,
  event: TimelineEvent,
  now: Date,
): Promise<{ readonly action: OutboundActionRow; readonly created: boolean }> {
  const [inserted] = await db
    .insert(outboundActions)
    .values({ ...input, state: 'pending', nextAttemptAt: now })
    .onConflictDoNothing({ target: outboundActions.idempotencyKey })
    .returning();
  if (inserted) {
    await recordEvent(
      db,
      { id: inserted.orderId, accountId: inserted.accountId },
      {
        ...event,
        data: { ...event.data, actionId: inserted.id, kind: inserted.kind, outboundState: { to: 'pending' } },
      },
    );
    return { action: inserted, created: true };
  }
  const [existing] = await db
    .select()
    .from(outboundActions)
    .where(eq(outboundActions.idempotencyKey, input.idempotencyKey));
  if (!existing) {
    throw new ConflictError(`outbound action ${input.idempotencyKey} could not be stored`);
  }
  return { action: existing, created: false };
}
