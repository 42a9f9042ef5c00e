/** Typed SP-API errors. Every error carries Amazon's code, message, details and request id when it sent them. */

export interface SpApiErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

export interface SpApiErrorInit {
  readonly status?: number;
  readonly code: string;
  readonly message: string;
  readonly details?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly errors?: readonly SpApiErrorDetail[];
  readonly cause?: unknown;
}

export class SpApiError extends Error {
  override name = 'SpApiError';
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** Amazon's error code (e.g. `InvalidInput`, `QuotaExceeded`), or the LWA `error` value. */
  readonly code: string;
  readonly details: string | undefined;
  /** Amazon's `x-amzn-RequestId`, to quote to Amazon support. */
  readonly requestId: string | undefined;
  /** The operation that failed, e.g. `orders-v0.getOrder`. */
  readonly operation: string | undefined;
  /** All errors of the response body (Amazon may send several). */
  readonly errors: readonly SpApiErrorDetail[];
  /** Whether retrying the same request later can succeed. */
  readonly retryable: boolean = false;

  constructor(init: SpApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.errors = init.errors ?? [{ code: init.code, message: init.message, details: init.details }];
  }
}

/** 401, LWA failures, or a 403 saying the access token is expired/invalid. */
export class SpApiAuthenticationError extends SpApiError {
  override name = 'SpApiAuthenticationError';
}
/** 403: the application or seller lacks the role or grant for this call. */
export class SpApiForbiddenError extends SpApiError {
  override name = 'SpApiForbiddenError';
}
/** 429 after all retries. */
export class SpApiThrottledError extends SpApiError {
  override name = 'SpApiThrottledError';
  override readonly retryable = true;
}
/** 400/413/415/422, or a request the client refused to send because Amazon would reject it. */
export class SpApiInvalidInputError extends SpApiError {
  override name = 'SpApiInvalidInputError';
}
/** 404. */
export class SpApiNotFoundError extends SpApiError {
  override name = 'SpApiNotFoundError';
}
/** 5xx after all retries. */
export class SpApiServerError extends SpApiError {
  override name = 'SpApiServerError';
  override readonly retryable = true;
}
/** No usable HTTP response: connection refused/reset, timeout, malformed body. */
export class SpApiNetworkError extends SpApiError {
  override name = 'SpApiNetworkError';
  override readonly retryable = true;
}

const EXPIRED_TOKEN = /access token.*(expired|revoked|malformed|invalid)/i;

/** Maps an HTTP error response to the matching error class. */
export function errorFromResponse(init: SpApiErrorInit & { status: number }): SpApiError {
  const { status } = init;
  if (status === 401) {
    return new SpApiAuthenticationError(init);
  }
  if (status === 403) {
    return EXPIRED_TOKEN.test(`${init.message} ${init.details ?? ''}`)
      ? new SpApiAuthenticationError(init)
      : new SpApiForbiddenError(init);
  }
  if (status === 404) {
    return new SpApiNotFoundError(init);
  }
  if (status === 429) {
    return new SpApiThrottledError(init);
  }
  if (status >= 500) {
    return new SpApiServerError(init);
  }
  if (status >= 400) {
    return new SpApiInvalidInputError(init);
  }
  return new SpApiError(init);
}

/** Parses Amazon's `{errors:[{code,message,details}]}` body; tolerant of anything else. */
export function parseErrorBody(text: string): SpApiErrorDetail[] {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) {
      return body.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({
          code: String(e.code ?? 'Unknown'),
          message: String(e.message ?? ''),
          ...(typeof e.details === 'string' ? { details: e.details } : {}),
        }));
    }
  } catch {
    // not JSON
  }
  return [];
}
