/**
 * A small transport over the built-in fetch: base URL and store scope, authentication, JSON, timeouts,
 * typed errors and a retry policy that never repeats a non-idempotent call that may have been carried out.
 */
import type { CommerceFlavor } from '@saleschannel/domain';
import {
  CommerceError,
  CommerceNetworkError,
  CommerceRateLimitError,
  CommerceResponseError,
  CommerceTimeoutError,
  CommerceUnauthorizedError,
  errorFromResponse,
} from './errors.js';
import { type OAuth1Credentials, type OAuthSignatureMethod, percentEncode, signOAuth1 } from './oauth.js';

export type CommerceAuth =
  /** An integration's four credentials, each request signed with OAuth 1.0a (the PaaS default). */
  | ({ readonly type: 'oauth1'; readonly signatureMethod?: OAuthSignatureMethod } & OAuth1Credentials)
  /** A token sent as `Authorization: Bearer` (an integration access token needs the 2.4.4+ opt-in). */
  | { readonly type: 'bearer'; readonly token: string }
  /** An admin user; the client fetches a 4-hour admin token and renews it on 401. For development. */
  | { readonly type: 'admin_token'; readonly username: string; readonly password: string }
  /** Adobe IMS server-to-server credentials (mandatory for Adobe Commerce as a Cloud Service). */
  | {
      readonly type: 'ims';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly imsOrgId: string;
      /** Default `https://ims-na1.adobelogin.com/ims/token/v3`. */
      readonly tokenUrl?: string;
      /** Default the scopes Adobe documents for Commerce. */
      readonly scopes?: readonly string[];
    };

export const DEFAULT_IMS_TOKEN_URL = 'https://ims-na1.adobelogin.com/ims/token/v3';
export const DEFAULT_IMS_SCOPES = [
  'openid',
  'AdobeID',
  'email',
  'profile',
  'additional_info.roles',
  'additional_info.projectedProductContext',
  'commerce.accs',
] as const;

export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** First back-off delay; doubled on each attempt, with jitter. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Longest wait, also the cap for Retry-After. Default 30 s. */
  readonly maxDelayMs?: number;
}

export interface TransportOptions {
  /** `https://shop.example.com` (PaaS) or `https://<server>.api.commerce.adobe.com/<tenant-id>` (SaaS). */
  readonly baseUrl: string;
  readonly flavor?: CommerceFlavor;
  /** PaaS: the `/rest/<store>` path segment; SaaS: the `Store` header. Default `default`. */
  readonly storeCode?: string;
  readonly auth: CommerceAuth;
  /** Default 30 s per attempt. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly fetch?: typeof fetch;
  /** Waits between retries; replaceable in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly userAgent?: string;
}

export interface RequestOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path from `/V1/…`; build it with `path\`…\`` so segments are encoded. */
  readonly path: string;
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
  /**
   * Safe to repeat: GETs and PUTs that set absolute values. A non-idempotent call is retried only when the
   * server certainly did not process it (connection refused, 429).
   */
  readonly idempotent?: boolean;
  /** Override the store scope of this request. */
  readonly storeCode?: string;
}

