import {
  OUTBOUND_ACTION_KINDS,
  OUTBOUND_ACTION_STATES,
  REMOTE_SYSTEMS,
  SYNC_STREAMS,
} from '@saleschannel/domain';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, oneOf } from './_columns.js';
import { accounts } from './accounts.js';
import { amazonOrders } from './orders.js';

/**
 * What saleschannel tells Amazon for an order (shipment confirmation, cancellation, refund). The idempotency key
 * makes a retried request find the row it already wrote instead of sending the action twice.
 */
export const outboundActions = pgTable(
  'outbound_actions',
  {
    id: idColumn('act'),
    orderId: text()
      .notNull()
      .references(() => amazonOrders.id, { onDelete: 'cascade' }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    state: text().notNull().default('pending'),
    idempotencyKey: text().notNull(),
    /** What is sent: items and quantities, carrier and tracking, reason, amounts (no PII). */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    feedId: text(),
    feedDocumentId: text(),
    /** Per-message results parsed from the feed's processing report. */
    processingReport: jsonb().$type<Record<string, unknown>>(),
    nextAttemptAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('outbound_actions_idempotency_key').on(t.idempotencyKey),
    index('outbound_actions_order_idx').on(t.orderId, t.createdAt),
    index('outbound_actions_due_idx')
      .on(t.state, t.nextAttemptAt)
      .where(sql`${t.state} in ('pending', 'submitted')`),
    check('outbound_actions_kind_check', oneOf(t.kind, OUTBOUND_ACTION_KINDS)),
    check('outbound_actions_state_check', oneOf(t.state, OUTBOUND_ACTION_STATES)),
    check('outbound_actions_attempts_check', sql`${t.attempts} >= 0`),
    check(
      'outbound_actions_failed_reason_check',
      sql`${t.state} <> 'failed' or coalesce(${t.lastError}, '') <> ''`,
    ),
    check(
      'outbound_actions_submitted_at_check',
      sql`${t.state} not in ('submitted', 'confirmed') or ${t.submittedAt} is not null`,
    ),
  ],
);

/** Where each stream of an account's sync has got to. The cursor advances only after a page is stored. */
export const syncCursors = pgTable(
  'sync_cursors',
  {
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stream: text().notNull(),
    /** High-water mark: the last-updated time up to which everything is durably stored. */
    cursorAt: timestamp({ withTimezone: true }),
    /** Amazon's pagination token of a run in progress, so a crashed run resumes on the same page. */
    pageToken: text(),
    /** Stream-specific progress (backfill: since, until, pages and orders done). */
    progress: jsonb().$type<Record<string, unknown>>(),
    lastRunAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    lastError: text(),
    ...lifecycleDates,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.stream] }),
    check('sync_cursors_stream_check', oneOf(t.stream, SYNC_STREAMS)),
  ],
);

/** The Communication Errors log: failed calls to Amazon or Commerce. */
export const communicationErrors = pgTable(
  'communication_errors',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    accountId: text().references(() => accounts.id, { onDelete: 'cascade' }),
    system: text().notNull(),
    operation: text().notNull(),
    httpStatus: integer(),
    errorCode: text(),
    message: text().notNull(),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('communication_errors_account_idx').on(t.accountId, t.createdAt.desc()),
    index('communication_errors_created_idx').on(t.createdAt.desc()),
    check('communication_errors_system_check', oneOf(t.system, REMOTE_SYSTEMS)),
  ],
);

/** Amazon change notifications already received; the unique id makes a duplicate delivery a no-op. */
export const inboundNotifications = pgTable(
  'inbound_notifications',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    notificationId: text().notNull(),
    notificationType: text().notNull(),
    accountId: text().references(() => accounts.id, { onDelete: 'cascade' }),
    amazonOrderId: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_notifications_notification_key').on(t.notificationId),
    index('inbound_notifications_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);

/** Quantity held in Commerce for a Pending Amazon order, released on expiry, cancellation or creation. */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: idColumn('rsv'),
    orderId: text()
      .notNull()
      .references(() => amazonOrders.id, { onDelete: 'cascade' }),
    sku: text().notNull(),
    quantity: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** When the quantity was taken from Commerce stock; null while only intended. */
    appliedAt: timestamp({ withTimezone: true }),
    releasedAt: timestamp({ withTimezone: true }),
    releaseReason: text(),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('stock_reservations_order_sku_key').on(t.orderId, t.sku),
    index('stock_reservations_expiry_idx').on(t.expiresAt).where(sql`${t.releasedAt} is null`),
    check('stock_reservations_quantity_check', sql`${t.quantity} > 0`),
  ],
);
