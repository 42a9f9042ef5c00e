import { type ApiScope, authenticateApiToken } from '@saleschannel/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { errorResponse } from '../errors.js';

const MESSAGES = {
  missing: 'An API token is required: send "Authorization: Bearer <token>".',
  unknown: 'The API token is not valid.',
  revoked: 'The API token has been revoked.',
  expired: 'The API token has expired.',
} as const;

/** Lets a request through only with a valid bearer token that carries `scope`. */
export function requireScope(scope: ApiScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const check = await authenticateApiToken(c.get('runtime').database.db, token, scope);
    if (!check.ok) {
      return check.reason === 'scope'
        ? errorResponse(c, 403, 'forbidden', `The API token does not have the "${scope}" scope.`)
        : errorResponse(c, 401, 'unauthorized', MESSAGES[check.reason]);
    }
    await next();
  };
}
