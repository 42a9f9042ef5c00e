import { type Clock, systemClock } from './clock.js';
import { SpApiAuthenticationError, SpApiNetworkError, SpApiServerError } from './errors.js';
import { LWA_TOKEN_URL } from './regions.js';

/** Scopes of the client-credentials grant, for grantless operations. */
export type GrantlessScope =
  | 'sellingpartnerapi::notifications'
  | 'sellingpartnerapi::client_credential:rotation';

export interface LwaCredentials {
  /** LWA client id of the application. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The seller's refresh token (from authorising the application); needed for every non-grantless call. */
  readonly refreshToken?: string;
}

export interface LwaAuthOptions extends LwaCredentials {
  /** @default https://api.amazon.com/auth/o2/token */
  readonly tokenUrl?: string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  readonly userAgent?: string;
  /** Refresh this long before the token expires. @default 60_000 */
  readonly refreshMarginMs?: number;
  /** Attempts for a token request failing with 5xx or a network error. @default 3 */
  readonly maxAttempts?: number;
}

interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

/**
 * Login with Amazon access tokens: refresh-token grant for seller calls, client-credentials grant for grantless
 * calls. Tokens are cached and refreshed `refreshMarginMs` before expiry; concurrent callers share one request.
 */
export class LwaAuth {
  readonly #options: LwaAuthOptions;
  readonly #clock: Clock;
  readonly #cache = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<CachedToken>>();
  /** Number of token requests sent to LWA (observability and tests). */
  requests = 0;

  constructor(options: LwaAuthOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * An access token for seller calls (refresh-token grant), or for a grantless scope. `validForMs` asks for a
   * token that is still valid that much later (on top of the refresh margin).
   */
  async getAccessToken(scope?: GrantlessScope, validForMs = 0): Promise<string> {
    const key = scope ?? 'refresh_token';
    const cached = this.#cache.get(key);
    const margin = (this.#options.refreshMarginMs ?? 60_000) + validForMs;
    if (cached && cached.expiresAt - margin > this.#clock.now()) {
      return cached.accessToken;
    }
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#request(scope).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return (await pending).accessToken;
  }

  /** Forgets a cached token Amazon rejected, so the next call fetches a new one. */
  invalidate(scope?: GrantlessScope): void {
    this.#cache.delete(scope ?? 'refresh_token');
  }

  async #request(scope?: GrantlessScope): Promise<CachedToken> {
    const { clientId, clientSecret, refreshToken } = this.#options;
    const form = new URLSearchParams();
    if (scope) {
      form.set('grant_type', 'client_credentials');
      form.set('scope', scope);
    } else {
      if (!refreshToken) {
        throw new SpApiAuthenticationError({
          code: 'MissingRefreshToken',
          message:
            'This operation needs the seller refresh token; only grantless operations work without one.',
        });
      }
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', refreshToken);
    }
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);

    const maxAttempts = this.#options.maxAttempts ?? 3;
    const doFetch = this.#options.fetch ?? fetch;
    const url = this.#options.tokenUrl ?? LWA_TOKEN_URL;
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        await this.#clock.sleep(Math.min(8000, 500 * 2 ** (attempt - 2)) * (0.5 + Math.random() / 2));
      }
      this.requests++;
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            accept: 'application/json',
            ...(this.#options.userAgent ? { 'user-agent': this.#options.userAgent } : {}),
          },
          body: form.toString(),
          signal: AbortSignal.timeout(30_000),
        });
        text = await response.text();
      } catch (cause) {
        lastError = new SpApiNetworkError({
          code: 'NetworkError',
          message: `Login with Amazon token request failed: ${(cause as Error).message}`,
          cause,
        });
        continue;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // handled below
      }
      if (response.ok && typeof body.access_token === 'string') {
        const expiresIn = Number(body.expires_in ?? 3600);
        const token = { accessToken: body.access_token, expiresAt: this.#clock.now() + expiresIn * 1000 };
        this.#cache.set(scope ?? 'refresh_token', token);
        return token;
      }
      const init = {
        status: response.status,
        code: typeof body.error === 'string' ? body.error : `HTTP${response.status}`,
        message:
          typeof body.error_description === 'string'
            ? body.error_description
            : `Login with Amazon answered ${response.status}`,
      };
      if (response.status >= 500 || response.status === 429 || (response.ok && !body.access_token)) {
        lastError = new SpApiServerError(init);
        continue;
      }
      throw new SpApiAuthenticationError(init);
    }
    throw lastError ?? new SpApiNetworkError({ code: 'NetworkError', message: 'token request failed' });
  }
}
