import {
  AMAZON_ORDER_STATUSES,
  EVENT_LEVELS,
  FULFILLMENT_CHANNELS,
  IMPORT_STATES,
} from '@saleschannel/domain';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { encrypted, idColumn, lifecycleDates, money, oneOf } from './_columns.js';
import { accounts } from './accounts.js';

/**
 * An Amazon order as saleschannel holds it: header fields in plain columns for the grid, buyer and address PII
 * and the raw payload encrypted, and where its import into Commerce stands.
 */
export const amazonOrders = pgTable(
  'amazon_orders',
  {
    id: idColumn('ord'),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    amazonOrderId: text().notNull(),
    sellerOrderId: text(),
    marketplaceId: text().notNull(),
    purchaseDate: timestamp({ withTimezone: true }).notNull(),
    lastUpdateDate: timestamp({ withTimezone: true }).notNull(),
    amazonStatus: text().notNull(),
    fulfillmentChannel: text().notNull(),
    salesChannel: text(),
    orderType: text(),
    shipServiceLevel: text(),
    shipmentServiceLevelCategory: text(),
    isPrime: boolean().notNull().default(false),
    isBusinessOrder: boolean().notNull().default(false),
    isReplacementOrder: boolean().notNull().default(false),
    isPremiumOrder: boolean().notNull().default(false),
    isGlobalExpressEnabled: boolean().notNull().default(false),
    isIspu: boolean().notNull().default(false),
    replacedOrderId: text(),
    buyerRequestedCancel: boolean().notNull().default(false),
    buyerCancelReason: text(),
    earliestShipDate: timestamp({ withTimezone: true }),
    latestShipDate: timestamp({ withTimezone: true }),
    earliestDeliveryDate: timestamp({ withTimezone: true }),
    latestDeliveryDate: timestamp({ withTimezone: true }),
    numberOfItemsShipped: integer().notNull().default(0),
    numberOfItemsUnshipped: integer().notNull().default(0),
    /** Null only while Amazon has not priced the order yet (Pending orders may come without totals). */
    currencyCode: text(),
    orderTotal: money(),
    /** ISO country of the ship-to address; kept in clear for tax rules and reporting (not PII on its own). */
    shipCountryCode: text(),
    /** Encrypted JSON: buyer name, email, phone, company, tax info. */
    buyer: encrypted(),
    /** Encrypted JSON: the ship-to address. */
    shippingAddress: encrypted(),
    /** Keyed hashes of the normalised buyer email and name, for exact-match search without plaintext. */
    buyerEmailHash: text(),
    buyerNameHash: text(),
    /** Encrypted JSON: the order exactly as Amazon sent it (it carries PII). */
    rawPayload: encrypted().notNull(),
    /** Which Amazon API version the payload came from. */
    sourceApi: text().notNull().default('2026-01-01'),
    importState: text().notNull().default('pending'),
    importError: text(),
    importErrorCode: text(),
    importAttempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    commerceOrderId: integer(),
    commerceIncrementId: text(),
    importedAt: timestamp({ withTimezone: true }),
    /**
     * Lease of the process creating the Commerce order: while it runs, no other process (a notification racing
     * the scheduled sync) may try the same order, so two creates never race past Commerce's lookup.
     */
    processingUntil: timestamp({ withTimezone: true }),
    /** Optimistic concurrency: bumped by every update of the row. */
    version: integer().notNull().default(1),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('amazon_orders_account_order_key').on(t.accountId, t.amazonOrderId),
    uniqueIndex('amazon_orders_account_commerce_order_key')
      .on(t.accountId, t.commerceOrderId)
      .where(sql`${t.commerceOrderId} is not null`),
    index('amazon_orders_account_purchase_idx').on(t.accountId, t.purchaseDate.desc()),
    index('amazon_orders_purchase_idx').on(t.purchaseDate.desc()),
    index('amazon_orders_account_updated_idx').on(t.accountId, t.lastUpdateDate),
    index('amazon_orders_account_status_idx').on(t.accountId, t.amazonStatus, t.purchaseDate.desc()),
    index('amazon_orders_account_import_state_idx').on(t.accountId, t.importState, t.purchaseDate.desc()),
    index('amazon_orders_account_total_idx').on(t.accountId, t.orderTotal),
    index('amazon_orders_seller_order_idx').on(t.sellerOrderId),
    index('amazon_orders_buyer_email_idx').on(t.buyerEmailHash),
    index('amazon_orders_buyer_name_idx').on(t.buyerNameHash),
    index('amazon_orders_commerce_increment_idx').on(t.commerceIncrementId),
    index('amazon_orders_retry_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.importState} in ('pending', 'error')`),
    check('amazon_orders_amazon_status_check', oneOf(t.amazonStatus, AMAZON_ORDER_STATUSES)),
    check('amazon_orders_fulfillment_channel_check', oneOf(t.fulfillmentChannel, FULFILLMENT_CHANNELS)),
    check('amazon_orders_import_state_check', oneOf(t.importState, IMPORT_STATES)),
    check('amazon_orders_source_api_check', oneOf(t.sourceApi, ['v0', '2026-01-01'])),
    check('amazon_orders_currency_check', sql`${t.currencyCode} ~ '^[A-Z]{3}$'`),
    check(
      'amazon_orders_total_currency_check',
      sql`${t.orderTotal} is null or ${t.currencyCode} is not null`,
    ),
    check(
      'amazon_orders_imported_link_check',
      sql`${t.importState} <> 'imported' or (${t.commerceOrderId} is not null and ${t.commerceIncrementId} is not null)`,
    ),
    check(
      'amazon_orders_error_reason_check',
      sql`${t.importState} <> 'error' or coalesce(${t.importError}, '') <> ''`,
    ),
    check('amazon_orders_attempts_check', sql`${t.importAttempts} >= 0`),
    check(
      'amazon_orders_item_counts_check',
      sql`${t.numberOfItemsShipped} >= 0 and ${t.numberOfItemsUnshipped} >= 0`,
    ),
  ],
);

/** One line of an Amazon order. Prices are decimal strings in the order's currency. */
export const amazonOrderItems = pgTable(
  'amazon_order_items',
  {
    id: idColumn('itm'),
    orderId: text()
      .notNull()
      .references(() => amazonOrders.id, { onDelete: 'cascade' }),
    orderItemId: text().notNull(),
    asin: text().notNull(),
    sellerSku: text(),
    title: text(),
    quantityOrdered: integer().notNull(),
    quantityShipped: integer().notNull().default(0),
    /** Null, like the prices, while Amazon has not priced a Pending order. */
    currencyCode: text(),
    /** Price of one unit, before tax where the marketplace adds tax. */
    unitPrice: money(),
    /** unitPrice × quantityOrdered, as Amazon states it (v0's ItemPrice). */
    lineTotal: money(),
    itemTax: money().notNull().default('0'),
    shippingPrice: money().notNull().default('0'),
    shippingTax: money().notNull().default('0'),
    shippingDiscount: money().notNull().default('0'),
    shippingDiscountTax: money().notNull().default('0'),
    promotionDiscount: money().notNull().default('0'),
    promotionDiscountTax: money().notNull().default('0'),
    giftWrapPrice: money().notNull().default('0'),
    giftWrapTax: money().notNull().default('0'),
    codFee: money().notNull().default('0'),
    /** Tax on the COD fee (Orders API 2026-01-01 states it; v0 counts it in the item tax). */
    codFeeTax: money().notNull().default('0'),
    codFeeDiscount: money().notNull().default('0'),
    promotionIds: jsonb().$type<string[]>().notNull().default([]),
    isGift: boolean().notNull().default(false),
    conditionId: text(),
    commerceOrderItemId: integer(),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('amazon_order_items_order_item_key').on(t.orderId, t.orderItemId),
    index('amazon_order_items_sku_idx').on(t.sellerSku),
    check('amazon_order_items_quantity_check', sql`${t.quantityOrdered} >= 0`),
    check('amazon_order_items_shipped_check', sql`${t.quantityShipped} between 0 and ${t.quantityOrdered}`),
    check('amazon_order_items_currency_check', sql`${t.currencyCode} ~ '^[A-Z]{3}$'`),
    check('amazon_order_items_unit_price_check', sql`${t.unitPrice} >= 0 and ${t.lineTotal} >= 0`),
    check(
      'amazon_order_items_priced_check',
      sql`(${t.unitPrice} is null and ${t.lineTotal} is null) or (${t.unitPrice} is not null and ${t.lineTotal} is not null and ${t.currencyCode} is not null)`,
    ),
  ],
);

/** The per-order timeline and log. `data` never holds PII. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: text()
      .notNull()
      .references(() => amazonOrders.id, { onDelete: 'cascade' }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    level: text().notNull().default('info'),
    message: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.createdAt),
    index('order_events_account_idx').on(t.accountId, t.createdAt.desc()),
    check('order_events_level_check', oneOf(t.level, EVENT_LEVELS)),
  ],
);
