import {
  ACCOUNT_STATUSES,
  AMAZON_REGIONS,
  COMMERCE_AUTH_MODES,
  COMMERCE_FLAVORS,
  INVENTORY_MODES,
} from '@saleschannel/domain';
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { encrypted, idColumn, lifecycleDates, oneOf } from './_columns.js';

/**
 * A Commerce instance saleschannel writes orders into. Several Amazon accounts may share one.
 * `secrets` is the encrypted JSON of the auth mode's secrets (OAuth 1.0a keys, bearer token, admin
 * password, or IMS client secret).
 */
export const commerceConnections = pgTable(
  'commerce_connections',
  {
    id: idColumn('cmc'),
    name: text().notNull(),
    baseUrl: text().notNull(),
    flavor: text().notNull().default('paas'),
    authMode: text().notNull(),
    /** Store code used in `/rest/<store>/V1/…` (PaaS) or the `Store` header (SaaS). */
    storeCode: text().notNull().default('default'),
    /** How the instance keeps stock; decides what the MFN stock policy does. */
    inventoryMode: text().notNull().default('msi'),
    /** The MSI source that imports deduct from and shipments ship from. */
    msiSourceCode: text().notNull().default('default'),
    secrets: encrypted().notNull(),
    ...lifecycleDates,
  },
  (t) => [
    check('commerce_connections_flavor_check', oneOf(t.flavor, COMMERCE_FLAVORS)),
    check('commerce_connections_auth_mode_check', oneOf(t.authMode, COMMERCE_AUTH_MODES)),
    check('commerce_connections_inventory_mode_check', oneOf(t.inventoryMode, INVENTORY_MODES)),
    check('commerce_connections_base_url_check', sql`${t.baseUrl} ~ '^https?://'`),
  ],
);

/** One Seller Central account on one marketplace, linked to a Commerce connection and website / store view. */
export const accounts = pgTable(
  'accounts',
  {
    id: idColumn('acc'),
    displayName: text().notNull(),
    sellerId: text().notNull(),
    marketplaceId: text().notNull(),
    region: text().notNull(),
    status: text().notNull().default('active'),
    commerceConnectionId: text()
      .notNull()
      .references(() => commerceConnections.id, { onDelete: 'restrict' }),
    commerceWebsiteId: integer().notNull(),
    /** Store view the account's orders go into unless the order settings choose another. */
    commerceStoreViewCode: text().notNull().default('default'),
    /** Overrides for the sandbox or the local stand-in; null means Amazon's production endpoints. */
    spApiEndpoint: text(),
    lwaEndpoint: text(),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('accounts_seller_marketplace_key').on(t.sellerId, t.marketplaceId),
    check('accounts_region_check', oneOf(t.region, AMAZON_REGIONS)),
    check('accounts_status_check', oneOf(t.status, ACCOUNT_STATUSES)),
    check('accounts_marketplace_id_check', sql`${t.marketplaceId} ~ '^[A-Z0-9]{10,14}$'`),
  ],
);

/** Amazon Login with Amazon credentials of one account; secret and refresh token encrypted. */
export const amazonCredentials = pgTable('amazon_credentials', {
  accountId: text()
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  lwaClientId: text().notNull(),
  lwaClientSecret: encrypted().notNull(),
  refreshToken: encrypted().notNull(),
  ...lifecycleDates,
});
