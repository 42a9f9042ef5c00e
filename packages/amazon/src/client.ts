import { createRequire } from 'node:module';
import { LwaAuth } from './auth.js';
import { type Clock, systemClock } from './clock.js';
import { FeedsApi } from './feeds.js';
import { NotificationsApi } from './notifications.js';
import { OPERATIONS, type OperationName, SANDBOX_RATE } from './operations.js';
import { Orders2026Api } from './orders-2026.js';
import { OrdersV0Api } from './orders-v0.js';
import { LWA_TOKEN_URL, REGIONS, type Region } from './regions.js';
import { TokensApi } from './tokens.js';
import { type RetryOptions, SpApiTransport, type TransportHooks } from './transport.js';

/** This package's version (read from its package.json, next to src/ and dist/). */
export const PACKAGE_VERSION: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;

export interface SellingPartnerClientOptions {
  /** NA, EU or FE; chooses the host unless `endpoint` is given. @default 'na' */
  readonly region?: Region;
  /** Use the region's sandbox host (static sandbox), with the sandbox's 5 req/s, burst 15 plan. */
  readonly sandbox?: boolean;
  /** Overrides the SP-API host, e.g. a stand-in's URL. */
  readonly endpoint?: string;
  /** Overrides the LWA token URL. @default https://api.amazon.com/auth/o2/token */
  readonly tokenUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The seller's refresh token; omit for a client doing only grantless calls. */
  readonly refreshToken?: string;
  /** Your application's name and version for the User-Agent Amazon requires. */
  readonly appName?: string;
  readonly appVersion?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  readonly retry?: RetryOptions;
  readonly timeoutMs?: number;
  readonly rateLimits?: Partial<Record<OperationName, { rate: number; burst: number }>>;
  readonly rateLimitMarginMs?: number;
  readonly hooks?: TransportHooks;
}

/** Amazon's required form: `AppName/Version (Language=…; Platform=…)`, at most 500 characters. */
export function userAgent(appName = 'saleschannel-amazon', appVersion = PACKAGE_VERSION): string {
  const clean = (s: string) => s.replace(/[^\w.\-+]/g, '-');
  const value = `${clean(appName)}/${clean(appVersion)} (Language=TypeScript; Platform=Node.js/${process.versions.node} ${process.platform}; Library=saleschannel-amazon/${PACKAGE_VERSION})`;
  return value.slice(0, 500);
}

/** One client per seller (refresh token) and region. */
export class SellingPartnerClient {
  readonly auth: LwaAuth;
  readonly transport: SpApiTransport;
  readonly orders: Orders2026Api;
  readonly ordersV0: OrdersV0Api;
  readonly tokens: TokensApi;
  readonly feeds: FeedsApi;
  readonly notifications: NotificationsApi;
  readonly clock: Clock;

  constructor(options: SellingPartnerClientOptions) {
    const region = REGIONS[options.region ?? 'na'];
    if (!region) {
      throw new RangeError(`unknown region ${String(options.region)}`);
    }
    const endpoint = options.endpoint ?? (options.sandbox ? region.sandboxEndpoint : region.endpoint);
    this.clock = options.clock ?? systemClock;
    const ua = userAgent(options.appName, options.appVersion);
    this.auth = new LwaAuth({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
      tokenUrl: options.tokenUrl ?? LWA_TOKEN_URL,
      fetch: options.fetch,
      clock: this.clock,
      userAgent: ua,
    });
    let rateLimits = options.rateLimits;
    if (options.sandbox) {
      const sandboxPlans = Object.fromEntries(Object.keys(OPERATIONS).map((name) => [name, SANDBOX_RATE]));
      rateLimits = { ...sandboxPlans, ...rateLimits };
    }
    this.transport = new SpApiTransport({
      endpoint,
      auth: this.auth,
      userAgent: ua,
      fetch: options.fetch,
      clock: this.clock,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      rateLimits,
      rateLimitMarginMs: options.rateLimitMarginMs,
      hooks: options.hooks,
    });
    const lenient = options.sandbox === true;
    this.tokens = new TokensApi(this.transport, this.clock);
    this.orders = new Orders2026Api(this.transport, this.clock, lenient);
    this.ordersV0 = new OrdersV0Api(this.transport, this.tokens, this.clock, lenient);
    this.feeds = new FeedsApi(this.transport, this.clock, options.fetch ?? fetch);
    this.notifications = new NotificationsApi(this.transport);
  }
}
