/**
 * Both local stand-ins (Amazon SP-API and Commerce) and an account connected to them, the way a merchant would
 * connect one: for the tests, the no-credentials demo and the benchmarks.
 */
import { type AmazonStandIn, type StandInOptions, startAmazonStandIn } from '@saleschannel/amazon-stand-in';
import { type CommerceStandIn, startCommerceStandIn } from '@saleschannel/commerce-stand-in';
import type { Database } from '@saleschannel/db';
import { createAccount } from './accounts.js';
import { createLogger } from './logger.js';
import type { Runtime } from './runtime.js';

/** The SKUs the Amazon stand-in sells. */
export const STAND_IN_SKUS = [
  'ECHO-DOT-3-CHARCOAL',
  'ECHO-DOT-4-BLUE',
  'KINDLE-PAPERWHITE-16',
  'FIRE-TV-STICK-4K',
  'MUG-CERAMIC-350',
  'SOCKS-WOOL-3PK',
] as const;

export interface ConnectedStandIns {
  readonly amazon: AmazonStandIn;
  readonly commerce: CommerceStandIn;
  readonly accountId: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly amazon?: StandInOptions;
  /** The Commerce stand-in's port; default any free one. */
  readonly commercePort?: number;
  readonly skus?: readonly string[];
  readonly displayName?: string;
}

export async function connectStandIns(
  database: Database,
  options: ConnectOptions = {},
): Promise<ConnectedStandIns> {
  const amazon = await startAmazonStandIn(options.amazon);
  const commerce = await startCommerceStandIn({
    products: (options.skus ?? STAND_IN_SKUS).map((sku) => ({ sku, qty: 1000, price: '10.00' })),
    ...(options.commercePort ? { port: options.commercePort } : {}),
  });
  const account = await createAccount(database, {
    displayName: options.displayName ?? 'Stand-in US',
    sellerId: amazon.account.sellerId,
    marketplaceId: amazon.account.marketplaceIds[0] ?? 'ATVPDKIKX0DER',
    region: 'na',
    amazon: {
      lwaClientId: amazon.account.clientId,
      lwaClientSecret: amazon.account.clientSecret,
      refreshToken: amazon.account.refreshToken,
      spApiEndpoint: amazon.url,
      lwaEndpoint: amazon.tokenUrl,
    },
    commerce: {
      name: 'Stand-in Commerce',
      baseUrl: commerce.url,
      secrets: { authMode: 'oauth1', ...commerce.integration },
    },
    commerceWebsiteId: 1,
  });
  return {
    amazon,
    commerce,
    accountId: account.id,
    close: async () => {
      await amazon.close();
      await commerce.close();
    },
  };
}

/** A runtime around a test database, with logs silenced. */
export function testRuntime(database: Database): Runtime {
  return { database, logger: createLogger({ LOG_LEVEL: 'silent' }), close: async () => {} };
}
