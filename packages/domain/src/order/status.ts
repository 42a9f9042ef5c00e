import { defineLifecycle } from '../lifecycle.js';

/** Amazon's order statuses (Orders API v0 `OrderStatus`; the 2026-01-01 statuses are mapped onto these). */
export const AMAZON_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
export type AmazonOrderStatus = (typeof AMAZON_ORDER_STATUSES)[number];

/** AFN = fulfilled by Amazon (FBA), MFN = fulfilled by the merchant (FBM). */
export const FULFILLMENT_CHANNELS = ['AFN', 'MFN'] as const;
export type FulfillmentChannel = (typeof FULFILLMENT_CHANNELS)[number];

/** Amazon regions: each has its own SP-API host. */
export const AMAZON_REGIONS = ['na', 'eu', 'fe'] as const;
export type AmazonRegion = (typeof AMAZON_REGIONS)[number];

/**
 * Where an Amazon order stands in its import into Commerce.
 * - pending: stored; no Commerce order yet (not due yet, e.g. Pending on Amazon, or queued for creation)
 * - imported: the Commerce order exists and is linked
 * - skipped: will not be created (import disabled, cancelled before creation, unknown-SKU policy "skip")
 * - error: creation failed with a recorded reason; retried automatically (bounded) and on demand
 */
export const IMPORT_STATES = ['pending', 'imported', 'skipped', 'error'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export const importLifecycle = defineLifecycle<ImportState>('order import', IMPORT_STATES, {
  pending: ['imported', 'skipped', 'error'],
  // error → error records one more failed attempt with its new reason.
  error: ['pending', 'imported', 'skipped', 'error'],
  // A skipped order becomes pending again when the merchant re-imports it or its settings change.
  skipped: ['pending'],
  imported: [],
});
