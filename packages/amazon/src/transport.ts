import type { GrantlessScope, LwaAuth } from './auth.js';
import { type Clock, systemClock } from './clock.js';
import {
  errorFromResponse,
  parseErrorBody,
  SpApiAuthenticationError,
  SpApiError,
  SpApiInvalidInputError,
  SpApiNetworkError,
  SpApiThrottledError,
} from './errors.js';
import { OPERATIONS, type OperationName, type OperationSpec } from './operations.js';
import { TokenBucket } from './rate-limiter.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RequestOptions {
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** A Restricted Data Token to send instead of the LWA access token. */
  readonly restrictedDataToken?: string;
  readonly signal?: AbortSignal;
}

export interface SpApiResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly headers: Headers;
}

export interface RetryOptions {
  /** Retries after the first attempt. @default 5 */
  readonly maxRetries?: number;
  /** @default 1000 */
  readonly baseDelayMs?: number;
  /** @default 30_000 */
  readonly maxDelayMs?: number;
}

export interface RequestEvent {
  readonly operation: OperationName;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
}
export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly durationMs: number;
}
export interface RetryEvent extends RequestEvent {
  readonly delayMs: number;
  readonly error: SpApiError;
}
export interface ThrottleEvent {
  readonly operation: OperationName;
  /** `client`: we waited for our own bucket; `server`: Amazon answered 429. */
  readonly source: 'client' | 'server';
  readonly waitedMs: number;
}

/** Observability hooks. They are called synchronously; exceptions in hooks are ignored. */
export interface TransportHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
  onThrottle?(event: ThrottleEvent): void;
}

export interface TransportOptions {
  /** e.g. https://sellingpartnerapi-na.amazon.com, or a stand-in's URL. */
  readonly endpoint: string;
  readonly auth: LwaAuth;
  readonly userAgent: string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  readonly retry?: RetryOptions;
  /** Per-attempt timeout in real milliseconds. @default 30_000 */
  readonly timeoutMs?: number;
  /** Overrides of the default usage plans, e.g. for the sandbox or a raised plan. */
  readonly rateLimits?: Partial<Record<OperationName, { rate: number; burst: number }>>;
  /** Extra wait after a computed refill time, insurance against coarse refills on Amazon's side. @default 50 */
  readonly rateLimitMarginMs?: number;
  readonly hooks?: TransportHooks;
}

/** Only createFeed is unsafe to repeat after an unknown outcome: a second refund feed refunds twice. */
const NOT_REPEATABLE = new Set<OperationName>(['feeds.createFeed']);