/** Encodes the substitutions of a path template: path`/V1/products/${sku}`. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (result, text, index) =>
      result + text + (index < values.length ? percentEncode(String(values[index])) : ''),
    '',
  );
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class CommerceTransport {
  readonly flavor: CommerceFlavor;
  readonly storeCode: string;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private cachedToken: CachedToken | undefined;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.flavor = options.flavor ?? 'paas';
    this.storeCode = options.storeCode ?? 'default';
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.retry?.maxAttempts ?? 4;
    this.baseDelayMs = options.retry?.baseDelayMs ?? 500;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
    if (this.flavor === 'saas' && options.auth.type !== 'ims' && options.auth.type !== 'bearer') {
      throw new Error(
        'Adobe Commerce as a Cloud Service accepts only IMS credentials (or an IMS bearer token)',
      );
    }
  }

  /** The full URL of a request: PaaS `<base>/rest/<store>/V1/…`, SaaS `<base>/V1/…`. */
  url(requestPath: string, query: RequestOptions['query'] = [], storeCode = this.storeCode): URL {
    const scope = this.flavor === 'paas' ? `/rest/${percentEncode(storeCode)}` : '';
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const [key, value] of query) {
      if (seen.has(key)) {
        // Commerce keeps only the last of duplicate keys, for the signature too.
        throw new Error(`duplicate query parameter ${key}`);
      }
      seen.add(key);
      parts.push(`${percentEncode(key)}=${percentEncode(value)}`);
    }
    return new URL(`${this.baseUrl}${scope}${requestPath}${parts.length ? `?${parts.join('&')}` : ''}`);
  }

  async request<T>(options: RequestOptions): Promise<T> {
    const method = options.method;
    const idempotent = options.idempotent ?? method === 'GET';
    const url = this.url(options.path, options.query, options.storeCode);
    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.maxAttempts;
      let response: Response;
      try {
        response = await this.send(method, url, options);
      } catch (error) {
        if (error instanceof CommerceError) {
          throw error;
        }
        const typed = this.networkError(error, method, options.path);
        if (!last && (idempotent || !typed.maybeProcessed)) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw typed;
      }
      const text = await response.text();
      if (response.ok) {
        if (text === '') {
          return undefined as T;
        }
        try {
          return JSON.parse(text) as T;
        } catch (cause) {
          throw new CommerceResponseError(`Commerce ${method} ${options.path} answered with non-JSON`, {
            method,
            path: options.path,
            status: response.status,
            body: text.slice(0, 500),
            maybeProcessed: true,
            cause,
          });
        }
      }
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      const error = errorFromResponse(response.status, body, {
        method,
        path: options.path,
        // A 5xx may come after the work was done; 4xx answers mean it was refused.
        maybeProcessed: response.status >= 500,
      });
      if (error instanceof CommerceRateLimitError) {
        error.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        if (!last) {
          await this.sleep(Math.min(error.retryAfterMs ?? this.backoff(attempt), this.maxDelayMs));
          continue;
        }
      }
      if (
        error instanceof CommerceUnauthorizedError &&
        !renewedToken &&
        (this.options.auth.type === 'admin_token' || this.options.auth.type === 'ims') &&
        this.cachedToken
      ) {
        // An expired token: fetch a new one once. The request was refused, so repeating it is safe.
        renewedToken = true;
        this.cachedToken = undefined;
        attempt--;
        continue;
      }
      if (response.status >= 500 && idempotent && !last) {
        await this.sleep(this.backoff(attempt));
        continue;
      }
      throw error;
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.baseDelayMs * 2 ** (attempt - 1);
    const jitter = Math.random() * this.baseDelayMs;
    return Math.min(this.maxDelayMs, exponential + jitter);
  }

  private networkError(error: unknown, method: string, requestPath: string): CommerceError {
    const code = errorCode(error);
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const details = {
      method,
      path: requestPath,
      maybeProcessed: !(code && NOT_SENT_CODES.has(code)),
      cause: error,
    };
    if (timedOut) {
      return new CommerceTimeoutError(
        `Commerce ${method} ${requestPath}: no answer within ${this.timeoutMs} ms`,
        details,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new CommerceNetworkError(
      `Commerce ${method} ${requestPath}: ${reason}${code ? ` (${code})` : ''}`,
      details,
    );
  }

  private async send(method: string, url: URL, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.userAgent) {
      headers['user-agent'] = this.options.userAgent;
    }
    if (this.flavor === 'saas') {
      headers.store = options.storeCode ?? this.storeCode;
    }
    Object.assign(headers, await this.authHeaders(method, url));
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return await this.fetchFn(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private async authHeaders(method: string, url: URL): Promise<Record<string, string>> {
    const auth = this.options.auth;
    switch (auth.type) {
      case 'oauth1': {
        const signed = signOAuth1({
          method,
          url,
          credentials: auth,
          signatureMethod: auth.signatureMethod ?? 'HMAC-SHA256',
        });
        return { authorization: signed.authorization };
      }
      case 'bearer':
        return { authorization: `Bearer ${auth.token}` };
      case 'admin_token':
        return { authorization: `Bearer ${await this.token()}` };
      case 'ims':
        return {
          authorization: `Bearer ${await this.token()}`,
          'x-api-key': auth.clientId,
          'x-gw-ims-org-id': auth.imsOrgId,
        };
    }
  }

  private async token(): Promise<string> {
    if (this.cachedToken && this.cachedToken.expiresAt > Date.now()) {
      return this.cachedToken.token;
    }
    const auth = this.options.auth;
    if (auth.type === 'admin_token') {
      const url = this.url('/V1/integration/admin/token');
      const response = await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: auth.username, password: auth.password }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (!response.ok || typeof body !== 'string') {
        throw errorFromResponse(response.status, body, {
          method: 'POST',
          path: '/V1/integration/admin/token',
          maybeProcessed: false,
        });
      }
      // Admin tokens live 4 hours by default; renew a little early.
      this.cachedToken = { token: body, expiresAt: Date.now() + 3.5 * 3600_000 };
      return body;
    }
    if (auth.type === 'ims') {
      const form = new URLSearchParams({
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
        grant_type: 'client_credentials',
        scope: (auth.scopes ?? DEFAULT_IMS_SCOPES).join(','),
      });
      const tokenUrl = auth.tokenUrl ?? DEFAULT_IMS_TOKEN_URL;
      const response = await this.fetchFn(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      let body: { access_token?: string; expires_in?: number } | undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      if (!response.ok || !body?.access_token) {
        throw errorFromResponse(response.status, body ?? text, {
          method: 'POST',
          path: tokenUrl,
          maybeProcessed: false,
        });
      }
      const lifetimeMs = (body.expires_in ?? 3600) * 1000;
      this.cachedToken = { token: body.access_token, expiresAt: Date.now() + lifetimeMs - 60_000 };
      return body.access_token;
    }
    throw new Error(`no token for ${auth.type} authentication`);
  }
}
