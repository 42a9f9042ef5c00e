import type { SellingPartnerClient } from '@saleschannel/amazon';
import { type CommerceClient, CommerceOrderFlow } from '@saleschannel/commerce';
import type { Database } from '@saleschannel/db';
import type { OrderSettings } from '@saleschannel/domain';
import type { AccountConnection } from '../accounts.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** Everything one account's sync works with; built once per run. */
export interface SyncContext {
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly connection: AccountConnection;
  readonly settings: OrderSettings;
  readonly amazon: SellingPartnerClient;
  readonly commerce: CommerceClient;
  readonly flow: CommerceOrderFlow;
  /** ISO country of the account's marketplace. */
  readonly marketplaceCountry: string;
  /** The Commerce store id of the configured store view (looked up once per run). */
  storeId(): Promise<number>;
  readonly now: () => Date;
}

export function orderFlowFor(
  commerce: CommerceClient,
  connection: AccountConnection,
  settings: OrderSettings,
) {
  return new CommerceOrderFlow(commerce, {
    stock: {
      policy: settings.mfnStockPolicy,
      inventory: connection.commerce.inventoryMode,
      sourceCode: connection.commerce.msiSourceCode,
    },
    fbaManageStock: settings.fbaManageStock,
  });
}

export function storeIdResolver(
  commerce: CommerceClient,
  connection: AccountConnection,
  settings: OrderSettings,
) {
  let cached: Promise<number> | undefined;
  const code = settings.storeViewCode ?? connection.account.commerceStoreViewCode;
  return () => {
    cached ??= commerce.listStoreViews().then((views) => {
      const view = views.find((candidate) => candidate.code === code);
      if (!view) {
        throw new StoreViewError(
          `the store view "${code}" does not exist in Commerce (${views.map((v) => v.code).join(', ') || 'none'})`,
        );
      }
      return view.id;
    });
    cached.catch(() => {
      cached = undefined;
    });
    return cached;
  };
}

export class StoreViewError extends Error {
  override readonly name = 'StoreViewError';
}