/** Small transport over fetch: rate limiting, auth headers, retries, typed errors. */
export class SpApiTransport {
  readonly #options: TransportOptions;
  readonly #clock: Clock;
  readonly #buckets = new Map<OperationName, TokenBucket>();

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** The bucket of an operation (created on first use). */
  bucket(operation: OperationName): TokenBucket {
    let bucket = this.#buckets.get(operation);
    if (!bucket) {
      const spec: OperationSpec = OPERATIONS[operation];
      const plan = this.#options.rateLimits?.[operation] ?? spec;
      bucket = new TokenBucket(plan.rate, plan.burst, this.#clock, this.#options.rateLimitMarginMs ?? 50);
      this.#buckets.set(operation, bucket);
    }
    return bucket;
  }

  buildUrl(operation: OperationName, options: RequestOptions): string {
    const spec = OPERATIONS[operation];
    const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = options.pathParams?.[name];
      if (value === undefined || value === '') {
        throw new SpApiInvalidInputError({
          code: 'InvalidInput',
          message: `${operation}: path parameter ${name} is required`,
          operation,
        });
      }
      return encodeURIComponent(value);
    });
    const url = new URL(path, this.#options.endpoint);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) {
        continue;
      }
      if (Array.isArray(value)) {
        if (value.length === 0) {
          continue;
        }
        for (const item of value) {
          if (item.includes(',')) {
            // Arrays are comma-separated (Swagger 2.0 csv); a comma inside a value would split it.
            throw new SpApiInvalidInputError({
              code: 'InvalidInput',
              message: `${operation}: ${name} value "${item}" contains a comma`,
              operation,
            });
          }
        }
        url.searchParams.set(name, value.join(','));
      } else {
        url.searchParams.set(name, String(value));
      }
    }
    return url.toString();
  }

  async request<T>(operation: OperationName, options: RequestOptions = {}): Promise<SpApiResponse<T>> {
    const spec: OperationSpec = OPERATIONS[operation];
    const url = this.buildUrl(operation, options);
    const maxRetries = this.#options.retry?.maxRetries ?? 5;
    const bucket = this.bucket(operation);
    let authRetried = false;

    const scope: GrantlessScope | undefined = spec.grantless ? 'sellingpartnerapi::notifications' : undefined;
    for (let attempt = 1; ; attempt++) {
      // The access token is fetched (or refreshed) when our turn comes but BEFORE the rate-limit token is
      // taken: a refresh between taking and sending would delay the request and skew our bucket against
      // Amazon's.
      const prepare = options.restrictedDataToken
        ? undefined
        : async () => {
            await this.#options.auth.getAccessToken(scope, 5_000);
          };
      const waited = await bucket.take(options.signal, prepare);
      if (waited > 0) {
        this.#emit('onThrottle', { operation, source: 'client', waitedMs: waited });
      }
      let error: SpApiError;
      try {
        return await this.#attempt<T>(operation, spec, url, options, attempt);
      } catch (caught) {
        if (!(caught instanceof SpApiError)) {
          throw caught;
        }
        error = caught;
      } finally {
        bucket.settle();
      }
      if (error instanceof SpApiAuthenticationError && error.status === 403 && !options.restrictedDataToken) {
        // Amazon says the access token expired or is invalid: fetch a new one, once.
        if (authRetried) {
          throw error;
        }
        authRetried = true;
        this.#options.auth.invalidate(spec.grantless ? 'sellingpartnerapi::notifications' : undefined);
        attempt--;
        continue;
      }
      if (error instanceof SpApiThrottledError) {
        bucket.drain();
        this.#emit('onThrottle', { operation, source: 'server', waitedMs: 0 });
      }
      const repeatable = error instanceof SpApiThrottledError || !NOT_REPEATABLE.has(operation);
      if (!error.retryable || !repeatable || attempt > maxRetries) {
        throw error;
      }
      const delayMs = this.#backoff(attempt);
      this.#emit('onRetry', { operation, method: spec.method, url, attempt, delayMs, error });
      await this.#clock.sleep(delayMs, options.signal);
    }
  }

  /** Capped exponential backoff with full jitter over the upper half: [cap/2, cap]. */
  #backoff(attempt: number): number {
    const base = this.#options.retry?.baseDelayMs ?? 1000;
    const max = this.#options.retry?.maxDelayMs ?? 30_000;
    const cap = Math.min(max, base * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }

  async #attempt<T>(
    operation: OperationName,
    spec: OperationSpec,
    url: string,
    options: RequestOptions,
    attempt: number,
  ): Promise<SpApiResponse<T>> {
    const scope: GrantlessScope | undefined = spec.grantless ? 'sellingpartnerapi::notifications' : undefined;
    const token = options.restrictedDataToken ?? (await this.#options.auth.getAccessToken(scope));
    const headers: Record<string, string> = {
      'x-amz-access-token': token,
      'user-agent': this.#options.userAgent,
      accept: 'application/json',
      'x-amz-date': new Date(this.#clock.now()).toISOString().replace(/[-:]|\.\d{3}/g, ''),
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    this.#emit('onRequest', { operation, method: spec.method, url, attempt });
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 30_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await (this.#options.fetch ?? fetch)(url, { method: spec.method, headers, body, signal });
      text = await response.text();
    } catch (cause) {
      if (options.signal?.aborted) {
        throw cause;
      }
      throw new SpApiNetworkError({
        code: timeout.aborted ? 'Timeout' : 'NetworkError',
        message: `${operation}: ${timeout.aborted ? 'request timed out' : (cause as Error).message}`,
        operation,
        cause,
      });
    }
    const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
    this.#emit('onResponse', {
      operation,
      method: spec.method,
      url,
      attempt,
      status: response.status,
      requestId,
      durationMs: performance.now() - started,
    });
    const limit = Number.parseFloat(response.headers.get('x-amzn-ratelimit-limit') ?? '');
    if (limit > 0) {
      this.bucket(operation).setRate(limit);
    }
    if (!response.ok) {
      const errors = parseErrorBody(text);
      const first = errors[0];
      throw errorFromResponse({
        status: response.status,
        code: first?.code ?? `HTTP${response.status}`,
        message: first?.message ?? `${operation} answered HTTP ${response.status}`,
        details: first?.details,
        requestId,
        operation,
        errors,
      });
    }
    let data: unknown;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch (cause) {
        // A truncated or garbled body: the request may be repeated like any transient failure.
        throw new SpApiNetworkError({
          status: response.status,
          code: 'MalformedResponse',
          message: `${operation}: response body is not valid JSON`,
          requestId,
          operation,
          cause,
        });
      }
    }
    return { data: data as T, status: response.status, requestId, headers: response.headers };
  }

  #emit<K extends keyof TransportHooks>(name: K, event: Parameters<NonNullable<TransportHooks[K]>>[0]): void {
    try {
      (this.#options.hooks?.[name] as ((e: typeof event) => void) | undefined)?.(event);
    } catch {
      // hooks must not break requests
    }
  }
}
