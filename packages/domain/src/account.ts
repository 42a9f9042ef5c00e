/** Account-level vocabulary shared by the db, the services and the UI. */

export const ACCOUNT_STATUSES = ['active', 'paused'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** How saleschannel authenticates to Commerce. */
export const COMMERCE_AUTH_MODES = ['oauth1', 'bearer', 'admin_token', 'ims'] as const;
export type CommerceAuthMode = (typeof COMMERCE_AUTH_MODES)[number];

/** Commerce flavours: on premises / cloud (PaaS) and Adobe Commerce as a Cloud Service (SaaS). */
export const COMMERCE_FLAVORS = ['paas', 'saas'] as const;
export type CommerceFlavor = (typeof COMMERCE_FLAVORS)[number];

/** Streams that keep their own sync cursor per account. */
export const SYNC_STREAMS = [
  'amazon_orders',
  'commerce_shipments',
  'commerce_credit_memos',
  'backfill',
] as const;
export type SyncStream = (typeof SYNC_STREAMS)[number];

/** Levels of an order's timeline event. */
export const EVENT_LEVELS = ['info', 'warning', 'error'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

/** Which side a communication error came from. */
export const REMOTE_SYSTEMS = ['amazon', 'commerce'] as const;
export type RemoteSystem = (typeof REMOTE_SYSTEMS)[number];

export const ADMIN_ROLES = ['admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** How the Commerce instance keeps stock: Multi-Source Inventory, or the legacy single stock item. */
export const INVENTORY_MODES = ['msi', 'legacy'] as const;
export type InventoryMode = (typeof INVENTORY_MODES)[number];
