import {
  type Clock,
  SellingPartnerClient,
  type SellingPartnerClientOptions,
  type TransportHooks,
} from '@saleschannel/amazon';
import { type CommerceAuth, CommerceClient } from '@saleschannel/commerce';
import type { AccountConnection } from '../accounts.js';

/** How the sync's SP-API client is observed and timed; the defaults are right for production. */
export interface AmazonClientOptions {
  /** Observability hooks (requests, responses, throttles). */
  readonly hooks?: TransportHooks;
  /** The rate limiter's time source: a scaled clock against a stand-in running at the same speed. */
  readonly clock?: Clock;
  /** Usage plans other than Amazon's defaults (a raised plan, or a stand-in without limits). */
  readonly rateLimits?: SellingPartnerClientOptions['rateLimits'];
}

/** Hooks calling each of the given ones in turn (metrics and a caller's own observer). */
export function combineHooks(...all: readonly (TransportHooks | undefined)[]): TransportHooks {
  const hooks = all.filter((h): h is TransportHooks => h !== undefined);
  return {
    onRequest: (event) => {
      for (const h of hooks) {
        h.onRequest?.(event);
      }
    },
    onResponse: (event) => {
      for (const h of hooks) {
        h.onResponse?.(event);
      }
    },
    onRetry: (event) => {
      for (const h of hooks) {
        h.onRetry?.(event);
      }
    },
    onThrottle: (event) => {
      for (const h of hooks) {
        h.onThrottle?.(event);
      }
    },
  };
}

/** The SP-API client of an account: its region, or the endpoint override (sandbox, stand-in). */
export function amazonClientFor(
  connection: AccountConnection,
  hooks?: TransportHooks,
  clock?: Clock,
  rateLimits?: SellingPartnerClientOptions['rateLimits'],
): SellingPartnerClient {
  const { account, amazon } = connection;
  return new SellingPartnerClient({
    region: account.region,
    ...(account.spApiEndpoint ? { endpoint: account.spApiEndpoint } : {}),
    ...(account.lwaEndpoint ? { tokenUrl: account.lwaEndpoint } : {}),
    clientId: amazon.lwaClientId,
    clientSecret: amazon.lwaClientSecret,
    refreshToken: amazon.refreshToken,
    appName: 'saleschannel',
    ...(hooks ? { hooks } : {}),
    ...(clock ? { clock } : {}),
    ...(rateLimits ? { rateLimits } : {}),
  });
}

function commerceAuth(connection: AccountConnection): CommerceAuth {
  const secrets = connection.commerce.secrets;
  switch (secrets.authMode) {
    case 'oauth1':
      return {
        type: 'oauth1',
        consumerKey: secrets.consumerKey,
        consumerSecret: secrets.consumerSecret,
        accessToken: secrets.accessToken,
        accessTokenSecret: secrets.accessTokenSecret,
      };
    case 'bearer':
      return { type: 'bearer', token: secrets.accessToken };
    case 'admin_token':
      return { type: 'admin_token', username: secrets.username, password: secrets.password };
    case 'ims':
      return {
        type: 'ims',
        clientId: secrets.clientId,
        clientSecret: secrets.clientSecret,
        imsOrgId: secrets.imsOrgId,
        ...(secrets.imsTokenUrl ? { tokenUrl: secrets.imsTokenUrl } : {}),
      };
  }
}

/** The Commerce client of an account's connection. */
export function commerceClientFor(connection: AccountConnection): CommerceClient {
  const { commerce } = connection;
  return new CommerceClient({
    baseUrl: commerce.baseUrl,
    flavor: commerce.flavor,
    storeCode: commerce.storeCode,
    auth: commerceAuth(connection),
    userAgent: 'saleschannel',
  });
}
