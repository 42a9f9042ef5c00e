import { ServiceError } from '@saleschannel/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';

/** The one error envelope of the API: `{ error: { code, message, requestId } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string };
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
) {
  return c.json<ErrorBody>({ error: { code, message, requestId: c.get('requestId') } }, status);
}

const SERVICE_STATUS = { invalid_input: 400, not_found: 404, conflict: 409, not_allowed: 422 } as const;

export function handleError(error: Error, c: Context<AppEnv>) {
  if (error instanceof ServiceError) {
    const body: ErrorBody & { error: { details?: unknown } } = {
      error: {
        code: error.code,
        message: error.message,
        requestId: c.get('requestId'),
        ...(error.details ? { details: error.details } : {}),
      },
    };
    return c.json(body, SERVICE_STATUS[error.code]);
  }
  if (error instanceof ApiError) {
    return errorResponse(c, error.status, error.code, error.message);
  }
  if (error instanceof HTTPException) {
    return errorResponse(c, error.status, 'http_error', error.message);
  }
  c.get('logger')?.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return errorResponse(c, 500, 'internal_error', 'An unexpected error occurred; it has been logged.');
}
