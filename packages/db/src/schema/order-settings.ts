import {
  CUSTOMER_CREATION,
  DEFAULT_ORDER_SETTINGS as D,
  IMPORT_ORDERS,
  LOG_RETENTION,
  MFN_STOCK_POLICIES,
  ORDER_NUMBER_SOURCES,
  ORDER_STATUS_MODES,
  PENDING_ORDER_RESERVATION,
  RESERVATION_DAYS,
  SYNC_FREQUENCY_MINUTES,
  UNKNOWN_SKU_POLICIES,
} from '@saleschannel/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { lifecycleDates, oneOf } from './_columns.js';
import { accounts } from './accounts.js';

/** The order settings of one account; every column defaults to DEFAULT_ORDER_SETTINGS of the domain. */
export const orderSettings = pgTable(
  'order_settings',
  {
    accountId: text()
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    importOrders: text().notNull().default(D.importOrders),
    storeViewCode: text(),
    customerCreation: text().notNull().default(D.customerCreation),
    orderNumberSource: text().notNull().default(D.orderNumberSource),
    prefixGeneral: text().notNull().default(D.orderNumberPrefixes.general),
    prefixFba: text().notNull().default(D.orderNumberPrefixes.fba),
    prefixPrime: text().notNull().default(D.orderNumberPrefixes.prime),
    prefixBusiness: text().notNull().default(D.orderNumberPrefixes.business),
    pendingOrders: text().notNull().default(D.pendingOrders),
    reservationDays: integer().notNull().default(D.reservationDays),
    orderStatusMode: text().notNull().default(D.orderStatusMode),
    processingStatus: text(),
    importFbaOrders: boolean().notNull().default(D.importFbaOrders),
    fbaManageStock: boolean().notNull().default(D.fbaManageStock),
    mfnStockPolicy: text().notNull().default(D.mfnStockPolicy),
    unknownSkuPolicy: text().notNull().default(D.unknownSkuPolicy),
    syncFrequencyMinutes: integer().notNull().default(D.syncFrequencyMinutes),
    logRetention: text().notNull().default(D.logRetention),
    ...lifecycleDates,
  },
  (t) => [
    check('order_settings_import_orders_check', oneOf(t.importOrders, IMPORT_ORDERS)),
    check('order_settings_customer_creation_check', oneOf(t.customerCreation, CUSTOMER_CREATION)),
    check('order_settings_order_number_source_check', oneOf(t.orderNumberSource, ORDER_NUMBER_SOURCES)),
    check('order_settings_pending_orders_check', oneOf(t.pendingOrders, PENDING_ORDER_RESERVATION)),
    check('order_settings_order_status_mode_check', oneOf(t.orderStatusMode, ORDER_STATUS_MODES)),
    check('order_settings_mfn_stock_policy_check', oneOf(t.mfnStockPolicy, MFN_STOCK_POLICIES)),
    check('order_settings_unknown_sku_policy_check', oneOf(t.unknownSkuPolicy, UNKNOWN_SKU_POLICIES)),
    check('order_settings_log_retention_check', oneOf(t.logRetention, LOG_RETENTION)),
    check(
      'order_settings_custom_status_check',
      sql`${t.orderStatusMode} <> 'custom' or coalesce(btrim(${t.processingStatus}), '') <> ''`,
    ),
    check(
      'order_settings_sync_frequency_check',
      sql`${t.syncFrequencyMinutes} between ${sql.raw(String(SYNC_FREQUENCY_MINUTES.min))} and ${sql.raw(String(SYNC_FREQUENCY_MINUTES.max))}`,
    ),
    check(
      'order_settings_reservation_days_check',
      sql`${t.reservationDays} between ${sql.raw(String(RESERVATION_DAYS.min))} and ${sql.raw(String(RESERVATION_DAYS.max))}`,
    ),
  ],
);
