/**
 * Typed errors for Commerce REST answers.
 *
 * Commerce renders an error as `{message, parameters?, errors?, code?, trace?}` where `message` is the raw
 * template with `%1` (list parameters) or `%name` (named parameters) placeholders; clients substitute them.
 */

/** The error body Commerce sends (`Magento\Framework\Webapi\Rest\Response::_renderMessages`). */
export interface CommerceErrorBody {
  message?: string;
  parameters?: readonly unknown[] | Readonly<Record<string, unknown>>;
  errors?: readonly { message?: string; parameters?: CommerceErrorBody['parameters'] }[];
  code?: number;
  trace?: string;
}

/** Substitutes `%1`, `%2` … (list parameters) or `%name` (named parameters) in a Commerce message template. */
export function formatCommerceMessage(
  template: string,
  parameters?: CommerceErrorBody['parameters'],
): string {
  if (!parameters) {
    return template;
  }
  if (Array.isArray(parameters)) {
    return template.replace(/%(\d+)/g, (whole, index: string) => {
      const value = parameters[Number(index) - 1];
      return value === undefined ? whole : String(value);
    });
  }
  const named = parameters as Readonly<Record<string, unknown>>;
  // Longest names first, so that %order_id is not taken for %order followed by "_id".
  const names = Object.keys(named).sort((a, b) => b.length - a.length);
  let result = template;
  for (const name of names) {
    result = result.split(`%${name}`).join(String(named[name]));
  }
  return result;
}

export interface CommerceErrorDetails {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly body?: unknown;
  /**
   * True when the request may have been carried out although it failed (a timeout, a lost connection or a 5xx
   * after the request was sent). Never retry a non-idempotent call blindly in that case: look first.
   */
  readonly maybeProcessed: boolean;
  readonly cause?: unknown;
}

/** Base class of every error this client throws for a request. */
export class CommerceError extends Error {
  override readonly name: string = 'CommerceError';
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly maybeProcessed: boolean;

  constructor(message: string, details: CommerceErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.body = details.body;
    this.maybeProcessed = details.maybeProcessed;
  }
}

/** An HTTP error answer from Commerce, with its message template substituted. */
export class CommerceHttpError extends CommerceError {
  override readonly name: string = 'CommerceHttpError';
  /** The message template as Commerce sent it, before substitution. */
  readonly rawMessage: string;
  readonly parameters: CommerceErrorBody['parameters'];
  /** Each aggregated error (Commerce's `errors` list), substituted. */
  readonly errors: readonly string[];

  constructor(message: string, details: CommerceErrorDetails, parsed: CommerceErrorBody) {
    super(message, details);
    this.rawMessage = parsed.message ?? '';
    this.parameters = parsed.parameters;
    this.errors = (parsed.errors ?? []).map((error) =>
      formatCommerceMessage(error.message ?? '', error.parameters),
    );
  }
}

/** 400: validation or state errors (Input, InvalidState, DocumentValidation, CouldNot* exceptions). */
export class CommerceBadRequestError extends CommerceHttpError {
  override readonly name = 'CommerceBadRequestError';
}
/** 401: bad credentials, bad OAuth signature, or a missing ACL resource. */
export class CommerceUnauthorizedError extends CommerceHttpError {
  override readonly name = 'CommerceUnauthorizedError';
}
/** 403. */
export class CommerceForbiddenError extends CommerceHttpError {
  override readonly name = 'CommerceForbiddenError';
}
/** 404: NoSuchEntityException, or an unknown route. */
export class CommerceNotFoundError extends CommerceHttpError {
  override readonly name = 'CommerceNotFoundError';
}
/** 429: rate limited; `retryAfterMs` comes from the Retry-After header when present. */
export class CommerceRateLimitError extends CommerceHttpError {
  override readonly name = 'CommerceRateLimitError';
  retryAfterMs: number | undefined;
}
/** 5xx. */
export class CommerceServerError extends CommerceHttpError {
  override readonly name = 'CommerceServerError';
}
/** The connection failed or was lost before an answer arrived. */
export class CommerceNetworkError extends CommerceError {
  override readonly name = 'CommerceNetworkError';
}
/** No answer within the request timeout. */
export class CommerceTimeoutError extends CommerceError {
  override readonly name = 'CommerceTimeoutError';
}
/** The answer was not what the schema promises (e.g. not JSON). */
export class CommerceResponseError extends CommerceError {
  override readonly name = 'CommerceResponseError';
}

function parseErrorBody(body: unknown): CommerceErrorBody {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.message === 'string') {
      return record as CommerceErrorBody;
    }
    // Fatal errors: {"messages":{"error":[{"code":500,"message":"…"}]}}
    const messages = record.messages as { error?: { message?: string }[] } | undefined;
    const first = messages?.error?.[0]?.message;
    if (typeof first === 'string') {
      return { message: first };
    }
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return { message: body.trim().slice(0, 500) };
  }
  return {};
}

/** Builds the typed error for an HTTP error answer. */
export function errorFromResponse(
  status: number,
  body: unknown,
  details: Omit<CommerceErrorDetails, 'status' | 'body'>,
): CommerceHttpError {
  const parsed = parseErrorBody(body);
  const text = formatCommerceMessage(parsed.message ?? `HTTP ${status}`, parsed.parameters);
  const message = `Commerce ${details.method} ${details.path} answered ${status}: ${text}`;
  const full = { ...details, status, body };
  if (status === 400) {
    return new CommerceBadRequestError(message, full, parsed);
  }
  if (status === 401) {
    return new CommerceUnauthorizedError(message, full, parsed);
  }
  if (status === 403) {
    return new CommerceForbiddenError(message, full, parsed);
  }
  if (status === 404) {
    return new CommerceNotFoundError(message, full, parsed);
  }
  if (status === 429) {
    return new CommerceRateLimitError(message, full, parsed);
  }
  if (status >= 500) {
    return new CommerceServerError(message, full, parsed);
  }
  return new CommerceHttpError(message, full, parsed);
}

/** The message without the "Commerce METHOD path answered N:" prefix. */
export function commerceMessage(error: CommerceHttpError): string {
  return formatCommerceMessage(error.rawMessage, error.parameters);
}
