import { marketplaceById } from '@saleschannel/amazon';
import { loadAccountConnection } from '../accounts.js';
import type { Runtime } from '../runtime.js';
import { getOrderSettings } from '../settings.js';
import { type AmazonClientOptions, amazonClientFor, combineHooks, commerceClientFor } from './clients.js';
import { orderFlowFor, type SyncContext, storeIdResolver } from './context.js';

/** The context of one account's sync: its connection and settings, and clients for both sides. */
export async function accountContext(
  runtime: Runtime,
  accountId: string,
  options: { readonly now?: () => Date; readonly amazonClient?: AmazonClientOptions } = {},
): Promise<SyncContext> {
  const { database, logger } = runtime;
  const connection = await loadAccountConnection(database.db, database.cipher, accountId);
  const settings = await getOrderSettings(database.db, accountId);
  const amazon = amazonClientFor(
    connection,
    combineHooks(runtime.metrics.amazonHooks(), options.amazonClient?.hooks),
    options.amazonClient?.clock,
    options.amazonClient?.rateLimits,
  );
  const commerce = commerceClientFor(connection);
  return {
    database,
    logger: logger.child({ accountId }),
    metrics: runtime.metrics,
    connection,
    settings,
    amazon,
    commerce,
    flow: orderFlowFor(commerce, connection, settings),
    marketplaceCountry: marketplaceById(connection.account.marketplaceId)?.countryCode ?? 'US',
    storeId: storeIdResolver(commerce, connection, settings),
    now: options.now ?? (() => new Date()),
  };
}
