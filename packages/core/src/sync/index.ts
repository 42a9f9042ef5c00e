export { type AmazonClientOptions, amazonClientFor, commerceClientFor } from './clients.js';
export { PLACEHOLDERS, splitName } from './mapping.js';
export { dueAccounts, enqueueDueSyncs, syncNow } from './schedule.js';
export {
  BEFORE_LAG_MS,
  backfillAccount,
  CURSOR_OVERLAP_MS,
  FIRST_SYNC_LOOKBACK_MS,
  type SyncReport,
  syncAccount,
  syncOrder,
} from './sync-account.js';
